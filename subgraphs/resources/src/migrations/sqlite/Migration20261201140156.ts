import { Migration } from '@mikro-orm/migrations';

export class Migration20261201140156 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`accessibility\` (\`id\` text not null, \`location_id\` text not null, \`description\` text null, \`details\` text null, \`url\` text null, primary key (\`id\`));`);
    this.addSql(`create index \`accessibility_location_id_index\` on \`accessibility\` (\`location_id\`);`);

    this.addSql(`create table \`cost_option\` (\`id\` text not null, \`service_id\` text not null, \`option\` text null, \`amount\` double null, \`currency\` text null, \`amount_description\` text null, \`valid_from\` text null, \`valid_to\` text null, primary key (\`id\`));`);
    this.addSql(`create index \`cost_option_service_id_index\` on \`cost_option\` (\`service_id\`);`);

    this.addSql(`create table \`funding\` (\`id\` text not null, \`service_id\` text not null, \`source\` text not null, primary key (\`id\`));`);
    this.addSql(`create index \`funding_service_id_index\` on \`funding\` (\`service_id\`);`);

    this.addSql(`create table \`program\` (\`id\` text not null, \`organization_id\` text not null, \`name\` text not null, \`alternate_name\` text null, \`description\` text not null, primary key (\`id\`));`);
    this.addSql(`create index \`program_organization_id_index\` on \`program\` (\`organization_id\`);`);

    this.addSql(`create table \`required_document\` (\`id\` text not null, \`service_id\` text not null, \`document\` text null, \`uri\` text null, primary key (\`id\`));`);
    this.addSql(`create index \`required_document_service_id_index\` on \`required_document\` (\`service_id\`);`);

    this.addSql(`create table \`service_language\` (\`id\` text not null, \`service_id\` text not null, \`code\` text not null, \`name\` text null, \`note\` text null, primary key (\`id\`));`);
    this.addSql(`create index \`service_language_service_id_index\` on \`service_language\` (\`service_id\`);`);

    this.addSql(`alter table \`service\` add column \`program_id\` text null;`);
    this.addSql(`create index \`service_program_id_index\` on \`service\` (\`program_id\`);`);
  }

}
