import { Migration } from '@mikro-orm/migrations';

export class Migration20261123232454 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`event\` (\`id\` text not null, \`organization_id\` text not null, \`title\` text not null, \`date\` text not null, \`type\` text not null, \`description\` text null, \`street\` text not null, \`city\` text not null, \`zip\` text not null, \`target_audience\` text not null, \`engagement_level\` text not null, \`attendees\` integer not null, \`imperative\` text not null default 'EARLY_CHILDHOOD', \`created_at\` datetime not null, \`updated_at\` datetime not null, primary key (\`id\`));`);
    this.addSql(`create index \`event_date_index\` on \`event\` (\`date\`);`);
    this.addSql(`create index \`event_organization_id_date_index\` on \`event\` (\`organization_id\`, \`date\`);`);
  }

}
