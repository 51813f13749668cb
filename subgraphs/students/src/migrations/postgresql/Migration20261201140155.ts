import { Migration } from '@mikro-orm/migrations';

export class Migration20261201140155 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "class" ("id" uuid not null, "sourced_id" varchar(255) not null, "title" varchar(255) not null, "class_code" varchar(100) null, "class_type" varchar(40) not null, "location" varchar(255) null, "grades" varchar(255) null, "subjects" text null, "subject_codes" text null, "term_sourced_ids" text null, "periods" varchar(255) null, "course_id" uuid null, "school_id" uuid not null, "status" varchar(20) not null default 'active', "date_last_modified" varchar(40) null, "fingerprint" varchar(40) null, "seen_run" uuid null, constraint "class_pkey" primary key ("id"));`);
    this.addSql(`alter table "class" add constraint "class_sourced_id_unique" unique ("sourced_id");`);
    this.addSql(`create index "class_course_id_index" on "class" ("course_id");`);
    this.addSql(`create index "class_school_id_index" on "class" ("school_id");`);

    this.addSql(`alter table "course" add column "grades" varchar(255) null, add column "subjects" text null, add column "subject_codes" text null;`);

    this.addSql(`alter table "enrollment" add column "class_id" uuid null;`);
    this.addSql(`create index "enrollment_class_id_index" on "enrollment" ("class_id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "class" cascade;`);

    this.addSql(`alter table "course" drop column "grades", drop column "subjects", drop column "subject_codes";`);

    this.addSql(`drop index "enrollment_class_id_index";`);
    this.addSql(`alter table "enrollment" drop column "class_id";`);
  }

}
