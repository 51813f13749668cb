import { Migration } from '@mikro-orm/migrations';

export class Migration20261123231411 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "organization" ("id" uuid not null, "name" varchar(200) not null, "sector" varchar(40) not null, "imperatives" jsonb not null, "description" text null, "street" varchar(200) null, "city" varchar(100) null, "state" varchar(2) null, "zip" varchar(10) null, "latitude" double precision null, "longitude" double precision null, "website" varchar(300) null, "phone" varchar(40) null, "email" varchar(200) null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "organization_pkey" primary key ("id"));`);
    this.addSql(`create index "organization_name_index" on "organization" ("name");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "organization" cascade;`);
  }

}
