import { Migration } from '@mikro-orm/migrations';

export class Migration20261124000535 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`location\` (\`id\` text not null, \`organization_id\` text null, \`location_type\` text not null default 'PHYSICAL', \`name\` text null, \`description\` text null, \`url\` text null, \`street\` text null, \`city\` text null, \`state\` text null, \`postal_code\` text null, \`country\` text null, \`latitude\` double null, \`longitude\` double null, primary key (\`id\`));`);
    this.addSql(`create index \`location_organization_id_index\` on \`location\` (\`organization_id\`);`);

    this.addSql(`create table \`schedule\` (\`id\` text not null, \`service_id\` text not null, \`location_id\` text null, \`weekday\` text null, \`opens_at\` text null, \`closes_at\` text null, \`timezone\` text not null, \`valid_from\` text null, \`valid_to\` text null, \`closed\` integer not null default false, \`description\` text null, primary key (\`id\`));`);
    this.addSql(`create index \`schedule_service_id_weekday_index\` on \`schedule\` (\`service_id\`, \`weekday\`);`);

    this.addSql(`create table \`service_area\` (\`id\` text not null, \`service_id\` text not null, \`postal_code\` text null, \`name\` text null, \`description\` text null, primary key (\`id\`));`);
    this.addSql(`create index \`service_area_postal_code_index\` on \`service_area\` (\`postal_code\`);`);
    this.addSql(`create index \`service_area_service_id_index\` on \`service_area\` (\`service_id\`);`);

    this.addSql(`create table \`service_at_location\` (\`id\` text not null, \`service_id\` text not null, \`location_id\` text not null, primary key (\`id\`));`);
    this.addSql(`create index \`service_at_location_service_id_index\` on \`service_at_location\` (\`service_id\`);`);
    this.addSql(`create index \`service_at_location_location_id_index\` on \`service_at_location\` (\`location_id\`);`);
    this.addSql(`create unique index \`service_at_location_service_id_location_id_unique\` on \`service_at_location\` (\`service_id\`, \`location_id\`);`);

    this.addSql(`create table \`service_contact\` (\`id\` text not null, \`service_id\` text not null, \`name\` text null, \`title\` text null, \`email\` text null, \`phone\` text null, primary key (\`id\`));`);
    this.addSql(`create index \`service_contact_service_id_index\` on \`service_contact\` (\`service_id\`);`);

    this.addSql(`create table \`service_phone\` (\`id\` text not null, \`service_id\` text not null, \`number\` text not null, \`extension\` text null, \`type\` text not null default 'voice', \`description\` text null, primary key (\`id\`));`);
    this.addSql(`create index \`service_phone_service_id_index\` on \`service_phone\` (\`service_id\`);`);

    this.addSql(`create table \`service_taxonomy\` (\`id\` text not null, \`service_id\` text not null, \`term_id\` text not null, \`direct\` integer not null, primary key (\`id\`));`);
    this.addSql(`create index \`service_taxonomy_term_id_service_id_index\` on \`service_taxonomy\` (\`term_id\`, \`service_id\`);`);
    this.addSql(`create unique index \`service_taxonomy_service_id_term_id_unique\` on \`service_taxonomy\` (\`service_id\`, \`term_id\`);`);

    this.addSql(`create table \`taxonomy_term\` (\`id\` text not null, \`code\` text not null, \`name\` text not null, \`description\` text null, \`parent_id\` text null, \`imperative\` text null, \`taxonomy\` text not null default 'c2c', primary key (\`id\`));`);
    this.addSql(`create unique index \`taxonomy_term_code_unique\` on \`taxonomy_term\` (\`code\`);`);
    this.addSql(`create index \`taxonomy_term_parent_id_index\` on \`taxonomy_term\` (\`parent_id\`);`);

    this.addSql(`alter table \`service\` add column \`application_process\` text null;`);
    this.addSql(`alter table \`service\` add column \`alert\` text null;`);
    this.addSql(`alter table \`service\` add column \`assured_date\` text null;`);
  }

}
