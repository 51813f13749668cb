import type { Express, Request, Response } from 'express';
import { cacheFor, callerOf, isUnauthenticated, refuseToken } from '../caller';
import type { RouteDeps } from '../routes';
import { REPORTS } from './catalog';
import { toCsv, type CsvColumn } from './csv';
import { ReportError } from './report-params';

// Where report definitions import them from (report-params.ts holds them, so a report file needs no import of this one).
export { param, ReportError } from './report-params';

/**
 * A CSV export of a GraphQL report. It is answered from the graph as the caller (`execute`),
 * so it follows exactly the rules the GraphQL query does: same rows, same suppression.
 */
export interface CsvReport<Row = any> {
  /** Served at `GET /reports/<name>.csv`. */
  name: string;
  /** The operation that reads the report. */
  query: string;
  /** Query-string parameters → the operation's variables; throw `ReportError(400, …, param)` naming a bad one. */
  variables: (query: Request['query']) => Record<string, unknown>;
  /** The rows, out of the operation's `data`. */
  rows: (data: any) => Row[];
  columns: readonly CsvColumn<Row>[];
}

function graphFailure(errors: readonly { message: string; extensions?: Record<string, unknown> }[]): ReportError {
  const e = errors[0];
  const code = e.extensions?.code;
  const field = typeof e.extensions?.field === 'string' ? e.extensions.field : undefined;
  if (code === 'BAD_USER_INPUT') return new ReportError(400, e.message, field);
  if (code === 'NOT_FOUND') return new ReportError(404, e.message);
  if (code === 'UNAUTHENTICATED') return new ReportError(401, e.message);
  if (code === 'FORBIDDEN') return new ReportError(403, e.message);
  return new ReportError(502, 'The report could not be produced');
}

/** `GET /reports/<name>.csv` for every report in `catalog.ts`. Reports are never anonymous. */
export function reportRoutes(app: Express, deps: RouteDeps, reports: readonly CsvReport[] = REPORTS) {
  for (const report of reports) {
    app.get(`/reports/${report.name}.csv`, ...deps.protect, async (req: Request, res: Response) => {
      res.set('cache-control', 'private, no-store');
      try {
        const caller = callerOf(res);
        if (caller.viewer.anonymous) throw new ReportError(401, 'A report needs a bearer token');
        const result = await deps.execute(report.query, report.variables(req.query), { caller });
        if (result.errors?.length) throw graphFailure(result.errors);
        const body = toCsv(report.columns, report.rows(result.data));
        cacheFor(res, caller, 0);
        res
          .status(200)
          .type('text/csv; charset=utf-8')
          .set('content-disposition', `attachment; filename="${report.name.replace(/[^a-z0-9-]/gi, '-')}.csv"`)
          .send(body);
      } catch (err) {
        if (isUnauthenticated(err)) return refuseToken(res, (err as Error).message);
        if (err instanceof ReportError && err.status === 401) return refuseToken(res, err.message);
        if (err instanceof ReportError) {
          res.status(err.status).json({ error: err.message, ...(err.param ? { field: err.param } : {}) });
          return;
        }
        deps.log.error({ err }, 'report export failed');
        res.status(500).json({ error: 'Internal server error' });
      }
    });
  }
}
