import { Migration } from '@mikro-orm/migrations';

// Issue 14 part 2, participation and consent as API: the participation history table and the consent method, record kinds and revocation reason.

export class Migration20261201122354 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`program_participation_change\` (\`id\` text not null, \`participation_id\` text not null, \`action\` text not null, \`changed_by\` text not null, \`changed_by_organization_id\` text null, \`changed_at\` datetime not null, \`consent_given_by\` text null, \`consent_method\` text null, \`consent_given_at\` datetime null, \`consent_expires_at\` datetime null, \`record_kinds\` json null, \`date\` date null, \`reason\` text null, primary key (\`id\`));`);
    this.addSql(`create index \`program_participation_change_participation_id_changed_at_index\` on \`program_participation_change\` (\`participation_id\`, \`changed_at\`);`);

    this.addSql(`alter table \`program_participation\` add column \`consent_method\` text null;`);
    this.addSql(`alter table \`program_participation\` add column \`consent_record_kinds\` json null;`);
    this.addSql(`alter table \`program_participation\` add column \`consent_revoke_reason\` text null;`);
  }

}
