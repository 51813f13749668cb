import { Migration } from '@mikro-orm/migrations';

export class Migration20261201114011 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "taxonomy_mapping" ("id" uuid not null, "taxonomy" varchar(100) not null, "term_code" varchar(100) null, "code_prefix" varchar(100) null, "imperative" varchar(40) not null, constraint "taxonomy_mapping_pkey" primary key ("id"));`);
    this.addSql(`create index "taxonomy_mapping_taxonomy_index" on "taxonomy_mapping" ("taxonomy");`);
    this.addSql(`alter table "taxonomy_mapping" add constraint "taxonomy_mapping_taxonomy_term_code_code_prefix_unique" unique ("taxonomy", "term_code", "code_prefix");`);

    this.addSql(`alter table "service" alter column "imperative" type varchar(40) using ("imperative"::varchar(40));`);
    this.addSql(`alter table "service" alter column "imperative" drop not null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "taxonomy_mapping" cascade;`);

    this.addSql(`alter table "service" alter column "imperative" type varchar(40) using ("imperative"::varchar(40));`);
    this.addSql(`alter table "service" alter column "imperative" set not null;`);
  }

}
