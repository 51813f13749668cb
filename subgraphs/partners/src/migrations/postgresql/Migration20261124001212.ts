import { Migration } from '@mikro-orm/migrations';

export class Migration20261124001212 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "staff" ("id" uuid not null, "organization_id" uuid null, "name" varchar(200) not null, "email" varchar(200) not null, "roles" jsonb not null, "subject" varchar(200) null, "active" boolean not null default true, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "staff_pkey" primary key ("id"));`);
    this.addSql(`create index "staff_organization_id_index" on "staff" ("organization_id");`);
    this.addSql(`alter table "staff" add constraint "staff_email_unique" unique ("email");`);
    this.addSql(`alter table "staff" add constraint "staff_subject_unique" unique ("subject");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "staff" cascade;`);
  }

}
