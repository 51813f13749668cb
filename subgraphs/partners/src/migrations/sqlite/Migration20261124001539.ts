import { Migration } from '@mikro-orm/migrations';

export class Migration20261124001539 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`alignment_review\` (\`id\` text not null, \`partnership_id\` text not null, \`alignment\` text not null, \`reviewer\` text not null, \`reviewed_on\` text not null, \`notes\` text null, \`created_at\` datetime not null, primary key (\`id\`));`);
    this.addSql(`create index \`alignment_review_partnership_id_index\` on \`alignment_review\` (\`partnership_id\`);`);

    this.addSql(`create table \`partnership\` (\`id\` text not null, \`school_id\` text not null, \`partner_organization_id\` text not null, \`focus_areas\` json not null, \`status\` text not null, \`start_date\` text not null, \`end_date\` text null, \`created_at\` datetime not null, primary key (\`id\`));`);
    this.addSql(`create index \`partnership_school_id_index\` on \`partnership\` (\`school_id\`);`);
    this.addSql(`create index \`partnership_partner_organization_id_index\` on \`partnership\` (\`partner_organization_id\`);`);
  }

}
