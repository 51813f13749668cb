import { Migration } from '@mikro-orm/migrations';

export class Migration20261201120639 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "taxonomy" ("id" uuid not null, "name" varchar(100) not null, "description" text null, "uri" varchar(500) null, "version" varchar(100) null, constraint "taxonomy_pkey" primary key ("id"));`);
    this.addSql(`alter table "taxonomy" add constraint "taxonomy_name_unique" unique ("name");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "taxonomy" cascade;`);
  }

}
