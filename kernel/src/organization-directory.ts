import { hasRole } from './auth';
import type { HubContext } from './context';
import { hubError } from './errors';
import { PeerUnavailable } from './peers';

/**
 * Whether organisations exist, asked of partners (which owns them) as the caller
 * (kernel/src/peers.ts), one request for the whole batch. Fails closed: when partners cannot
 * answer, the write is refused and nothing is saved.
 *
 * Partner staff write only their own organisation's services, and their token is bound to a
 * staff record of it (partners checks that at sign-in), so only a hub operator's organisation
 * ids, which can be anything, need asking.
 */
export async function unknownOrganizations(ctx: HubContext, ids: readonly string[]): Promise<Set<string>> {
  const ask = [...new Set(ids)].filter((id) => hasRole(ctx.viewer, 'cec_admin') || id !== ctx.viewer.org);
  if (!ask.length) return new Set();
  if (!ctx.peers) throw hubError('INTERNAL_SERVER_ERROR', 'The partners service is not configured; nothing was saved');
  let answer;
  try {
    answer = await ctx.peers.query(
      'partners',
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Organization { id } } }',
      { r: ask.map((id) => ({ __typename: 'Organization', id })) },
      ctx,
    );
  } catch (err) {
    if (err instanceof PeerUnavailable)
      throw hubError('INTERNAL_SERVER_ERROR', 'The partners service could not be asked; nothing was saved');
    throw err;
  }
  const found = new Set<string>(
    ((answer.data?._entities ?? []) as ({ id: string } | null)[]).filter(Boolean).map((o) => o!.id.toLowerCase()),
  );
  return new Set(ask.filter((id) => !found.has(id.toLowerCase())));
}
