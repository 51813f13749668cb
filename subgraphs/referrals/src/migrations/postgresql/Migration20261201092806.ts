import { Migration } from '@mikro-orm/migrations';

export class Migration20261201092806 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "referral_comment" ("id" uuid not null, "referral_id" uuid not null, "body" text not null, "author_sub" varchar(200) not null, "author_organization_id" uuid not null, "created_at" timestamptz not null, constraint "referral_comment_pkey" primary key ("id"));`);
    this.addSql(`create index "referral_comment_referral_id_created_at_index" on "referral_comment" ("referral_id", "created_at");`);

    this.addSql(`alter table "referral_comment" add constraint "referral_comment_referral_id_foreign" foreign key ("referral_id") references "referral" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "referral" add column "family_contact_preferred_channel" varchar(20) null, add column "family_contact_preferred_language" varchar(35) null, add column "family_contact_do_not_contact" boolean null, add column "consent_given_by_name" varchar(200) null, add column "consent_given_by_relationship" varchar(100) null, add column "consent_method" varchar(20) null, add column "consent_given_at" timestamptz null, add column "consent_covers" jsonb null, add column "consent_expires_at" timestamptz null, add column "sent_by" varchar(200) not null default '', add column "imperative" varchar(40) null, add column "urgency" varchar(20) not null default 'ROUTINE', add column "notes" text null, add column "zip" varchar(10) null, add column "decline_reason" varchar(40) null, add column "outcome" varchar(40) null, add column "outcome_note" text null, add column "outcome_at" timestamptz null, add column "version" int not null default 1, add column "response_due_at" timestamptz null, add column "escalate_at" timestamptz null, add column "intake_override_reason" text null, add column "linked_referral_id" uuid null, add column "link_kind" varchar(20) null, add column "redirected_to_service_id" uuid null;`);
    this.addSql(`create index "referral_response_due_at_index" on "referral" ("response_due_at");`);
    this.addSql(`create index "referral_linked_referral_id_index" on "referral" ("linked_referral_id");`);

    this.addSql(`alter table "referral_status_change" add column "code" varchar(40) null;`);
    this.addSql(`alter table "referral_status_change" alter column "changed_by_organization_id" drop default;`);
    this.addSql(`alter table "referral_status_change" alter column "changed_by_organization_id" type uuid using ("changed_by_organization_id"::text::uuid);`);
    this.addSql(`alter table "referral_status_change" alter column "changed_by_organization_id" drop not null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "referral_comment" cascade;`);

    this.addSql(`drop index "referral_response_due_at_index";`);
    this.addSql(`drop index "referral_linked_referral_id_index";`);
    this.addSql(`alter table "referral" drop column "family_contact_preferred_channel", drop column "family_contact_preferred_language", drop column "family_contact_do_not_contact", drop column "consent_given_by_name", drop column "consent_given_by_relationship", drop column "consent_method", drop column "consent_given_at", drop column "consent_covers", drop column "consent_expires_at", drop column "sent_by", drop column "imperative", drop column "urgency", drop column "notes", drop column "zip", drop column "decline_reason", drop column "outcome", drop column "outcome_note", drop column "outcome_at", drop column "version", drop column "response_due_at", drop column "escalate_at", drop column "intake_override_reason", drop column "linked_referral_id", drop column "link_kind", drop column "redirected_to_service_id";`);

    this.addSql(`alter table "referral_status_change" drop column "code";`);

    this.addSql(`alter table "referral_status_change" alter column "changed_by_organization_id" drop default;`);
    this.addSql(`alter table "referral_status_change" alter column "changed_by_organization_id" type uuid using ("changed_by_organization_id"::text::uuid);`);
    this.addSql(`alter table "referral_status_change" alter column "changed_by_organization_id" set not null;`);
  }

}
