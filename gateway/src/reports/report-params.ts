import type { Request } from 'express';

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

/** A query-string parameter given at most once; `undefined` when absent. */
export function param(q: Request['query'], name: string): string | undefined {
  const v = q[name];
  if (v === undefined) return undefined;
  if (typeof v !== 'string') throw new ReportError(400, `${name} must be given once`, name);
  return v;
}
