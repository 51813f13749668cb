import { badInput, hubError, isUuid, normalizeId, PeerUnavailable, type HubContext } from '@c2c/kernel';

/**
 * The staff member `staffId` as a caseload may name it: an ACTIVE staff record of the caller's
 * organisation. Partners owns the directory, so it is asked, as the caller, on every assignment
 * (never cached: an assignment is rare and must not outlive a deactivation). Another
 * organisation's record, a missing one and an inactive one are all BAD_USER_INPUT on `staffId`;
 * partners not answering refuses the assignment (fail closed), and nothing is saved.
 */
export async function assignableStaffId(ctx: HubContext, staffId: string): Promise<string> {
  const id = normalizeId(staffId);
  if (!isUuid(id)) throw badInput('staffId must be a Staff id', { field: 'staffId' });
  if (!ctx.peers) throw hubError('INTERNAL_SERVER_ERROR', 'The partners service is not configured; nothing was saved');
  let answer;
  try {
    answer = await ctx.peers.query(
      'partners',
      'query($ids: [ID!]!) { staffMemberships(ids: $ids) { staffId organizationId active } }',
      { ids: [id] },
      ctx,
    );
  } catch (err) {
    if (err instanceof PeerUnavailable)
      throw hubError('INTERNAL_SERVER_ERROR', 'The partners service could not be asked; nothing was saved');
    throw err;
  }
  const rows = (answer.data?.staffMemberships ?? []) as { staffId: string; organizationId: string | null; active: boolean }[];
  const row = rows.find((r) => normalizeId(r.staffId) === id);
  if (!row || !row.organizationId || normalizeId(row.organizationId) !== ctx.viewer.org)
    throw badInput('staffId is not a staff member of your organisation', { field: 'staffId' });
  if (!row.active) throw badInput('staffId is an inactive staff member; only active staff take a caseload', { field: 'staffId' });
  return id;
}
