import { Migration } from '@mikro-orm/migrations';

export class Migration20261201114011 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`taxonomy_mapping\` (\`id\` text not null, \`taxonomy\` text not null, \`term_code\` text null, \`code_prefix\` text null, \`imperative\` text not null, primary key (\`id\`));`);
    this.addSql(`create index \`taxonomy_mapping_taxonomy_index\` on \`taxonomy_mapping\` (\`taxonomy\`);`);
    this.addSql(`create unique index \`taxonomy_mapping_taxonomy_term_code_code_prefix_unique\` on \`taxonomy_mapping\` (\`taxonomy\`, \`term_code\`, \`code_prefix\`);`);

    this.addSql(`pragma foreign_keys = off;`);
    this.addSql(`create table \`service__temp_alter\` (\`id\` text not null, \`organization_id\` text not null, \`name\` text not null, \`description\` text not null, \`status\` text not null default 'ACTIVE', \`intake_status\` text not null default 'OPEN', \`imperative\` text null, \`eligibility_description\` text null, \`minimum_age\` integer null, \`maximum_age\` integer null, \`free\` integer not null, \`fees\` text null, \`languages\` json not null, \`url\` text null, \`email\` text null, \`phone\` text null, \`street\` text null, \`city\` text null, \`state\` text null, \`zip\` text null, \`latitude\` double null, \`longitude\` double null, \`application_process\` text null, \`alert\` text null, \`assured_date\` text null, \`created_at\` datetime not null, \`updated_at\` datetime not null, primary key (\`id\`));`);
    this.addSql(`insert into \`service__temp_alter\` select \`id\`, \`organization_id\`, \`name\`, \`description\`, \`status\`, \`intake_status\`, \`imperative\`, \`eligibility_description\`, \`minimum_age\`, \`maximum_age\`, \`free\`, \`fees\`, \`languages\`, \`url\`, \`email\`, \`phone\`, \`street\`, \`city\`, \`state\`, \`zip\`, \`latitude\`, \`longitude\`, \`application_process\`, \`alert\`, \`assured_date\`, \`created_at\`, \`updated_at\` from \`service\`;`);
    this.addSql(`drop table \`service\`;`);
    this.addSql(`alter table \`service__temp_alter\` rename to \`service\`;`);
    this.addSql(`create index \`service_organization_id_index\` on \`service\` (\`organization_id\`);`);
    this.addSql(`create index \`service_status_index\` on \`service\` (\`status\`);`);
    this.addSql(`create index \`service_imperative_index\` on \`service\` (\`imperative\`);`);
    this.addSql(`create index \`service_zip_index\` on \`service\` (\`zip\`);`);
    this.addSql(`pragma foreign_keys = on;`);
  }

}
