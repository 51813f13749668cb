import { Migration } from '@mikro-orm/migrations';

export class Migration20261123231411 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`organization\` (\`id\` text not null, \`name\` text not null, \`sector\` text not null, \`imperatives\` json not null, \`description\` text null, \`street\` text null, \`city\` text null, \`state\` text null, \`zip\` text null, \`latitude\` double null, \`longitude\` double null, \`website\` text null, \`phone\` text null, \`email\` text null, \`created_at\` datetime not null, \`updated_at\` datetime not null, primary key (\`id\`));`);
    this.addSql(`create index \`organization_name_index\` on \`organization\` (\`name\`);`);
  }

}
