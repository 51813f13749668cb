import { Migration } from '@mikro-orm/migrations';

export class Migration20261201120639 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`taxonomy\` (\`id\` text not null, \`name\` text not null, \`description\` text null, \`uri\` text null, \`version\` text null, primary key (\`id\`));`);
    this.addSql(`create unique index \`taxonomy_name_unique\` on \`taxonomy\` (\`name\`);`);
  }

}
