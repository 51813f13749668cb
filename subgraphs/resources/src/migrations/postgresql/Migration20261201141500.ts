import { Migration } from '@mikro-orm/migrations';

/**
 * Full-text search (written by hand: no entity describes it, see DERIVED_TABLES in the kernel).
 * `service_fts.document` is each service's name (weight A), taxonomy term names (B) and
 * description (C) as a tsvector with a GIN index, kept current by triggers on service,
 * service_taxonomy and taxonomy_term; inserts are refreshed once per statement, so a bulk
 * import costs one refresh, not one per row. `c2c_search` is English Snowball stemming without
 * the stop-word list, to match SQLite's FTS5 index (Porter stemming, every word kept).
 */
export class Migration20261201141500 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create text search dictionary c2c_english_stem (template = snowball, language = english);`);
    this.addSql(`create text search configuration c2c_search (copy = english);`);
    this.addSql(`alter text search configuration c2c_search alter mapping replace english_stem with c2c_english_stem;`);
    this.addSql(`create table "service_fts" ("service_id" uuid not null, "document" tsvector not null, constraint "service_fts_pkey" primary key ("service_id"), constraint "service_fts_service_id_foreign" foreign key ("service_id") references "service" ("id") on delete cascade);`);
    this.addSql(`create index "service_fts_document_index" on "service_fts" using gin ("document");`);
    this.addSql(`create function service_fts_refresh(ids uuid[]) returns void language sql as $$
      insert into service_fts (service_id, document)
      select s.id,
        setweight(to_tsvector('c2c_search', s.name), 'A') ||
        setweight(to_tsvector('c2c_search', coalesce(string_agg(t.name, ' '), '')), 'B') ||
        setweight(to_tsvector('c2c_search', s.description), 'C')
      from service s
      left join service_taxonomy st on st.service_id = s.id
      left join taxonomy_term t on t.id = st.term_id
      where s.id = any(ids)
      group by s.id
      on conflict (service_id) do update set document = excluded.document;
    $$;`);
    this.addSql(`create function service_fts_inserted() returns trigger language plpgsql as $$
      begin
        perform service_fts_refresh(array(select distinct id from new_rows));
        return null;
      end $$;`);
    this.addSql(`create function service_fts_links_inserted() returns trigger language plpgsql as $$
      begin
        perform service_fts_refresh(array(select distinct service_id from new_rows));
        return null;
      end $$;`);
    this.addSql(`create function service_fts_links_deleted() returns trigger language plpgsql as $$
      begin
        perform service_fts_refresh(array(select distinct service_id from old_rows));
        return null;
      end $$;`);
    this.addSql(`create function service_fts_row_changed() returns trigger language plpgsql as $$
      begin
        if tg_table_name = 'service' then
          perform service_fts_refresh(array[new.id]);
        elsif tg_table_name = 'service_taxonomy' then
          perform service_fts_refresh(array[old.service_id, new.service_id]);
        else
          perform service_fts_refresh(array(select service_id from service_taxonomy where term_id = new.id));
        end if;
        return null;
      end $$;`);
    this.addSql(`create trigger service_fts_service_inserted after insert on "service" referencing new table as new_rows for each statement execute function service_fts_inserted();`);
    this.addSql(`create trigger service_fts_service_updated after update of "name", "description" on "service" for each row when (old.name is distinct from new.name or old.description is distinct from new.description) execute function service_fts_row_changed();`);
    this.addSql(`create trigger service_fts_links_inserted after insert on "service_taxonomy" referencing new table as new_rows for each statement execute function service_fts_links_inserted();`);
    this.addSql(`create trigger service_fts_links_deleted after delete on "service_taxonomy" referencing old table as old_rows for each statement execute function service_fts_links_deleted();`);
    this.addSql(`create trigger service_fts_links_updated after update on "service_taxonomy" for each row execute function service_fts_row_changed();`);
    this.addSql(`create trigger service_fts_term_renamed after update of "name" on "taxonomy_term" for each row when (old.name is distinct from new.name) execute function service_fts_row_changed();`);
    this.addSql(`select service_fts_refresh(array(select id from service));`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger if exists service_fts_term_renamed on "taxonomy_term";`);
    this.addSql(`drop trigger if exists service_fts_links_updated on "service_taxonomy";`);
    this.addSql(`drop trigger if exists service_fts_links_deleted on "service_taxonomy";`);
    this.addSql(`drop trigger if exists service_fts_links_inserted on "service_taxonomy";`);
    this.addSql(`drop trigger if exists service_fts_service_updated on "service";`);
    this.addSql(`drop trigger if exists service_fts_service_inserted on "service";`);
    this.addSql(`drop function if exists service_fts_row_changed(), service_fts_links_deleted(), service_fts_links_inserted(), service_fts_inserted(), service_fts_refresh(uuid[]);`);
    this.addSql(`drop table if exists "service_fts" cascade;`);
    this.addSql(`drop text search configuration if exists c2c_search;`);
    this.addSql(`drop text search dictionary if exists c2c_english_stem;`);
  }

}
