import { Migration } from '@mikro-orm/migrations';

export class Migration20261123232244 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "disclosure" ("id" uuid not null, "viewer_sub" varchar(200) not null, "viewer_organization_id" uuid null, "viewer_roles" jsonb not null, "student_id" uuid not null, "fields" jsonb not null, "basis" varchar(200) not null, "request_id" varchar(100) not null, "created_at" timestamptz not null, constraint "disclosure_pkey" primary key ("id"));`);
    this.addSql(`create index "disclosure_created_at_index" on "disclosure" ("created_at");`);
    this.addSql(`create index "disclosure_student_id_created_at_index" on "disclosure" ("student_id", "created_at");`);

    this.addSql(`create table "student" ("id" uuid not null, "sourced_id" varchar(100) not null, "given_name" varchar(100) not null, "family_name" varchar(100) not null, "birth_date" date not null, "grade" varchar(4) not null, "school_id" uuid not null, "gender" varchar(20) null, "status" varchar(20) not null default 'active', "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "student_pkey" primary key ("id"));`);
    this.addSql(`alter table "student" add constraint "student_sourced_id_unique" unique ("sourced_id");`);
    this.addSql(`create index "student_school_id_index" on "student" ("school_id");`);

    this.addSql(`create table "program_participation" ("id" uuid not null, "student_id" uuid not null, "organization_id" uuid not null, "program_name" varchar(200) not null, "start_date" date not null, "end_date" date null, "consent_given_at" timestamptz null, "consent_expires_at" timestamptz null, "consent_revoked_at" timestamptz null, "consent_given_by" varchar(200) null, constraint "program_participation_pkey" primary key ("id"));`);
    this.addSql(`create index "program_participation_organization_id_student_id_index" on "program_participation" ("organization_id", "student_id");`);
    this.addSql(`create index "program_participation_student_id_index" on "program_participation" ("student_id");`);

    this.addSql(`create table "enrollment" ("id" uuid not null, "student_id" uuid not null, "school_id" uuid not null, "school_year" varchar(9) not null, "grade" varchar(4) not null, "entry_date" date not null, "exit_date" date null, "status" varchar(20) not null default 'active', constraint "enrollment_pkey" primary key ("id"));`);
    this.addSql(`create index "enrollment_school_id_index" on "enrollment" ("school_id");`);
    this.addSql(`create index "enrollment_student_id_index" on "enrollment" ("student_id");`);

    this.addSql(`alter table "program_participation" add constraint "program_participation_student_id_foreign" foreign key ("student_id") references "student" ("id") on update cascade;`);

    this.addSql(`alter table "enrollment" add constraint "enrollment_student_id_foreign" foreign key ("student_id") references "student" ("id") on update cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "program_participation" drop constraint "program_participation_student_id_foreign";`);

    this.addSql(`alter table "enrollment" drop constraint "enrollment_student_id_foreign";`);

    this.addSql(`drop table if exists "disclosure" cascade;`);

    this.addSql(`drop table if exists "student" cascade;`);

    this.addSql(`drop table if exists "program_participation" cascade;`);

    this.addSql(`drop table if exists "enrollment" cascade;`);
  }

}
