import { Migration } from '@mikro-orm/migrations';

export class Migration20261124000057 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`agreement\` (\`id\` text not null, \`organization_id\` text not null, \`scopes\` json not null, \`record_kinds\` json not null, \`signatory\` text not null, \`signed_at\` datetime not null, \`effective_from\` datetime not null, \`expires_at\` datetime not null, \`revoked_at\` datetime null, \`revoked_by\` text null, \`revoke_reason\` text null, \`created_at\` datetime not null, primary key (\`id\`));`);
    this.addSql(`create index \`agreement_organization_id_effective_from_index\` on \`agreement\` (\`organization_id\`, \`effective_from\`);`);

    this.addSql(`create table \`api_client\` (\`id\` text not null, \`name\` text not null, \`organization_id\` text not null, \`scopes\` json not null, \`key_hash\` text not null, \`key_prefix\` text not null, \`created_at\` datetime not null, \`last_used_at\` datetime null, \`revoked_at\` datetime null, \`revoked_by\` text null, primary key (\`id\`));`);
    this.addSql(`create index \`api_client_organization_id_index\` on \`api_client\` (\`organization_id\`);`);
    this.addSql(`create unique index \`api_client_key_hash_unique\` on \`api_client\` (\`key_hash\`);`);
    this.addSql(`create unique index \`api_client_organization_id_name_unique\` on \`api_client\` (\`organization_id\`, \`name\`);`);
  }

}
