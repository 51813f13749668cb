import { Migration } from '@mikro-orm/migrations';

export class Migration20261124001540 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "alignment_review" ("id" uuid not null, "partnership_id" uuid not null, "alignment" varchar(20) not null, "reviewer" varchar(200) not null, "reviewed_on" varchar(10) not null, "notes" text null, "created_at" timestamptz not null, constraint "alignment_review_pkey" primary key ("id"));`);
    this.addSql(`create index "alignment_review_partnership_id_index" on "alignment_review" ("partnership_id");`);

    this.addSql(`create table "partnership" ("id" uuid not null, "school_id" uuid not null, "partner_organization_id" uuid not null, "focus_areas" jsonb not null, "status" varchar(20) not null, "start_date" varchar(10) not null, "end_date" varchar(10) null, "created_at" timestamptz not null, constraint "partnership_pkey" primary key ("id"));`);
    this.addSql(`create index "partnership_school_id_index" on "partnership" ("school_id");`);
    this.addSql(`create index "partnership_partner_organization_id_index" on "partnership" ("partner_organization_id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "alignment_review" cascade;`);

    this.addSql(`drop table if exists "partnership" cascade;`);
  }

}
