import { Migration } from '@mikro-orm/migrations';

export class Migration20261201111947 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "notification_endpoint" ("id" uuid not null, "organization_id" uuid not null, "email" varchar(200) null, "webhook_url" varchar(2000) null, "webhook_secret" varchar(200) null, "webhook_secret_set_at" timestamptz null, "updated_at" timestamptz not null, constraint "notification_endpoint_pkey" primary key ("id"));`);
    this.addSql(`alter table "notification_endpoint" add constraint "notification_endpoint_organization_id_unique" unique ("organization_id");`);

    this.addSql(`create table "referral_notification" ("id" uuid not null, "event_key" varchar(100) not null, "event" varchar(30) not null, "referral_id" uuid not null, "from_status" varchar(40) null, "to_status" varchar(40) null, "code" varchar(40) null, "recipient_kind" varchar(20) not null, "recipient_organization_id" uuid null, "recipient_key" varchar(60) not null, "channel" varchar(20) not null, "destination" varchar(2000) null, "status" varchar(20) not null default 'PENDING', "attempts" int not null default 0, "next_attempt_at" timestamptz null, "claim_token" varchar(40) null, "claimed_until" timestamptz null, "last_error" text null, "skip_reason" text null, "sent_at" timestamptz null, "created_at" timestamptz not null, constraint "referral_notification_pkey" primary key ("id"));`);
    this.addSql(`create index "referral_notification_referral_id_index" on "referral_notification" ("referral_id");`);
    this.addSql(`create index "referral_notification_recipient_organization_id_index" on "referral_notification" ("recipient_organization_id");`);
    this.addSql(`create index "referral_notification_status_next_attempt_at_index" on "referral_notification" ("status", "next_attempt_at");`);
    this.addSql(`alter table "referral_notification" add constraint "referral_notification_event_key_recipient_key_channel_unique" unique ("event_key", "recipient_key", "channel");`);

    this.addSql(`create table "referral_notification_delivery" ("id" uuid not null, "notification_id" uuid not null, "attempt" int not null, "attempted_at" timestamptz not null, "outcome" varchar(20) not null, "http_status" int null, "response" text null, "duration_ms" int null, constraint "referral_notification_delivery_pkey" primary key ("id"));`);
    this.addSql(`create index "referral_notification_delivery_notification_id_att_f3ddb_index" on "referral_notification_delivery" ("notification_id", "attempted_at");`);

    this.addSql(`alter table "referral_notification_delivery" add constraint "referral_notification_delivery_notification_id_foreign" foreign key ("notification_id") references "referral_notification" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "referral_notification_delivery" drop constraint "referral_notification_delivery_notification_id_foreign";`);

    this.addSql(`drop table if exists "notification_endpoint" cascade;`);

    this.addSql(`drop table if exists "referral_notification" cascade;`);

    this.addSql(`drop table if exists "referral_notification_delivery" cascade;`);
  }

}
