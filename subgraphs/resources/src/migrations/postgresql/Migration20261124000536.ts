import { Migration } from '@mikro-orm/migrations';

export class Migration20261124000536 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "location" ("id" uuid not null, "organization_id" uuid null, "location_type" varchar(20) not null default 'PHYSICAL', "name" varchar(200) null, "description" text null, "url" varchar(500) null, "street" varchar(200) null, "city" varchar(100) null, "state" varchar(100) null, "postal_code" varchar(20) null, "country" varchar(2) null, "latitude" double precision null, "longitude" double precision null, constraint "location_pkey" primary key ("id"));`);
    this.addSql(`create index "location_organization_id_index" on "location" ("organization_id");`);

    this.addSql(`create table "schedule" ("id" uuid not null, "service_id" uuid not null, "location_id" uuid null, "weekday" varchar(2) null, "opens_at" varchar(5) null, "closes_at" varchar(5) null, "timezone" varchar(64) not null, "valid_from" varchar(10) null, "valid_to" varchar(10) null, "closed" boolean not null default false, "description" text null, constraint "schedule_pkey" primary key ("id"));`);
    this.addSql(`create index "schedule_service_id_weekday_index" on "schedule" ("service_id", "weekday");`);

    this.addSql(`create table "service_area" ("id" uuid not null, "service_id" uuid not null, "postal_code" varchar(20) null, "name" varchar(200) null, "description" text null, constraint "service_area_pkey" primary key ("id"));`);
    this.addSql(`create index "service_area_postal_code_index" on "service_area" ("postal_code");`);
    this.addSql(`create index "service_area_service_id_index" on "service_area" ("service_id");`);

    this.addSql(`create table "service_at_location" ("id" uuid not null, "service_id" uuid not null, "location_id" uuid not null, constraint "service_at_location_pkey" primary key ("id"));`);
    this.addSql(`create index "service_at_location_service_id_index" on "service_at_location" ("service_id");`);
    this.addSql(`create index "service_at_location_location_id_index" on "service_at_location" ("location_id");`);
    this.addSql(`alter table "service_at_location" add constraint "service_at_location_service_id_location_id_unique" unique ("service_id", "location_id");`);

    this.addSql(`create table "service_contact" ("id" uuid not null, "service_id" uuid not null, "name" varchar(200) null, "title" varchar(200) null, "email" varchar(200) null, "phone" varchar(40) null, constraint "service_contact_pkey" primary key ("id"));`);
    this.addSql(`create index "service_contact_service_id_index" on "service_contact" ("service_id");`);

    this.addSql(`create table "service_phone" ("id" uuid not null, "service_id" uuid not null, "number" varchar(40) not null, "extension" varchar(10) null, "type" varchar(20) not null default 'voice', "description" text null, constraint "service_phone_pkey" primary key ("id"));`);
    this.addSql(`create index "service_phone_service_id_index" on "service_phone" ("service_id");`);

    this.addSql(`create table "service_taxonomy" ("id" uuid not null, "service_id" uuid not null, "term_id" uuid not null, "direct" boolean not null, constraint "service_taxonomy_pkey" primary key ("id"));`);
    this.addSql(`create index "service_taxonomy_term_id_service_id_index" on "service_taxonomy" ("term_id", "service_id");`);
    this.addSql(`alter table "service_taxonomy" add constraint "service_taxonomy_service_id_term_id_unique" unique ("service_id", "term_id");`);

    this.addSql(`create table "taxonomy_term" ("id" uuid not null, "code" varchar(100) not null, "name" varchar(200) not null, "description" text null, "parent_id" uuid null, "imperative" varchar(40) null, "taxonomy" varchar(100) not null default 'c2c', constraint "taxonomy_term_pkey" primary key ("id"));`);
    this.addSql(`alter table "taxonomy_term" add constraint "taxonomy_term_code_unique" unique ("code");`);
    this.addSql(`create index "taxonomy_term_parent_id_index" on "taxonomy_term" ("parent_id");`);

    this.addSql(`alter table "service" add column "application_process" text null, add column "alert" text null, add column "assured_date" varchar(10) null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "location" cascade;`);

    this.addSql(`drop table if exists "schedule" cascade;`);

    this.addSql(`drop table if exists "service_area" cascade;`);

    this.addSql(`drop table if exists "service_at_location" cascade;`);

    this.addSql(`drop table if exists "service_contact" cascade;`);

    this.addSql(`drop table if exists "service_phone" cascade;`);

    this.addSql(`drop table if exists "service_taxonomy" cascade;`);

    this.addSql(`drop table if exists "taxonomy_term" cascade;`);

    this.addSql(`alter table "service" drop column "application_process", drop column "alert", drop column "assured_date";`);
  }

}
