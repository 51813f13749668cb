import { Migration } from '@mikro-orm/migrations';

export class Migration20261201140157 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "accessibility" ("id" uuid not null, "location_id" uuid not null, "description" text null, "details" text null, "url" varchar(500) null, constraint "accessibility_pkey" primary key ("id"));`);
    this.addSql(`create index "accessibility_location_id_index" on "accessibility" ("location_id");`);

    this.addSql(`create table "cost_option" ("id" uuid not null, "service_id" uuid not null, "option" varchar(500) null, "amount" double precision null, "currency" varchar(3) null, "amount_description" varchar(500) null, "valid_from" varchar(10) null, "valid_to" varchar(10) null, constraint "cost_option_pkey" primary key ("id"));`);
    this.addSql(`create index "cost_option_service_id_index" on "cost_option" ("service_id");`);

    this.addSql(`create table "funding" ("id" uuid not null, "service_id" uuid not null, "source" text not null, constraint "funding_pkey" primary key ("id"));`);
    this.addSql(`create index "funding_service_id_index" on "funding" ("service_id");`);

    this.addSql(`create table "program" ("id" uuid not null, "organization_id" uuid not null, "name" varchar(200) not null, "alternate_name" varchar(200) null, "description" text not null, constraint "program_pkey" primary key ("id"));`);
    this.addSql(`create index "program_organization_id_index" on "program" ("organization_id");`);

    this.addSql(`create table "required_document" ("id" uuid not null, "service_id" uuid not null, "document" text null, "uri" varchar(500) null, constraint "required_document_pkey" primary key ("id"));`);
    this.addSql(`create index "required_document_service_id_index" on "required_document" ("service_id");`);

    this.addSql(`create table "service_language" ("id" uuid not null, "service_id" uuid not null, "code" varchar(2) not null, "name" varchar(100) null, "note" text null, constraint "service_language_pkey" primary key ("id"));`);
    this.addSql(`create index "service_language_service_id_index" on "service_language" ("service_id");`);

    this.addSql(`alter table "service" add column "program_id" uuid null;`);
    this.addSql(`create index "service_program_id_index" on "service" ("program_id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "accessibility" cascade;`);

    this.addSql(`drop table if exists "cost_option" cascade;`);

    this.addSql(`drop table if exists "funding" cascade;`);

    this.addSql(`drop table if exists "program" cascade;`);

    this.addSql(`drop table if exists "required_document" cascade;`);

    this.addSql(`drop table if exists "service_language" cascade;`);

    this.addSql(`drop index "service_program_id_index";`);
    this.addSql(`alter table "service" drop column "program_id";`);
  }

}
