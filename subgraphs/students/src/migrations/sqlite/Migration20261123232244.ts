import { Migration } from '@mikro-orm/migrations';

export class Migration20261123232244 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`disclosure\` (\`id\` text not null, \`viewer_sub\` text not null, \`viewer_organization_id\` text null, \`viewer_roles\` json not null, \`student_id\` text not null, \`fields\` json not null, \`basis\` text not null, \`request_id\` text not null, \`created_at\` datetime not null, primary key (\`id\`));`);
    this.addSql(`create index \`disclosure_created_at_index\` on \`disclosure\` (\`created_at\`);`);
    this.addSql(`create index \`disclosure_student_id_created_at_index\` on \`disclosure\` (\`student_id\`, \`created_at\`);`);

    this.addSql(`create table \`student\` (\`id\` text not null, \`sourced_id\` text not null, \`given_name\` text not null, \`family_name\` text not null, \`birth_date\` date not null, \`grade\` text not null, \`school_id\` text not null, \`gender\` text null, \`status\` text not null default 'active', \`created_at\` datetime not null, \`updated_at\` datetime not null, primary key (\`id\`));`);
    this.addSql(`create unique index \`student_sourced_id_unique\` on \`student\` (\`sourced_id\`);`);
    this.addSql(`create index \`student_school_id_index\` on \`student\` (\`school_id\`);`);

    this.addSql(`create table \`program_participation\` (\`id\` text not null, \`student_id\` text not null, \`organization_id\` text not null, \`program_name\` text not null, \`start_date\` date not null, \`end_date\` date null, \`consent_given_at\` datetime null, \`consent_expires_at\` datetime null, \`consent_revoked_at\` datetime null, \`consent_given_by\` text null, constraint \`program_participation_student_id_foreign\` foreign key(\`student_id\`) references \`student\`(\`id\`) on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`program_participation_organization_id_student_id_index\` on \`program_participation\` (\`organization_id\`, \`student_id\`);`);
    this.addSql(`create index \`program_participation_student_id_index\` on \`program_participation\` (\`student_id\`);`);

    this.addSql(`create table \`enrollment\` (\`id\` text not null, \`student_id\` text not null, \`school_id\` text not null, \`school_year\` text not null, \`grade\` text not null, \`entry_date\` date not null, \`exit_date\` date null, \`status\` text not null default 'active', constraint \`enrollment_student_id_foreign\` foreign key(\`student_id\`) references \`student\`(\`id\`) on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`enrollment_school_id_index\` on \`enrollment\` (\`school_id\`);`);
    this.addSql(`create index \`enrollment_student_id_index\` on \`enrollment\` (\`student_id\`);`);
  }

}
