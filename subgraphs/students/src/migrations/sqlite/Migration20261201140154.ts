import { Migration } from '@mikro-orm/migrations';

export class Migration20261201140154 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`class\` (\`id\` text not null, \`sourced_id\` text not null, \`title\` text not null, \`class_code\` text null, \`class_type\` text not null, \`location\` text null, \`grades\` text null, \`subjects\` text null, \`subject_codes\` text null, \`term_sourced_ids\` text null, \`periods\` text null, \`course_id\` text null, \`school_id\` text not null, \`status\` text not null default 'active', \`date_last_modified\` text null, \`fingerprint\` text null, \`seen_run\` text null, primary key (\`id\`));`);
    this.addSql(`create unique index \`class_sourced_id_unique\` on \`class\` (\`sourced_id\`);`);
    this.addSql(`create index \`class_course_id_index\` on \`class\` (\`course_id\`);`);
    this.addSql(`create index \`class_school_id_index\` on \`class\` (\`school_id\`);`);

    this.addSql(`alter table \`course\` add column \`grades\` text null;`);
    this.addSql(`alter table \`course\` add column \`subjects\` text null;`);
    this.addSql(`alter table \`course\` add column \`subject_codes\` text null;`);

    this.addSql(`alter table \`enrollment\` add column \`class_id\` text null;`);
    this.addSql(`create index \`enrollment_class_id_index\` on \`enrollment\` (\`class_id\`);`);
  }

}
