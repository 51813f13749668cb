import { Migration } from '@mikro-orm/migrations';

export class Migration20261124000057 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "agreement" ("id" uuid not null, "organization_id" uuid not null, "scopes" jsonb not null, "record_kinds" jsonb not null, "signatory" varchar(200) not null, "signed_at" timestamptz not null, "effective_from" timestamptz not null, "expires_at" timestamptz not null, "revoked_at" timestamptz null, "revoked_by" varchar(200) null, "revoke_reason" text null, "created_at" timestamptz not null, constraint "agreement_pkey" primary key ("id"));`);
    this.addSql(`create index "agreement_organization_id_effective_from_index" on "agreement" ("organization_id", "effective_from");`);

    this.addSql(`create table "api_client" ("id" uuid not null, "name" varchar(200) not null, "organization_id" uuid not null, "scopes" jsonb not null, "key_hash" varchar(64) not null, "key_prefix" varchar(12) not null, "created_at" timestamptz not null, "last_used_at" timestamptz null, "revoked_at" timestamptz null, "revoked_by" varchar(200) null, constraint "api_client_pkey" primary key ("id"));`);
    this.addSql(`create index "api_client_organization_id_index" on "api_client" ("organization_id");`);
    this.addSql(`alter table "api_client" add constraint "api_client_key_hash_unique" unique ("key_hash");`);
    this.addSql(`alter table "api_client" add constraint "api_client_organization_id_name_unique" unique ("organization_id", "name");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "agreement" cascade;`);

    this.addSql(`drop table if exists "api_client" cascade;`);
  }

}
