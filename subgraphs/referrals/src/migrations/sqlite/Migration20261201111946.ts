import { Migration } from '@mikro-orm/migrations';

export class Migration20261201111946 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`notification_endpoint\` (\`id\` text not null, \`organization_id\` text not null, \`email\` text null, \`webhook_url\` text null, \`webhook_secret\` text null, \`webhook_secret_set_at\` datetime null, \`updated_at\` datetime not null, primary key (\`id\`));`);
    this.addSql(`create unique index \`notification_endpoint_organization_id_unique\` on \`notification_endpoint\` (\`organization_id\`);`);

    this.addSql(`create table \`referral_notification\` (\`id\` text not null, \`event_key\` text not null, \`event\` text not null, \`referral_id\` text not null, \`from_status\` text null, \`to_status\` text null, \`code\` text null, \`recipient_kind\` text not null, \`recipient_organization_id\` text null, \`recipient_key\` text not null, \`channel\` text not null, \`destination\` text null, \`status\` text not null default 'PENDING', \`attempts\` integer not null default 0, \`next_attempt_at\` datetime null, \`claim_token\` text null, \`claimed_until\` datetime null, \`last_error\` text null, \`skip_reason\` text null, \`sent_at\` datetime null, \`created_at\` datetime not null, primary key (\`id\`));`);
    this.addSql(`create index \`referral_notification_referral_id_index\` on \`referral_notification\` (\`referral_id\`);`);
    this.addSql(`create index \`referral_notification_recipient_organization_id_index\` on \`referral_notification\` (\`recipient_organization_id\`);`);
    this.addSql(`create index \`referral_notification_status_next_attempt_at_index\` on \`referral_notification\` (\`status\`, \`next_attempt_at\`);`);
    this.addSql(`create unique index \`referral_notification_event_key_recipient_key_channel_unique\` on \`referral_notification\` (\`event_key\`, \`recipient_key\`, \`channel\`);`);

    this.addSql(`create table \`referral_notification_delivery\` (\`id\` text not null, \`notification_id\` text not null, \`attempt\` integer not null, \`attempted_at\` datetime not null, \`outcome\` text not null, \`http_status\` integer null, \`response\` text null, \`duration_ms\` integer null, constraint \`referral_notification_delivery_notification_id_foreign\` foreign key(\`notification_id\`) references \`referral_notification\`(\`id\`) on delete cascade on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`referral_notification_delivery_notification_id_index\` on \`referral_notification_delivery\` (\`notification_id\`);`);
    this.addSql(`create index \`referral_notification_delivery_notification_id_attempted_at_index\` on \`referral_notification_delivery\` (\`notification_id\`, \`attempted_at\`);`);
  }

}
