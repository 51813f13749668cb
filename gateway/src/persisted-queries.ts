import { createHash } from 'node:crypto';
import fs from 'node:fs';
import type { ApolloServerPlugin } from '@apollo/server';
import { InMemoryLRUCache, type KeyValueCache } from '@apollo/utils.keyvaluecache';
import { GraphQLError } from 'graphql';
import { hasRole } from '@c2c/kernel';
import type { GatewayContext } from './context';

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * The registered operations: an Apollo persisted query manifest
 * (`{ "format": "apollo-persisted-query-manifest", "operations": [{ "id", "name", "type", "body" }] }`)
 * or a plain JSON list of operation texts. Keyed by the SHA-256 of the text, as APQ is.
 */
export function loadSafelist(file: string): Map<string, string> {
  const raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  const bodies: string[] = Array.isArray(raw) ? raw : (raw.operations ?? []).map((o: { body: string }) => o.body);
  if (!bodies.length || bodies.some((b) => typeof b !== 'string'))
    throw new Error(`${file}: no operations, or an operation without a body`);
  return new Map(bodies.map((b) => [sha256(b), b]));
}

/**
 * Automatic persisted queries, with the safelist preloaded: a registered operation runs from
 * its hash alone, and other hashes are learnt as APQ learns them (bounded LRU, per replica;
 * a client that misses simply sends the text again).
 */
export function persistedQueryCache(safelist: Map<string, string> | undefined): KeyValueCache<string> {
  const learnt = new InMemoryLRUCache<string>({ maxSize: 8 * 1024 * 1024 });
  const hashOf = (key: string) => key.slice(key.lastIndexOf(':') + 1);
  return {
    async get(key) {
      return safelist?.get(hashOf(key)) ?? learnt.get(key);
    },
    async set(key, value, options) {
      await learnt.set(key, value, options);
    },
    async delete(key) {
      return learnt.delete(key);
    },
  };
}

/** Safelist mode: API clients (role `embed`) may run only registered operations. */
export function safelistPlugin(safelist: Map<string, string> | undefined): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, queryHash }) {
          if (!safelist || !hasRole(contextValue.viewer, 'embed')) return;
          if (!safelist.has(queryHash)) {
            throw new GraphQLError('This operation is not registered for API clients', {
              extensions: { code: 'FORBIDDEN', http: { status: 403 } },
            });
          }
        },
      };
    },
  };
}
