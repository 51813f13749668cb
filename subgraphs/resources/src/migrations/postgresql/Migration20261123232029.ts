import { Migration } from '@mikro-orm/migrations';

export class Migration20261123232029 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "service" ("id" uuid not null, "organization_id" uuid not null, "name" varchar(200) not null, "description" text not null, "status" varchar(40) not null default 'ACTIVE', "imperative" varchar(40) not null, "eligibility_description" text null, "minimum_age" int null, "maximum_age" int null, "free" boolean not null, "fees" varchar(500) null, "languages" jsonb not null, "url" varchar(500) null, "email" varchar(200) null, "phone" varchar(40) null, "street" varchar(200) null, "city" varchar(100) null, "state" varchar(2) null, "zip" varchar(10) null, "latitude" double precision null, "longitude" double precision null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "service_pkey" primary key ("id"));`);
    this.addSql(`create index "service_organization_id_index" on "service" ("organization_id");`);
    this.addSql(`create index "service_status_index" on "service" ("status");`);
    this.addSql(`create index "service_imperative_index" on "service" ("imperative");`);
    this.addSql(`create index "service_zip_index" on "service" ("zip");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "service" cascade;`);
  }

}
