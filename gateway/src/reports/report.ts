import type { Request } from 'express';
import type { CsvColumn } from './csv';

/** A refusal of a report request, before or after the graph answered: its HTTP status and the parameter at fault. */
export class ReportError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly param?: string,
  ) {
    super(message);
  }
}

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

/** A query-string parameter given at most once; `undefined` when absent. */
export function param(q: Request['query'], name: string): string | undefined {
  const v = q[name];
  if (v === undefined) return undefined;
  if (typeof v !== 'string') throw new ReportError(400, `${name} must be given once`, name);
  return v;
}
