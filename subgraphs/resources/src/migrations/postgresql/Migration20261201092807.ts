import { Migration } from '@mikro-orm/migrations';

export class Migration20261201092807 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "service" add column "intake_status" varchar(40) not null default 'OPEN';`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "service" drop column "intake_status";`);
  }

}
