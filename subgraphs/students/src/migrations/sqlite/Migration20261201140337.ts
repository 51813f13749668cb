import { Migration } from '@mikro-orm/migrations';

export class Migration20261201140337 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table \`program_participation_change\` add column \`staff_id\` text null;`);

    this.addSql(`alter table \`program_participation\` add column \`assigned_staff_ids\` json not null default '[]';`);
  }

}
