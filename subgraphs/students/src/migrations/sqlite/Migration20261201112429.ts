import { Migration } from '@mikro-orm/migrations';

export class Migration20261201112429 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`academic_session\` (\`id\` text not null, \`sourced_id\` text not null, \`title\` text not null, \`type\` text not null, \`start_date\` date null, \`end_date\` date null, \`school_year\` text null, \`status\` text not null default 'active', \`date_last_modified\` text null, \`fingerprint\` text null, \`seen_run\` text null, primary key (\`id\`));`);
    this.addSql(`create unique index \`academic_session_sourced_id_unique\` on \`academic_session\` (\`sourced_id\`);`);

    this.addSql(`create table \`course\` (\`id\` text not null, \`sourced_id\` text not null, \`title\` text not null, \`course_code\` text null, \`status\` text not null default 'active', \`date_last_modified\` text null, \`fingerprint\` text null, \`seen_run\` text null, primary key (\`id\`));`);
    this.addSql(`create unique index \`course_sourced_id_unique\` on \`course\` (\`sourced_id\`);`);

    this.addSql(`create table \`course_transcript\` (\`id\` text not null, \`sourced_id\` text not null, \`student_id\` text not null, \`course_id\` text not null, \`academic_session_id\` text not null, \`mark\` text not null, \`credits_earned\` double null, \`status\` text not null default 'active', \`date_last_modified\` text null, \`fingerprint\` text null, \`seen_run\` text null, primary key (\`id\`));`);
    this.addSql(`create unique index \`course_transcript_sourced_id_unique\` on \`course_transcript\` (\`sourced_id\`);`);
    this.addSql(`create index \`course_transcript_student_id_index\` on \`course_transcript\` (\`student_id\`);`);

    this.addSql(`create table \`discipline_incident\` (\`id\` text not null, \`sourced_id\` text not null, \`student_id\` text not null, \`school_id\` text not null, \`date\` date not null, \`type\` text not null, \`action\` text null, \`days_removed\` double not null, \`status\` text not null default 'active', \`date_last_modified\` text null, \`fingerprint\` text null, \`seen_run\` text null, primary key (\`id\`));`);
    this.addSql(`create unique index \`discipline_incident_sourced_id_unique\` on \`discipline_incident\` (\`sourced_id\`);`);
    this.addSql(`create index \`discipline_incident_school_id_date_index\` on \`discipline_incident\` (\`school_id\`, \`date\`);`);
    this.addSql(`create index \`discipline_incident_student_id_date_index\` on \`discipline_incident\` (\`student_id\`, \`date\`);`);

    this.addSql(`create table \`school\` (\`id\` text not null, \`sourced_id\` text not null, \`name\` text not null, \`type\` text not null, \`identifier\` text null, \`parent_sourced_id\` text null, \`status\` text not null default 'active', \`date_last_modified\` text null, \`fingerprint\` text null, \`seen_run\` text null, primary key (\`id\`));`);
    this.addSql(`create unique index \`school_sourced_id_unique\` on \`school\` (\`sourced_id\`);`);

    this.addSql(`create table \`student_assessment\` (\`id\` text not null, \`sourced_id\` text not null, \`student_id\` text not null, \`assessment\` text not null, \`subject\` text not null, \`administration_date\` date not null, \`scale_score\` double null, \`performance_level\` text null, \`proficient\` integer null, \`status\` text not null default 'active', \`date_last_modified\` text null, \`fingerprint\` text null, \`seen_run\` text null, primary key (\`id\`));`);
    this.addSql(`create unique index \`student_assessment_sourced_id_unique\` on \`student_assessment\` (\`sourced_id\`);`);
    this.addSql(`create index \`student_assessment_student_id_administration_date_index\` on \`student_assessment\` (\`student_id\`, \`administration_date\`);`);

    this.addSql(`create table \`student_demographics\` (\`id\` text not null, \`sourced_id\` text not null, \`student_id\` text not null, \`birth_date\` date null, \`sex\` text null, \`american_indian_or_alaska_native\` integer null, \`asian\` integer null, \`black_or_african_american\` integer null, \`native_hawaiian_or_other_pacific_islander\` integer null, \`white\` integer null, \`demographic_race_two_or_more_races\` integer null, \`hispanic_or_latino_ethnicity\` integer null, \`economically_disadvantaged\` integer null, \`disability\` integer null, \`english_learner\` integer null, \`home_zip\` text null, \`status\` text not null default 'active', \`date_last_modified\` text null, \`fingerprint\` text null, \`seen_run\` text null, primary key (\`id\`));`);
    this.addSql(`create unique index \`student_demographics_sourced_id_unique\` on \`student_demographics\` (\`sourced_id\`);`);
    this.addSql(`create index \`student_demographics_student_id_index\` on \`student_demographics\` (\`student_id\`);`);

    this.addSql(`create table \`student_school_attendance_event\` (\`id\` text not null, \`sourced_id\` text not null, \`student_id\` text not null, \`school_id\` text not null, \`date\` date not null, \`category\` text not null, \`status\` text not null default 'active', \`date_last_modified\` text null, \`fingerprint\` text null, \`seen_run\` text null, primary key (\`id\`));`);
    this.addSql(`create unique index \`student_school_attendance_event_sourced_id_unique\` on \`student_school_attendance_event\` (\`sourced_id\`);`);
    this.addSql(`create index \`student_school_attendance_event_school_id_date_index\` on \`student_school_attendance_event\` (\`school_id\`, \`date\`);`);
    this.addSql(`create index \`student_school_attendance_event_student_id_date_index\` on \`student_school_attendance_event\` (\`student_id\`, \`date\`);`);

    this.addSql(`create table \`sync_run\` (\`id\` text not null, \`source\` text null, \`started_by\` text not null, \`started_at\` datetime not null, \`finished_at\` datetime null, \`files\` json not null, \`errors\` json not null, \`warnings\` json not null, primary key (\`id\`));`);
    this.addSql(`create index \`sync_run_started_at_index\` on \`sync_run\` (\`started_at\`);`);

    // SQLite cannot drop NOT NULL: the two tables are rebuilt. Migrations run before the kernel
    // turns foreign keys on (kernel/src/orm.ts), so the drop leaves the children's rows alone.
    this.addSql(`create table \`student__new\` (\`id\` text not null, \`sourced_id\` text not null, \`given_name\` text not null, \`family_name\` text not null, \`birth_date\` date null, \`grade\` text null, \`school_id\` text not null, \`gender\` text null, \`status\` text not null default 'active', \`created_at\` datetime not null, \`updated_at\` datetime not null, \`district_id\` text null, \`date_last_modified\` text null, \`fingerprint\` text null, \`seen_run\` text null, primary key (\`id\`));`);
    this.addSql(`insert into \`student__new\` (\`id\`, \`sourced_id\`, \`given_name\`, \`family_name\`, \`birth_date\`, \`grade\`, \`school_id\`, \`gender\`, \`status\`, \`created_at\`, \`updated_at\`) select \`id\`, \`sourced_id\`, \`given_name\`, \`family_name\`, \`birth_date\`, \`grade\`, \`school_id\`, \`gender\`, \`status\`, \`created_at\`, \`updated_at\` from \`student\`;`);
    this.addSql(`drop table \`student\`;`);
    this.addSql(`alter table \`student__new\` rename to \`student\`;`);
    this.addSql(`create unique index \`student_sourced_id_unique\` on \`student\` (\`sourced_id\`);`);
    this.addSql(`create index \`student_school_id_index\` on \`student\` (\`school_id\`);`);
    this.addSql(`create index \`student_school_id_grade_index\` on \`student\` (\`school_id\`, \`grade\`);`);

    this.addSql(`create table \`enrollment__new\` (\`id\` text not null, \`student_id\` text not null, \`sourced_id\` text null, \`class_sourced_id\` text null, \`school_id\` text not null, \`school_year\` text null, \`grade\` text null, \`entry_date\` date null, \`exit_date\` date null, \`status\` text not null default 'active', \`date_last_modified\` text null, \`fingerprint\` text null, \`seen_run\` text null, constraint \`enrollment_student_id_foreign\` foreign key(\`student_id\`) references \`student\`(\`id\`) on update cascade, primary key (\`id\`));`);
    this.addSql(`insert into \`enrollment__new\` (\`id\`, \`student_id\`, \`school_id\`, \`school_year\`, \`grade\`, \`entry_date\`, \`exit_date\`, \`status\`) select \`id\`, \`student_id\`, \`school_id\`, \`school_year\`, \`grade\`, \`entry_date\`, \`exit_date\`, \`status\` from \`enrollment\`;`);
    this.addSql(`drop table \`enrollment\`;`);
    this.addSql(`alter table \`enrollment__new\` rename to \`enrollment\`;`);
    this.addSql(`create index \`enrollment_school_id_index\` on \`enrollment\` (\`school_id\`);`);
    this.addSql(`create index \`enrollment_student_id_index\` on \`enrollment\` (\`student_id\`);`);
    this.addSql(`create unique index \`enrollment_sourced_id_unique\` on \`enrollment\` (\`sourced_id\`);`);
  }

}
