import { Migration } from '@mikro-orm/migrations';
import { eventNaturalKey } from '../../event-key.logic';

interface Row {
  id: string;
  organization_id: string;
  title: string;
  date: string;
  type: string;
  street: string;
  city: string;
  zip: string;
  target_audience: string;
  engagement_level: string;
  attendees: number;
}

export class Migration20261201111137 extends Migration {

  override async up(): Promise<void> {
    await this.execute(
      'create table "event_import" ("id" text not null, "organization_id" text not null, "imported_by" text not null, "file_name" text not null, "file_hash" text not null, "rows" integer not null default 0, "imported" integer not null default 0, "duplicates" integer not null default 0, "rejected" integer not null default 0, "created_at" datetime not null, "updated_at" datetime not null, primary key ("id"));',
    );
    await this.execute('create index "event_import_organization_id_created_at_index" on "event_import" ("organization_id", "created_at");');
    await this.execute('alter table "event" add column "natural_key" text null;');
    await this.execute('alter table "event" add column "import_id" text null;');
    // Events recorded before natural keys get theirs here; of two old copies of one event only the first does.
    const rows = (await this.execute(
      'select "id", "organization_id", "title", "date", "type", "street", "city", "zip", "target_audience", "engagement_level", "attendees" from "event" order by "created_at", "id"',
    )) as Row[];
    const taken = new Set<string>();
    for (const r of rows) {
      const key = eventNaturalKey({
        organizationId: r.organization_id,
        title: r.title,
        date: r.date,
        type: r.type,
        street: r.street,
        city: r.city,
        zip: r.zip,
        targetAudience: r.target_audience,
        engagementLevel: r.engagement_level,
        attendees: Number(r.attendees),
      });
      if (taken.has(key)) continue;
      taken.add(key);
      await this.execute('update "event" set "natural_key" = ? where "id" = ?', [key, r.id]);
    }
    await this.execute('create unique index "event_natural_key_unique" on "event" ("natural_key");');
  }

}
