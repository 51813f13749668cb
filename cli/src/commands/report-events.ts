import type { Command } from 'commander';

export interface EventReportOptions {
  url: string;
  token?: string;
  by: string;
  scope?: string;
  year?: string;
  from?: string;
  to?: string;
}

/** The gateway's CSV route for a report, beside the GraphQL endpoint the data commands take. */
export function reportUrl(graphqlUrl: string, o: Omit<EventReportOptions, 'url' | 'token'>): URL {
  const url = new URL('/reports/events-report.csv', graphqlUrl);
  for (const [k, v] of Object.entries(o)) if (v !== undefined) url.searchParams.set(k, String(v));
  return url;
}

/** The CSV exactly as the gateway serves it to this token: same rules, same suppression as the graph. */
export async function fetchEventReport(o: EventReportOptions): Promise<string> {
  const { url, token, ...query } = o;
  const res = await fetch(reportUrl(url, query), { headers: token ? { authorization: `Bearer ${token}` } : {} });
  const body = await res.text();
  if (!res.ok) {
    let message = body;
    try {
      const parsed = JSON.parse(body);
      message = `${parsed.error}${parsed.field ? ` (${parsed.field})` : ''}`;
    } catch {
      // Not JSON: the body as it came.
    }
    throw new Error(`HTTP ${res.status}: ${message}`);
  }
  return body;
}

export function registerReportEvents(program: Command) {
  // `c2c report` may also be created by the generic report command: join it if it exists.
  const group =
    program.commands.find((c) => c.name() === 'report') ?? program.command('report').description('Reports, as CSV, through the gateway.');
  group
    .command('events')
    .description('Event report by one dimension, as the gateway’s CSV export (GET /reports/events-report.csv) with your token.')
    .requiredOption('--by <dimension>', 'ENGAGEMENT_LEVEL, TYPE, MONTH, QUARTER, ZIP, AUDIENCE or ORGANIZATION (hub operators)')
    .option('--scope <scope>', 'OWN (your organisation’s events) or COLLABORATIVE (everyone’s, suppressed; needs an agreement)', 'OWN')
    .option('--year <year>', 'calendar year (default: this year)')
    .option('--from <date>', 'OWN only: first day, YYYY-MM-DD')
    .option('--to <date>', 'OWN only: last day, YYYY-MM-DD')
    .option('--csv', 'print the CSV as served (the default prints it as an aligned table)')
    .option(
      '--url <url>',
      'the hub’s GraphQL endpoint (the report is fetched beside it)',
      process.env.C2C_URL ?? 'http://localhost:4000/graphql',
    )
    .option('--token <token>', 'bearer token', process.env.C2C_TOKEN)
    .action(async (opts) => {
      const csv = await fetchEventReport({
        url: opts.url,
        token: opts.token,
        by: opts.by,
        scope: opts.scope,
        year: opts.year,
        from: opts.from,
        to: opts.to,
      });
      if (opts.csv) {
        process.stdout.write(csv);
        return;
      }
      // The report's cells hold no commas or quotes (keys are enum values, dates, zips, ids and the five audiences).
      const rows = csv
        .trimEnd()
        .split('\r\n')
        .map((l) => l.split(',').map((c) => c.replace(/^"|"$/g, '')));
      const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
      for (const r of rows)
        console.log(
          r
            .map((c, i) => c.padEnd(widths[i]))
            .join('  ')
            .trimEnd(),
        );
    });
}
