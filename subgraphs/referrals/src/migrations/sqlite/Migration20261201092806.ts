import { Migration } from '@mikro-orm/migrations';

export class Migration20261201092806 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`referral_comment\` (\`id\` text not null, \`referral_id\` text not null, \`body\` text not null, \`author_sub\` text not null, \`author_organization_id\` text not null, \`created_at\` datetime not null, constraint \`referral_comment_referral_id_foreign\` foreign key(\`referral_id\`) references \`referral\`(\`id\`) on delete cascade on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`referral_comment_referral_id_index\` on \`referral_comment\` (\`referral_id\`);`);
    this.addSql(`create index \`referral_comment_referral_id_created_at_index\` on \`referral_comment\` (\`referral_id\`, \`created_at\`);`);

    this.addSql(`alter table \`referral\` add column \`family_contact_preferred_channel\` text null;`);
    this.addSql(`alter table \`referral\` add column \`family_contact_preferred_language\` text null;`);
    this.addSql(`alter table \`referral\` add column \`family_contact_do_not_contact\` integer null;`);
    this.addSql(`alter table \`referral\` add column \`consent_given_by_name\` text null;`);
    this.addSql(`alter table \`referral\` add column \`consent_given_by_relationship\` text null;`);
    this.addSql(`alter table \`referral\` add column \`consent_method\` text null;`);
    this.addSql(`alter table \`referral\` add column \`consent_given_at\` datetime null;`);
    this.addSql(`alter table \`referral\` add column \`consent_covers\` json null;`);
    this.addSql(`alter table \`referral\` add column \`consent_expires_at\` datetime null;`);
    this.addSql(`alter table \`referral\` add column \`sent_by\` text not null default '';`);
    this.addSql(`alter table \`referral\` add column \`imperative\` text null;`);
    this.addSql(`alter table \`referral\` add column \`urgency\` text not null default 'ROUTINE';`);
    this.addSql(`alter table \`referral\` add column \`notes\` text null;`);
    this.addSql(`alter table \`referral\` add column \`zip\` text null;`);
    this.addSql(`alter table \`referral\` add column \`decline_reason\` text null;`);
    this.addSql(`alter table \`referral\` add column \`outcome\` text null;`);
    this.addSql(`alter table \`referral\` add column \`outcome_note\` text null;`);
    this.addSql(`alter table \`referral\` add column \`outcome_at\` datetime null;`);
    this.addSql(`alter table \`referral\` add column \`version\` integer not null default 1;`);
    this.addSql(`alter table \`referral\` add column \`response_due_at\` datetime null;`);
    this.addSql(`alter table \`referral\` add column \`escalate_at\` datetime null;`);
    this.addSql(`alter table \`referral\` add column \`intake_override_reason\` text null;`);
    this.addSql(`alter table \`referral\` add column \`linked_referral_id\` text null;`);
    this.addSql(`alter table \`referral\` add column \`link_kind\` text null;`);
    this.addSql(`alter table \`referral\` add column \`redirected_to_service_id\` text null;`);
    this.addSql(`create index \`referral_response_due_at_index\` on \`referral\` (\`response_due_at\`);`);
    this.addSql(`create index \`referral_linked_referral_id_index\` on \`referral\` (\`linked_referral_id\`);`);

    this.addSql(`alter table \`referral_status_change\` add column \`code\` text null;`);
    // SQLite cannot drop NOT NULL in place: the table is rebuilt (the sweep's changes name no organisation).
    this.addSql(`pragma foreign_keys = off;`);
    this.addSql(`create table \`referral_status_change__temp_alter\` (\`id\` text not null, \`referral_id\` text not null, \`from_status\` text null, \`to_status\` text not null, \`changed_by\` text not null, \`changed_by_organization_id\` text null, \`code\` text null, \`note\` text null, \`changed_at\` datetime not null, constraint \`referral_status_change_referral_id_foreign\` foreign key(\`referral_id\`) references \`referral\`(\`id\`) on delete cascade on update cascade, primary key (\`id\`));`);
    this.addSql(`insert into \`referral_status_change__temp_alter\` select \`id\`, \`referral_id\`, \`from_status\`, \`to_status\`, \`changed_by\`, \`changed_by_organization_id\`, \`code\`, \`note\`, \`changed_at\` from \`referral_status_change\`;`);
    this.addSql(`drop table \`referral_status_change\`;`);
    this.addSql(`alter table \`referral_status_change__temp_alter\` rename to \`referral_status_change\`;`);
    this.addSql(`create index \`referral_status_change_referral_id_index\` on \`referral_status_change\` (\`referral_id\`);`);
    this.addSql(`create index \`referral_status_change_referral_id_changed_at_index\` on \`referral_status_change\` (\`referral_id\`, \`changed_at\`);`);
    this.addSql(`pragma foreign_keys = on;`);
  }

}
