import { Migration } from '@mikro-orm/migrations';

export class Migration20261124001752 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "organization" add column "legal_name" varchar(300) null, add column "contact_name" varchar(200) null, add column "contact_email" varchar(200) null, add column "contact_phone" varchar(40) null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "organization" drop column "legal_name", drop column "contact_name", drop column "contact_email", drop column "contact_phone";`);
  }

}
