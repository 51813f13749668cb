import type { Command } from 'commander';
import { graphRequest } from './graph-client';
import { crosswalkLines, readCrosswalk } from './hsds-crosswalk';
import { readHsds, type RecordProblem } from './hsds-read';

const BATCH = 100;
const RESULT = 'created updated unchanged failed records { index id outcome errors { code field message } }';

export interface ImportSummary {
  files: number;
  /** HSDS taxonomy records, stored as they are (their terms carry the taxonomy's name). */
  taxonomies: { created: number; updated: number; unchanged: number; failed: number };
  /** The crosswalk applied, when one was given. */
  crosswalk?: { taxonomy: string; lines: number; classified: number; reclassified: number };
  taxonomyTerms: { created: number; updated: number; unchanged: number; failed: number };
  /** Organisations written to partners through the graph, by their HSDS id. */
  organizations: { created: number; updated: number; unchanged: number; failed: number };
  services: { created: number; updated: number; unchanged: number; failed: number };
  errors: RecordProblem[];
  warnings: RecordProblem[];
}

const zero = () => ({ created: 0, updated: 0, unchanged: 0, failed: 0 });

/** Imports an HSDS folder or file through the graph; per-record problems are collected, not thrown. */
export async function importHsds(
  target: string,
  o: { url: string; token?: string; imperative?: string; crosswalk?: string; progress?: (m: string) => void },
): Promise<ImportSummary> {
  const batch = readHsds(target, { imperative: o.imperative });
  const crosswalk = o.crosswalk ? readCrosswalk(o.crosswalk) : undefined;
  const summary: ImportSummary = {
    files: batch.files.length,
    taxonomies: zero(),
    taxonomyTerms: zero(),
    organizations: zero(),
    services: zero(),
    errors: [...batch.errors],
    warnings: [...batch.warnings],
  };
  const add = (into: ReturnType<typeof zero>, r: any) =>
    (['created', 'updated', 'unchanged', 'failed'] as const).forEach((k) => (into[k] += r[k]));

  const hubTerms = (await graphRequest(o.url, o.token, '{ taxonomyTerms { id code taxonomy } }', {})).taxonomyTerms as {
    id: string;
    code: string;
    taxonomy: string;
  }[];
  // Checked against the terms before anything is written: a crosswalk naming unknown terms stops the import.
  const lines = crosswalk && crosswalkLines(crosswalk, o.crosswalk!, [...batch.terms, ...hubTerms]);
  if (batch.taxonomyRecords.length) {
    const r = (
      await graphRequest(o.url, o.token, `mutation($input: [TaxonomyInput!]!) { upsertTaxonomies(input: $input) { ${RESULT} } }`, {
        input: batch.taxonomyRecords,
      })
    ).upsertTaxonomies;
    add(summary.taxonomies, r);
    for (const rec of r.records)
      for (const e of rec.errors) summary.errors.push({ record: `taxonomy ${rec.id}`, field: e.field, message: `${e.code}: ${e.message}` });
  }
  if (batch.terms.length) {
    // A parent neither in the hub nor in the import would refuse the term: import it as a top term instead, and say so.
    const known = new Set<string>(hubTerms.map((t) => t.id));
    const ids = new Set(batch.terms.map((t) => t.id.toLowerCase()));
    const terms = batch.terms.map((t) => {
      if (t.parentId && !known.has(t.parentId.toLowerCase()) && !ids.has(t.parentId.toLowerCase())) {
        summary.warnings.push({
          record: `taxonomy_term ${t.id}`,
          field: 'parent_id',
          message: `parent ${t.parentId} is not in the hub or the import; imported as a top term`,
        });
        return { ...t, parentId: null };
      }
      return t;
    });
    for (let i = 0; i < terms.length; i += BATCH) {
      const slice = terms.slice(i, i + BATCH);
      const r = (
        await graphRequest(o.url, o.token, `mutation($input: [TaxonomyTermInput!]!) { upsertTaxonomyTerms(input: $input) { ${RESULT} } }`, {
          input: slice,
        })
      ).upsertTaxonomyTerms;
      add(summary.taxonomyTerms, r);
      for (const rec of r.records)
        for (const e of rec.errors)
          summary.errors.push({ record: `taxonomy_term ${rec.id}`, field: e.field, message: `${e.code}: ${e.message}` });
    }
  }
  // Organisations before their services: resources refuses a service whose organisation partners does not know.
  for (let i = 0; i < batch.organizations.length; i += BATCH) {
    const r = (
      await graphRequest(
        o.url,
        o.token,
        `mutation($input: [OrganizationUpsertInput!]!) { upsertOrganizations(input: $input) { ${RESULT} } }`,
        { input: batch.organizations.slice(i, i + BATCH) },
      )
    ).upsertOrganizations;
    add(summary.organizations, r);
    for (const rec of r.records)
      for (const e of rec.errors)
        summary.errors.push({ record: `organization ${rec.id}`, field: e.field, message: `${e.code}: ${e.message}` });
  }
  if (crosswalk && lines) {
    const r = (
      await graphRequest(
        o.url,
        o.token,
        `mutation($t: String!, $m: [TaxonomyMappingInput!]!) { setTaxonomyMappings(taxonomy: $t, mappings: $m) { classified reclassified mappings { id } } }`,
        { t: crosswalk.taxonomy, m: lines },
      )
    ).setTaxonomyMappings;
    summary.crosswalk = { taxonomy: crosswalk.taxonomy, lines: r.mappings.length, classified: r.classified, reclassified: r.reclassified };
  }
  for (let i = 0; i < batch.services.length; i += BATCH) {
    const slice = batch.services.slice(i, i + BATCH);
    const r = (
      await graphRequest(o.url, o.token, `mutation($input: [UpsertServiceInput!]!) { upsertServices(input: $input) { ${RESULT} } }`, {
        input: slice,
      })
    ).upsertServices;
    add(summary.services, r);
    for (const rec of r.records)
      for (const e of rec.errors) summary.errors.push({ record: `service ${rec.id}`, field: e.field, message: `${e.code}: ${e.message}` });
    o.progress?.(`services ${Math.min(i + BATCH, batch.services.length)}/${batch.services.length}`);
  }
  summary.services.failed += batch.failed.services;
  summary.taxonomyTerms.failed += batch.failed.taxonomyTerms;
  return summary;
}

export function registerImportHsds(program: Command) {
  // `c2c import` groups several importers; whichever registers first creates the group.
  const group =
    program.commands.find((c) => c.name() === 'import') ??
    program.command('import').description('Import data into the hub through the graph.');
  group
    .command('hsds')
    .description('Import Open Referral HSDS 3.0 data (JSON documents or the CSV tables) through the graph; idempotent by id.')
    .argument('<path>', 'an HSDS JSON file, or a folder of JSON files and/or the HSDS CSV tables')
    .option('--url <url>', 'the hub’s GraphQL endpoint', process.env.C2C_URL ?? 'http://localhost:4000/graphql')
    .option('--token <token>', 'bearer token (partner staff or hub operator)', process.env.C2C_TOKEN)
    .option(
      '--imperative <imperative>',
      'imperative for services whose taxonomy terms do not name one (EARLY_CHILDHOOD, K12, AFTERSCHOOL_AND_SUMMER, COLLEGE_AND_CAREER, BASIC_NEEDS)',
    )
    .option(
      '--crosswalk <file>',
      'a crosswalk from the source’s taxonomy to our imperatives: {"taxonomy": "211LA", "terms": {"<code or id>": "K12"}, "prefixes": {"BD-": "BASIC_NEEDS"}}; stored in the hub (setTaxonomyMappings) and applied to this and later imports',
    )
    .option('--json', 'print the summary as JSON')
    .action(async (target: string, opts) => {
      const summary = await importHsds(target, {
        url: opts.url,
        token: opts.token,
        imperative: opts.imperative,
        crosswalk: opts.crosswalk,
        progress: opts.json ? undefined : (m) => console.error(m),
      });
      if (opts.json) console.log(JSON.stringify(summary, null, 2));
      else {
        const line = (name: string, c: ReturnType<typeof zero>) =>
          `${name}: ${c.created} created, ${c.updated} updated, ${c.unchanged} unchanged, ${c.failed} failed`;
        console.log(line('taxonomies', summary.taxonomies));
        console.log(line('taxonomy terms', summary.taxonomyTerms));
        console.log(line('organizations', summary.organizations));
        console.log(line('services', summary.services));
        if (summary.crosswalk)
          console.log(
            `crosswalk ${summary.crosswalk.taxonomy}: ${summary.crosswalk.lines} lines, ${summary.crosswalk.classified} services classified, ${summary.crosswalk.reclassified} reclassified`,
          );
        for (const e of summary.errors) console.log(`error   ${e.record}${e.field ? ` ${e.field}` : ''}: ${e.message}`);
        for (const w of summary.warnings) console.log(`warning ${w.record}${w.field ? ` ${w.field}` : ''}: ${w.message}`);
      }
      if (summary.errors.length) process.exitCode = 2;
    });
}
