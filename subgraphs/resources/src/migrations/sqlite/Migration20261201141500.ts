import { Migration } from '@mikro-orm/migrations';

/**
 * Full-text search (written by hand: no entity describes it, see DERIVED_TABLES in the kernel).
 * `service_fts_doc` holds each service's searchable text, kept current by triggers on service,
 * service_taxonomy and taxonomy_term; `service_fts` is an external-content FTS5 index over it
 * (Porter stemming, accents folded), kept in step by the doc table's own triggers. The doc
 * table's integer key is the FTS rowid: `service`'s implicit rowid could change on VACUUM.
 * A later migration that rebuilds `service`, `service_taxonomy` or `taxonomy_term` (SQLite
 * alters columns by copying the table) drops their triggers and must create them again.
 */
const terms = (serviceId: string) =>
  `coalesce((select group_concat(t.name, ' ') from service_taxonomy st join taxonomy_term t on t.id = st.term_id where st.service_id = ${serviceId}), '')`;

export class Migration20261201141500 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`service_fts_doc\` (\`id\` integer not null primary key, \`service_id\` text not null unique, \`name\` text not null, \`terms\` text not null default '', \`description\` text not null);`);
    this.addSql(`create virtual table \`service_fts\` using fts5(name, terms, description, content='service_fts_doc', content_rowid='id', tokenize='porter unicode61 remove_diacritics 2');`);
    this.addSql(`create trigger service_fts_doc_ai after insert on service_fts_doc begin insert into service_fts(rowid, name, terms, description) values (new.id, new.name, new.terms, new.description); end;`);
    this.addSql(`create trigger service_fts_doc_ad after delete on service_fts_doc begin insert into service_fts(service_fts, rowid, name, terms, description) values ('delete', old.id, old.name, old.terms, old.description); end;`);
    this.addSql(`create trigger service_fts_doc_au after update on service_fts_doc begin insert into service_fts(service_fts, rowid, name, terms, description) values ('delete', old.id, old.name, old.terms, old.description); insert into service_fts(rowid, name, terms, description) values (new.id, new.name, new.terms, new.description); end;`);
    this.addSql(`create trigger service_fts_service_ai after insert on service begin insert into service_fts_doc(service_id, name, terms, description) values (new.id, new.name, ${terms('new.id')}, new.description); end;`);
    this.addSql(`create trigger service_fts_service_au after update of name, description on service begin update service_fts_doc set name = new.name, description = new.description where service_id = new.id; end;`);
    this.addSql(`create trigger service_fts_service_ad after delete on service begin delete from service_fts_doc where service_id = old.id; end;`);
    this.addSql(`create trigger service_fts_link_ai after insert on service_taxonomy begin update service_fts_doc set terms = ${terms('new.service_id')} where service_id = new.service_id; end;`);
    this.addSql(`create trigger service_fts_link_ad after delete on service_taxonomy begin update service_fts_doc set terms = ${terms('old.service_id')} where service_id = old.service_id; end;`);
    this.addSql(`create trigger service_fts_link_au after update on service_taxonomy begin update service_fts_doc set terms = ${terms('old.service_id')} where service_id = old.service_id; update service_fts_doc set terms = ${terms('new.service_id')} where service_id = new.service_id; end;`);
    this.addSql(`create trigger service_fts_term_au after update of name on taxonomy_term begin update service_fts_doc set terms = ${terms('service_fts_doc.service_id')} where service_id in (select service_id from service_taxonomy where term_id = new.id); end;`);
    this.addSql(`insert into service_fts_doc (service_id, name, terms, description) select s.id, s.name, ${terms('s.id')}, s.description from service s;`);
  }

  override async down(): Promise<void> {
    for (const t of ['service_fts_term_au', 'service_fts_link_au', 'service_fts_link_ad', 'service_fts_link_ai', 'service_fts_service_ad', 'service_fts_service_au', 'service_fts_service_ai']) {
      this.addSql(`drop trigger if exists ${t};`);
    }
    this.addSql(`drop table if exists \`service_fts\`;`);
    this.addSql(`drop table if exists \`service_fts_doc\`;`);
  }

}
