// The one function of pg-copy-streams the sync uses (the package ships no types).
declare module 'pg-copy-streams' {
  import type { Writable } from 'node:stream';
  /** A `COPY … FROM STDIN` statement as a query a pg client submits; write the data to it. */
  export function from(sql: string): Writable;
}
