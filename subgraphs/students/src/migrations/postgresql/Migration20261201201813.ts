import { Migration } from '@mikro-orm/migrations';

export class Migration20261201201813 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "equity_release" ("key" varchar(120) not null, "revision" int not null, "rows" jsonb not null, "computed_at" timestamptz not null, constraint "equity_release_pkey" primary key ("key"));`);

    this.addSql(`create table "students_revision" ("id" int not null, "value" int not null, constraint "students_revision_pkey" primary key ("id"));`);
    // The one row every bump updates, there from the start.
    this.addSql(`insert into "students_revision" ("id", "value") values (1, 0);`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "equity_release" cascade;`);

    this.addSql(`drop table if exists "students_revision" cascade;`);
  }

}
