import type { Command } from 'commander';
import { parse } from 'csv-parse/sync';

/**
 * `c2c report <name>`: any CSV report of the gateway (`GET /reports/<name>.csv`), asked as the
 * token's holder, so it shows exactly what the graph shows that caller. Like the other data
 * commands it talks only to the gateway. Short names for the common ones.
 */
export const REPORT_ALIASES: Record<string, string> = {
  referrals: 'referral-metrics',
  'unmet-need': 'referral-unmet-need',
  events: 'events-report',
};

export interface ReportOptions {
  url: string;
  token?: string;
  params: Record<string, string>;
}

/** The report's URL beside the GraphQL endpoint `url` (http://host:4000/graphql → http://host:4000/reports/<name>.csv). */
export function reportUrl(name: string, o: ReportOptions): string {
  const report = REPORT_ALIASES[name] ?? name;
  if (!/^[a-z0-9-]+$/.test(report)) throw new Error(`report names are lower-case words joined by "-" (got "${name}")`);
  const base = new URL(o.url);
  base.pathname = base.pathname.replace(/\/graphql\/?$/, '').replace(/\/$/, '') + `/reports/${report}.csv`;
  for (const [k, v] of Object.entries(o.params)) base.searchParams.set(k, v);
  return base.toString();
}

export async function fetchReport(name: string, o: ReportOptions): Promise<string> {
  const url = reportUrl(name, o);
  const res = await fetch(url, { headers: o.token ? { authorization: `Bearer ${o.token}` } : {} });
  const body = await res.text();
  if (res.status === 200) return body;
  let detail = body.slice(0, 200);
  try {
    const j = JSON.parse(body);
    detail = `${j.field ? `${j.field}: ` : ''}${j.error}`;
  } catch {
    // Not JSON: an unknown route answers with Express's HTML page.
  }
  if (res.status === 404 && !detail.includes(':')) throw new Error(`the gateway has no report named ${REPORT_ALIASES[name] ?? name}`);
  throw new Error(`HTTP ${res.status}: ${detail}`);
}

/** A plain text table: every column as wide as its widest cell. */
export function formatTable(rows: Record<string, string>[]): string {
  if (!rows.length) return '(no rows)';
  const headers = Object.keys(rows[0]);
  const width = headers.map((h) => Math.max(h.length, ...rows.map((r) => (r[h] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(width[i]))
      .join('  ')
      .trimEnd();
  return [line(headers), line(width.map((w) => '-'.repeat(w))), ...rows.map((r) => line(headers.map((h) => r[h] ?? '')))].join('\n');
}

const collect = (v: string, all: string[]) => [...all, v];

export function registerReport(program: Command) {
  program
    .command('report')
    .description(
      'Print a hub report (GET /reports/<name>.csv on the gateway) as a table, JSON or the CSV itself, with your token’s view of it: e.g. `c2c report referral-metrics --from 2026-01-01 --to 2026-12-31 --group-by PROVIDER`.',
    )
    .argument(
      '<name>',
      `report name: referral-metrics (alias referrals), referral-unmet-need (alias unmet-need), events-report (alias events), disclosures (district administrators: --param student=<id> or --param organization=<id>, optionally --from/--to), or any other the gateway serves`,
    )
    .option('--from <date>', 'first day of the period (YYYY-MM-01)')
    .option('--to <date>', 'last day of the period (e.g. 2026-12-31)')
    .option('--group-by <what>', 'referral-metrics: PROVIDER, SERVICE or IMPERATIVE (default PROVIDER)')
    .option('--scope <scope>', 'OWN (your organisation’s referrals, in full) or COLLABORATIVE (everyone’s, suppressed)')
    .option('--direction <direction>', 'with scope OWN: SENT or RECEIVED only')
    .option('--by <dimension>', 'events-report: ENGAGEMENT_LEVEL, TYPE, MONTH, QUARTER, ZIP, AUDIENCE or ORGANIZATION (hub operators)')
    .option('--year <year>', 'events-report: calendar year (default: this year)')
    .option('--param <key=value>', 'any other query-string parameter of the report (repeatable)', collect, [])
    .option(
      '--url <url>',
      'the hub’s GraphQL endpoint; reports are served beside it',
      process.env.C2C_URL ?? 'http://localhost:4000/graphql',
    )
    .option('--token <token>', 'bearer token (reports are never anonymous)', process.env.C2C_TOKEN)
    .option('--csv', 'print the CSV exactly as the gateway sent it')
    .option('--json', 'print the rows as a JSON array of objects')
    .action(async (name: string, opts) => {
      const params: Record<string, string> = {};
      for (const [key, value] of [
        ['from', opts.from],
        ['to', opts.to],
        ['groupBy', opts.groupBy],
        ['scope', opts.scope],
        ['direction', opts.direction],
        ['by', opts.by],
        ['year', opts.year],
      ] as const)
        if (value !== undefined) params[key] = value;
      for (const p of opts.param as string[]) {
        const eq = p.indexOf('=');
        if (eq < 1) throw new Error(`--param takes key=value (got "${p}")`);
        params[p.slice(0, eq)] = p.slice(eq + 1);
      }
      const csv = await fetchReport(name, { url: opts.url, token: opts.token, params });
      if (opts.csv) {
        process.stdout.write(csv);
        return;
      }
      const rows = parse<Record<string, string>>(csv, { columns: true });
      console.log(opts.json ? JSON.stringify(rows, null, 2) : formatTable(rows));
    });
}
