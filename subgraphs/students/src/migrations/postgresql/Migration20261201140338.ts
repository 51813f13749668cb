import { Migration } from '@mikro-orm/migrations';

export class Migration20261201140338 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "program_participation_change" add column "staff_id" uuid null;`);

    this.addSql(`alter table "program_participation" add column "assigned_staff_ids" jsonb not null default '[]';`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "program_participation" drop column "assigned_staff_ids";`);

    this.addSql(`alter table "program_participation_change" drop column "staff_id";`);
  }

}
