import { Migration } from '@mikro-orm/migrations';

export class Migration20261124001751 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table \`organization\` add column \`legal_name\` text null;`);
    this.addSql(`alter table \`organization\` add column \`contact_name\` text null;`);
    this.addSql(`alter table \`organization\` add column \`contact_email\` text null;`);
    this.addSql(`alter table \`organization\` add column \`contact_phone\` text null;`);
  }

}
