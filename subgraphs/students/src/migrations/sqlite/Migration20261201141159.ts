import { Migration } from '@mikro-orm/migrations';

export class Migration20261201141159 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create index \`disclosure_viewer_organization_id_created_at_index\` on \`disclosure\` (\`viewer_organization_id\`, \`created_at\`);`);
  }

}
