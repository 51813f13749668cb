import { hubError, isUuid, normalizeId, PeerUnavailable, type HubContext } from '@c2c/kernel';

/**
 * Facts about other subgraphs' rows, asked of those subgraphs as the caller
 * (kernel/src/peers.ts): the caller's own token decides what they answer. Fails closed: a
 * peer that cannot answer refuses the whole operation, nothing is saved.
 */

/** The listing statuses of resources under which a service is published (publicly listed). */
const PUBLISHED = new Set(['ACTIVE', 'TEMPORARILY_CLOSED']);

export interface DirectoryService {
  id: string;
  organizationId: string;
  intakeStatus: 'OPEN' | 'WAITLIST' | 'CLOSED';
}

export const SERVICE_QUERY = 'query($id: ID!) { service(id: $id) { id status intakeStatus organization { id } } }';
export const STUDENT_QUERY = 'query($id: ID!) { student(id: $id) { id } }';

const unavailable = (err: unknown) => {
  if (err instanceof PeerUnavailable)
    return hubError('INTERNAL_SERVER_ERROR', `The ${err.peer} service could not be asked; nothing was saved`);
  return err;
};

async function ask(ctx: HubContext, peer: 'resources' | 'students', query: string, id: string) {
  if (!ctx.peers) throw hubError('INTERNAL_SERVER_ERROR', `The ${peer} service is not configured; nothing was saved`);
  try {
    return await ctx.peers.query(peer, query, { id }, ctx);
  } catch (err) {
    throw unavailable(err);
  }
}

/** The published service `id` as resources shows it to the caller; NOT_FOUND naming `field` when unknown, hidden or unpublished. */
export async function publishedService(ctx: HubContext, id: string, field: string): Promise<DirectoryService> {
  const missing = () => hubError('NOT_FOUND', `Service ${id} not found`, { id, field });
  if (!isUuid(id)) throw missing();
  const answer = await ask(ctx, 'resources', SERVICE_QUERY, normalizeId(id));
  const s = answer.data?.service;
  if (!s || !PUBLISHED.has(s.status) || !isUuid(s.organization?.id ?? '')) throw missing();
  return { id: normalizeId(s.id), organizationId: normalizeId(s.organization.id), intakeStatus: s.intakeStatus ?? 'OPEN' };
}

/** The student `id` if students lets the caller see it; otherwise the same NOT_FOUND as for an unknown id. */
export async function visibleStudent(ctx: HubContext, id: string, field: string): Promise<string> {
  const missing = () => hubError('NOT_FOUND', `Student ${id} not found`, { id, field });
  if (!isUuid(id)) throw missing();
  const answer = await ask(ctx, 'students', STUDENT_QUERY, normalizeId(id));
  const s = answer.data?.student;
  if (!s?.id) throw missing();
  return normalizeId(s.id);
}
