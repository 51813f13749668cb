import { Migration } from '@mikro-orm/migrations';

export class Migration20261201201812 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`equity_release\` (\`key\` text not null, \`revision\` integer not null, \`rows\` json not null, \`computed_at\` datetime not null, primary key (\`key\`));`);

    this.addSql(`create table \`students_revision\` (\`id\` integer not null, \`value\` integer not null, primary key (\`id\`));`);
    // The one row every bump updates, there from the start.
    this.addSql(`insert into \`students_revision\` (\`id\`, \`value\`) values (1, 0);`);
  }

}
