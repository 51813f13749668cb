import type { Request } from 'express';
import { param, ReportError, type CsvReport } from './report';

const DIMENSIONS = ['ENGAGEMENT_LEVEL', 'TYPE', 'MONTH', 'QUARTER', 'ZIP', 'AUDIENCE', 'ORGANIZATION'];
const SCOPES = ['OWN', 'COLLABORATIVE'];

interface ReportRow {
  key: string | null;
  events: number | null;
  attendees: number | null;
  suppressed: boolean;
  total?: boolean;
}

interface Report {
  scope: string;
  by: string;
  from: string;
  to: string;
}

type Line = ReportRow & { report: Report };

/** A query-string enum, upper-cased so `?by=zip` works as well as `?by=ZIP`. */
function choice(q: Request['query'], name: string, allowed: string[], fallback?: string): string | undefined {
  const v = param(q, name)?.toUpperCase() ?? fallback;
  if (v !== undefined && !allowed.includes(v)) throw new ReportError(400, `${name} must be one of ${allowed.join(', ')}`, name);
  return v;
}

/**
 * `GET /reports/events-report.csv?by=TYPE&scope=COLLABORATIVE&year=2026` (or `from`/`to` for an
 * OWN report): the `eventReport` query as the caller, so the same agreement check, the same
 * suppression and the same refusal of the per-organisation breakdown to anyone but the hub operator.
 */
export const eventReportCsv: CsvReport<Line> = {
  name: 'events-report',
  query: `query EventReportCsv($by: EventReportDimension!, $scope: EventReportScope, $year: Int, $from: String, $to: String) {
    eventReport(by: $by, scope: $scope, year: $year, from: $from, to: $to) {
      scope by from to total { key events attendees suppressed } rows { key events attendees suppressed }
    }
  }`,
  variables: (q) => {
    const by = choice(q, 'by', DIMENSIONS);
    if (!by) throw new ReportError(400, `by is required: one of ${DIMENSIONS.join(', ')}`, 'by');
    const yearText = param(q, 'year');
    if (yearText !== undefined && !/^\d{4}$/.test(yearText)) throw new ReportError(400, 'year must be a four-digit year', 'year');
    return {
      by,
      scope: choice(q, 'scope', SCOPES, 'OWN'),
      year: yearText === undefined ? undefined : Number(yearText),
      from: param(q, 'from'),
      to: param(q, 'to'),
    };
  },
  rows: (data) => {
    const r = data.eventReport;
    const report = { scope: r.scope, by: r.by, from: r.from, to: r.to };
    return [...r.rows.map((row: ReportRow) => ({ ...row, report })), { ...r.total, total: true, report }];
  },
  columns: [
    { header: 'scope', value: (l) => l.report.scope },
    { header: 'by', value: (l) => l.report.by },
    { header: 'from', value: (l) => l.report.from },
    { header: 'to', value: (l) => l.report.to },
    // The folded row of hidden zips or audiences has no key of its own.
    { header: 'key', value: (l) => (l.total ? 'TOTAL' : (l.key ?? 'OTHER (suppressed)')) },
    { header: 'events', value: (l) => l.events },
    { header: 'attendees', value: (l) => l.attendees },
    { header: 'suppressed', value: (l) => l.suppressed },
  ],
};

export const EVENT_REPORTS: CsvReport[] = [eventReportCsv];
