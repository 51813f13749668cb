import { Migration } from '@mikro-orm/migrations';

export class Migration20261201141201 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create index "disclosure_viewer_organization_id_created_at_index" on "disclosure" ("viewer_organization_id", "created_at");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "disclosure_viewer_organization_id_created_at_index";`);
  }

}
