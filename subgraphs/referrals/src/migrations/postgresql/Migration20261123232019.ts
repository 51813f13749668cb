import { Migration } from '@mikro-orm/migrations';

export class Migration20261123232019 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "referral" ("id" uuid not null, "from_organization_id" uuid not null, "to_organization_id" uuid not null, "service_id" uuid not null, "student_id" uuid null, "family_contact_name" varchar(200) null, "family_contact_phone" varchar(40) null, "family_contact_email" varchar(200) null, "reason" text not null, "status" varchar(40) not null default 'SENT', "status_reason" text null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "referral_pkey" primary key ("id"));`);
    this.addSql(`create index "referral_from_organization_id_index" on "referral" ("from_organization_id");`);
    this.addSql(`create index "referral_to_organization_id_index" on "referral" ("to_organization_id");`);
    this.addSql(`create index "referral_service_id_index" on "referral" ("service_id");`);
    this.addSql(`create index "referral_student_id_index" on "referral" ("student_id");`);
    this.addSql(`create index "referral_status_index" on "referral" ("status");`);

    this.addSql(`create table "referral_status_change" ("id" uuid not null, "referral_id" uuid not null, "from_status" varchar(40) null, "to_status" varchar(40) not null, "changed_by" varchar(200) not null, "changed_by_organization_id" uuid not null, "note" text null, "changed_at" timestamptz not null, constraint "referral_status_change_pkey" primary key ("id"));`);
    this.addSql(`create index "referral_status_change_referral_id_changed_at_index" on "referral_status_change" ("referral_id", "changed_at");`);

    this.addSql(`alter table "referral_status_change" add constraint "referral_status_change_referral_id_foreign" foreign key ("referral_id") references "referral" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "referral_status_change" drop constraint "referral_status_change_referral_id_foreign";`);

    this.addSql(`drop table if exists "referral" cascade;`);

    this.addSql(`drop table if exists "referral_status_change" cascade;`);
  }

}
