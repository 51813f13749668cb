import { Migration } from '@mikro-orm/migrations';

export class Migration20261124001210 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`staff\` (\`id\` text not null, \`organization_id\` text null, \`name\` text not null, \`email\` text not null, \`roles\` json not null, \`subject\` text null, \`active\` integer not null default true, \`created_at\` datetime not null, \`updated_at\` datetime not null, primary key (\`id\`));`);
    this.addSql(`create index \`staff_organization_id_index\` on \`staff\` (\`organization_id\`);`);
    this.addSql(`create unique index \`staff_email_unique\` on \`staff\` (\`email\`);`);
    this.addSql(`create unique index \`staff_subject_unique\` on \`staff\` (\`subject\`);`);
  }

}
