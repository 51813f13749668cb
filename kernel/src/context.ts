import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/knex';
import type { Logger } from 'pino';
import type { AgreementClient } from './agreements';
import type { Viewer } from './auth';
import type { PeerClient } from './peers';

/**
 * Per-request DataLoaders, created on first use. A loader never outlives its request, so
 * one viewer's cached rows are never served to another.
 */
export class Loaders {
  private readonly map = new Map<string, DataLoader<unknown, unknown>>();

  get<K, V>(name: string, batch: DataLoader.BatchLoadFn<K, V>): DataLoader<K, V> {
    let loader = this.map.get(name) as DataLoader<K, V> | undefined;
    if (!loader) {
      loader = new DataLoader<K, V>(batch, { maxBatchSize: 500 });
      this.map.set(name, loader);
    }
    return loader;
  }
}

export interface HubContext {
  em: EntityManager;
  viewer: Viewer;
  loaders: Loaders;
  requestId: string;
  log: Logger;
  /**
   * Work to run once the operation has executed and before its response is sent (e.g. one
   * batched insert of disclosure-audit rows for everything the request read). The server and
   * the test harness both run it; if it fails the response is withheld (fail closed).
   */
  after: (() => Promise<void>)[];
  /**
   * Request ids of identical queries that joined this one's execution (kernel
   * request-sharing.ts) and get its answer: an after hook that writes a row per request (the
   * disclosure log) writes theirs too. Final once the after hooks run.
   */
  sharedWith?: string[];
  /** Stops further requests joining this execution; runAfterHooks calls it first. */
  closeSharing?: () => string[];
  /** The caller's own raw bearer token (absent for anonymous callers), for calls made on its behalf. */
  token?: string;
  /** Where this process asks the partners subgraph for data-sharing agreements (kernel/src/agreements.ts); absent: none are honoured. */
  agreements?: AgreementClient;
  /** Where this process asks other subgraphs for facts, as the caller (kernel/src/peers.ts); absent: nothing can be asked. */
  peers?: PeerClient;
}

/**
 * Runs the context's `after` hooks. Returns false when one failed: the caller must then not
 * send the data, since e.g. a disclosure that could not be audited must not happen.
 */
export async function runAfterHooks(ctx: HubContext): Promise<boolean> {
  let ok = true;
  if (ctx.closeSharing) ctx.sharedWith = ctx.closeSharing();
  for (const hook of ctx.after.splice(0)) {
    try {
      await hook();
    } catch (err) {
      ok = false;
      ctx.log.error({ err }, 'after-operation hook failed; response withheld');
    }
  }
  return ok;
}

/** Orders batch results to match the requested keys, as DataLoader requires. */
export function byKey<K, V>(keys: readonly K[], rows: V[], keyOf: (row: V) => K): (V | null)[] {
  const index = new Map<K, V>();
  for (const row of rows) index.set(keyOf(row), row);
  return keys.map((k) => index.get(k) ?? null);
}

/** Groups batch results by key, for one-to-many loaders. */
export function groupByKey<K, V>(keys: readonly K[], rows: V[], keyOf: (row: V) => K): V[][] {
  const index = new Map<K, V[]>();
  for (const row of rows) {
    const k = keyOf(row);
    const list = index.get(k);
    if (list) list.push(row);
    else index.set(k, [row]);
  }
  return keys.map((k) => index.get(k) ?? []);
}
