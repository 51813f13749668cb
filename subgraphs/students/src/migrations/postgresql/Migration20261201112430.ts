import { Migration } from '@mikro-orm/migrations';

export class Migration20261201112430 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "academic_session" ("id" uuid not null, "sourced_id" varchar(255) not null, "title" varchar(255) not null, "type" varchar(40) not null, "start_date" date null, "end_date" date null, "school_year" varchar(9) null, "status" varchar(20) not null default 'active', "date_last_modified" varchar(40) null, "fingerprint" varchar(40) null, "seen_run" uuid null, constraint "academic_session_pkey" primary key ("id"));`);
    this.addSql(`alter table "academic_session" add constraint "academic_session_sourced_id_unique" unique ("sourced_id");`);

    this.addSql(`create table "course" ("id" uuid not null, "sourced_id" varchar(255) not null, "title" varchar(255) not null, "course_code" varchar(100) null, "status" varchar(20) not null default 'active', "date_last_modified" varchar(40) null, "fingerprint" varchar(40) null, "seen_run" uuid null, constraint "course_pkey" primary key ("id"));`);
    this.addSql(`alter table "course" add constraint "course_sourced_id_unique" unique ("sourced_id");`);

    this.addSql(`create table "course_transcript" ("id" uuid not null, "sourced_id" varchar(255) not null, "student_id" uuid not null, "course_id" uuid not null, "academic_session_id" uuid not null, "mark" varchar(20) not null, "credits_earned" double precision null, "status" varchar(20) not null default 'active', "date_last_modified" varchar(40) null, "fingerprint" varchar(40) null, "seen_run" uuid null, constraint "course_transcript_pkey" primary key ("id"));`);
    this.addSql(`alter table "course_transcript" add constraint "course_transcript_sourced_id_unique" unique ("sourced_id");`);
    this.addSql(`create index "course_transcript_student_id_index" on "course_transcript" ("student_id");`);

    this.addSql(`create table "discipline_incident" ("id" uuid not null, "sourced_id" varchar(255) not null, "student_id" uuid not null, "school_id" uuid not null, "date" date not null, "type" varchar(100) not null, "action" varchar(100) null, "days_removed" double precision not null, "status" varchar(20) not null default 'active', "date_last_modified" varchar(40) null, "fingerprint" varchar(40) null, "seen_run" uuid null, constraint "discipline_incident_pkey" primary key ("id"));`);
    this.addSql(`alter table "discipline_incident" add constraint "discipline_incident_sourced_id_unique" unique ("sourced_id");`);
    this.addSql(`create index "discipline_incident_school_id_date_index" on "discipline_incident" ("school_id", "date");`);
    this.addSql(`create index "discipline_incident_student_id_date_index" on "discipline_incident" ("student_id", "date");`);

    this.addSql(`create table "school" ("id" uuid not null, "sourced_id" varchar(255) not null, "name" varchar(255) not null, "type" varchar(40) not null, "identifier" varchar(255) null, "parent_sourced_id" varchar(255) null, "status" varchar(20) not null default 'active', "date_last_modified" varchar(40) null, "fingerprint" varchar(40) null, "seen_run" uuid null, constraint "school_pkey" primary key ("id"));`);
    this.addSql(`alter table "school" add constraint "school_sourced_id_unique" unique ("sourced_id");`);

    this.addSql(`create table "student_assessment" ("id" uuid not null, "sourced_id" varchar(255) not null, "student_id" uuid not null, "assessment" varchar(100) not null, "subject" varchar(100) not null, "administration_date" date not null, "scale_score" double precision null, "performance_level" varchar(50) null, "proficient" boolean null, "status" varchar(20) not null default 'active', "date_last_modified" varchar(40) null, "fingerprint" varchar(40) null, "seen_run" uuid null, constraint "student_assessment_pkey" primary key ("id"));`);
    this.addSql(`alter table "student_assessment" add constraint "student_assessment_sourced_id_unique" unique ("sourced_id");`);
    this.addSql(`create index "student_assessment_student_id_administration_date_index" on "student_assessment" ("student_id", "administration_date");`);

    this.addSql(`create table "student_demographics" ("id" uuid not null, "sourced_id" varchar(255) not null, "student_id" uuid not null, "birth_date" date null, "sex" varchar(20) null, "american_indian_or_alaska_native" boolean null, "asian" boolean null, "black_or_african_american" boolean null, "native_hawaiian_or_other_pacific_islander" boolean null, "white" boolean null, "demographic_race_two_or_more_races" boolean null, "hispanic_or_latino_ethnicity" boolean null, "economically_disadvantaged" boolean null, "disability" boolean null, "english_learner" boolean null, "home_zip" varchar(10) null, "status" varchar(20) not null default 'active', "date_last_modified" varchar(40) null, "fingerprint" varchar(40) null, "seen_run" uuid null, constraint "student_demographics_pkey" primary key ("id"));`);
    this.addSql(`alter table "student_demographics" add constraint "student_demographics_sourced_id_unique" unique ("sourced_id");`);
    this.addSql(`create index "student_demographics_student_id_index" on "student_demographics" ("student_id");`);

    this.addSql(`create table "student_school_attendance_event" ("id" uuid not null, "sourced_id" varchar(255) not null, "student_id" uuid not null, "school_id" uuid not null, "date" date not null, "category" varchar(30) not null, "status" varchar(20) not null default 'active', "date_last_modified" varchar(40) null, "fingerprint" varchar(40) null, "seen_run" uuid null, constraint "student_school_attendance_event_pkey" primary key ("id"));`);
    this.addSql(`alter table "student_school_attendance_event" add constraint "student_school_attendance_event_sourced_id_unique" unique ("sourced_id");`);
    this.addSql(`create index "student_school_attendance_event_school_id_date_index" on "student_school_attendance_event" ("school_id", "date");`);
    this.addSql(`create index "student_school_attendance_event_student_id_date_index" on "student_school_attendance_event" ("student_id", "date");`);

    this.addSql(`create table "sync_run" ("id" uuid not null, "source" varchar(500) null, "started_by" varchar(200) not null, "started_at" timestamptz not null, "finished_at" timestamptz null, "files" jsonb not null, "errors" jsonb not null, "warnings" jsonb not null, constraint "sync_run_pkey" primary key ("id"));`);
    this.addSql(`create index "sync_run_started_at_index" on "sync_run" ("started_at");`);

    this.addSql(`alter table "student" add column "district_id" varchar(100) null, add column "date_last_modified" varchar(40) null, add column "fingerprint" varchar(40) null, add column "seen_run" uuid null;`);
    this.addSql(`alter table "student" alter column "birth_date" type date using ("birth_date"::date);`);
    this.addSql(`alter table "student" alter column "birth_date" drop not null;`);
    this.addSql(`alter table "student" alter column "grade" type varchar(4) using ("grade"::varchar(4));`);
    this.addSql(`alter table "student" alter column "grade" drop not null;`);
    this.addSql(`create index "student_school_id_grade_index" on "student" ("school_id", "grade");`);

    this.addSql(`alter table "enrollment" add column "sourced_id" varchar(255) null, add column "class_sourced_id" varchar(255) null, add column "date_last_modified" varchar(40) null, add column "fingerprint" varchar(40) null, add column "seen_run" uuid null;`);
    this.addSql(`alter table "enrollment" alter column "school_year" type varchar(9) using ("school_year"::varchar(9));`);
    this.addSql(`alter table "enrollment" alter column "school_year" drop not null;`);
    this.addSql(`alter table "enrollment" alter column "grade" type varchar(4) using ("grade"::varchar(4));`);
    this.addSql(`alter table "enrollment" alter column "grade" drop not null;`);
    this.addSql(`alter table "enrollment" alter column "entry_date" type date using ("entry_date"::date);`);
    this.addSql(`alter table "enrollment" alter column "entry_date" drop not null;`);
    this.addSql(`alter table "enrollment" add constraint "enrollment_sourced_id_unique" unique ("sourced_id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "academic_session" cascade;`);

    this.addSql(`drop table if exists "course" cascade;`);

    this.addSql(`drop table if exists "course_transcript" cascade;`);

    this.addSql(`drop table if exists "discipline_incident" cascade;`);

    this.addSql(`drop table if exists "school" cascade;`);

    this.addSql(`drop table if exists "student_assessment" cascade;`);

    this.addSql(`drop table if exists "student_demographics" cascade;`);

    this.addSql(`drop table if exists "student_school_attendance_event" cascade;`);

    this.addSql(`drop table if exists "sync_run" cascade;`);

    this.addSql(`alter table "enrollment" drop constraint "enrollment_sourced_id_unique";`);
    this.addSql(`alter table "enrollment" drop column "sourced_id", drop column "class_sourced_id", drop column "date_last_modified", drop column "fingerprint", drop column "seen_run";`);

    this.addSql(`alter table "enrollment" alter column "school_year" type varchar(9) using ("school_year"::varchar(9));`);
    this.addSql(`alter table "enrollment" alter column "school_year" set not null;`);
    this.addSql(`alter table "enrollment" alter column "grade" type varchar(4) using ("grade"::varchar(4));`);
    this.addSql(`alter table "enrollment" alter column "grade" set not null;`);
    this.addSql(`alter table "enrollment" alter column "entry_date" type date using ("entry_date"::date);`);
    this.addSql(`alter table "enrollment" alter column "entry_date" set not null;`);

    this.addSql(`drop index "student_school_id_grade_index";`);
    this.addSql(`alter table "student" drop column "district_id", drop column "date_last_modified", drop column "fingerprint", drop column "seen_run";`);

    this.addSql(`alter table "student" alter column "birth_date" type date using ("birth_date"::date);`);
    this.addSql(`alter table "student" alter column "birth_date" set not null;`);
    this.addSql(`alter table "student" alter column "grade" type varchar(4) using ("grade"::varchar(4));`);
    this.addSql(`alter table "student" alter column "grade" set not null;`);
  }

}
