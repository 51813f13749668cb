import { Migration } from '@mikro-orm/migrations';

// Issue 14 part 2, participation and consent as API: the participation history table and the consent method, record kinds and revocation reason.

export class Migration20261201122355 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "program_participation_change" ("id" uuid not null, "participation_id" uuid not null, "action" varchar(30) not null, "changed_by" varchar(200) not null, "changed_by_organization_id" uuid null, "changed_at" timestamptz not null, "consent_given_by" varchar(200) null, "consent_method" varchar(30) null, "consent_given_at" timestamptz null, "consent_expires_at" timestamptz null, "record_kinds" jsonb null, "date" date null, "reason" varchar(2000) null, constraint "program_participation_change_pkey" primary key ("id"));`);
    this.addSql(`create index "program_participation_change_participation_id_changed_at_index" on "program_participation_change" ("participation_id", "changed_at");`);

    this.addSql(`alter table "program_participation" add column "consent_method" varchar(30) null, add column "consent_record_kinds" jsonb null, add column "consent_revoke_reason" varchar(2000) null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "program_participation_change" cascade;`);

    this.addSql(`alter table "program_participation" drop column "consent_method", drop column "consent_record_kinds", drop column "consent_revoke_reason";`);
  }

}
