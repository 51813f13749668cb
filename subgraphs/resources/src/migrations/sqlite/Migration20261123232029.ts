import { Migration } from '@mikro-orm/migrations';

export class Migration20261123232029 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`service\` (\`id\` text not null, \`organization_id\` text not null, \`name\` text not null, \`description\` text not null, \`status\` text not null default 'ACTIVE', \`imperative\` text not null, \`eligibility_description\` text null, \`minimum_age\` integer null, \`maximum_age\` integer null, \`free\` integer not null, \`fees\` text null, \`languages\` json not null, \`url\` text null, \`email\` text null, \`phone\` text null, \`street\` text null, \`city\` text null, \`state\` text null, \`zip\` text null, \`latitude\` double null, \`longitude\` double null, \`created_at\` datetime not null, \`updated_at\` datetime not null, primary key (\`id\`));`);
    this.addSql(`create index \`service_organization_id_index\` on \`service\` (\`organization_id\`);`);
    this.addSql(`create index \`service_status_index\` on \`service\` (\`status\`);`);
    this.addSql(`create index \`service_imperative_index\` on \`service\` (\`imperative\`);`);
    this.addSql(`create index \`service_zip_index\` on \`service\` (\`zip\`);`);
  }

}
