import { Migration } from '@mikro-orm/migrations';

export class Migration20261123232019 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`referral\` (\`id\` text not null, \`from_organization_id\` text not null, \`to_organization_id\` text not null, \`service_id\` text not null, \`student_id\` text null, \`family_contact_name\` text null, \`family_contact_phone\` text null, \`family_contact_email\` text null, \`reason\` text not null, \`status\` text not null default 'SENT', \`status_reason\` text null, \`created_at\` datetime not null, \`updated_at\` datetime not null, primary key (\`id\`));`);
    this.addSql(`create index \`referral_from_organization_id_index\` on \`referral\` (\`from_organization_id\`);`);
    this.addSql(`create index \`referral_to_organization_id_index\` on \`referral\` (\`to_organization_id\`);`);
    this.addSql(`create index \`referral_service_id_index\` on \`referral\` (\`service_id\`);`);
    this.addSql(`create index \`referral_student_id_index\` on \`referral\` (\`student_id\`);`);
    this.addSql(`create index \`referral_status_index\` on \`referral\` (\`status\`);`);

    this.addSql(`create table \`referral_status_change\` (\`id\` text not null, \`referral_id\` text not null, \`from_status\` text null, \`to_status\` text not null, \`changed_by\` text not null, \`changed_by_organization_id\` text not null, \`note\` text null, \`changed_at\` datetime not null, constraint \`referral_status_change_referral_id_foreign\` foreign key(\`referral_id\`) references \`referral\`(\`id\`) on delete cascade on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`referral_status_change_referral_id_index\` on \`referral_status_change\` (\`referral_id\`);`);
    this.addSql(`create index \`referral_status_change_referral_id_changed_at_index\` on \`referral_status_change\` (\`referral_id\`, \`changed_at\`);`);
  }

}
