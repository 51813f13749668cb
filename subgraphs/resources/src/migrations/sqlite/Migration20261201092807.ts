import { Migration } from '@mikro-orm/migrations';

export class Migration20261201092807 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table \`service\` add column \`intake_status\` text not null default 'OPEN';`);
  }

}
