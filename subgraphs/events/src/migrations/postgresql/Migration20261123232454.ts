import { Migration } from '@mikro-orm/migrations';

export class Migration20261123232454 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "event" ("id" uuid not null, "organization_id" uuid not null, "title" varchar(200) not null, "date" varchar(10) not null, "type" varchar(40) not null, "description" text null, "street" varchar(200) not null, "city" varchar(100) not null, "zip" varchar(10) not null, "target_audience" varchar(200) not null, "engagement_level" varchar(40) not null, "attendees" int not null, "imperative" varchar(40) not null default 'EARLY_CHILDHOOD', "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "event_pkey" primary key ("id"));`);
    this.addSql(`create index "event_date_index" on "event" ("date");`);
    this.addSql(`create index "event_organization_id_date_index" on "event" ("organization_id", "date");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "event" cascade;`);
  }

}
