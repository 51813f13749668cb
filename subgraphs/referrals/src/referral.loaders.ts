import type { FilterQuery } from '@mikro-orm/core';
import { byKey, groupByKey, isUuid, type HubContext } from '@c2c/kernel';
import { Referral } from './referral.entity';
import { ReferralLinkKind } from './referral-codes.enum';
import { ReferralComment } from './referral-comment.entity';
import { ReferralStatusChange } from './referral-status-change.entity';
import type { ReferralStatus } from './referral-status.enum';

/** Referrals by id, one SQL statement per batch; used by `referral(id)` and `_entities`. */
export function referralById(ctx: HubContext) {
  return ctx.loaders.get<string, Referral | null>('referralById', async (ids) => {
    const valid = ids.filter(isUuid);
    const rows = valid.length ? await ctx.em.find(Referral, { id: { $in: valid } }) : [];
    return byKey(ids, rows, (r) => r.id);
  });
}

/** The follow-on referral each of many redirected referrals was turned into, one SQL statement per batch. */
export function followOnByReferral(ctx: HubContext) {
  return ctx.loaders.get<string, Referral | null>('followOnByReferral', async (ids) => {
    const rows = await ctx.em.find(Referral, { linkedReferralId: { $in: [...ids] }, linkKind: ReferralLinkKind.REDIRECT });
    return byKey(ids, rows, (r) => r.linkedReferralId!);
  });
}

/** The history of many referrals in one SQL statement per batch, oldest change first. */
export function historyByReferral(ctx: HubContext) {
  return ctx.loaders.get<string, ReferralStatusChange[]>('historyByReferral', async (ids) => {
    const rows = await ctx.em.find(ReferralStatusChange, { referral: { $in: [...ids] } }, { orderBy: { changedAt: 'asc', id: 'asc' } });
    return groupByKey(ids, rows, (c) => c.referral.id);
  });
}

export interface OrganizationReferrals {
  received: Referral[];
  sent: Referral[];
}

/**
 * Every referral each of many organisations received or sent, newest first, in one SQL
 * statement per batch. Both sides come from the same statement so that `receivedReferrals`
 * and `sentReferrals` resolve together and their histories load in one batch too. One loader
 * per status filter, since that changes the statement; pages are cut in memory so different
 * `first`/`after` still share it.
 */
export function referralsByOrganization(ctx: HubContext, status?: ReferralStatus | null) {
  return ctx.loaders.get<string, OrganizationReferrals>(`referralsByOrganization:${status ?? '*'}`, async (orgIds) => {
    const valid = orgIds.filter(isUuid);
    const where: FilterQuery<Referral> = {
      $or: [{ toOrganizationId: { $in: valid } }, { fromOrganizationId: { $in: valid } }],
      ...(status ? { status } : {}),
    };
    const rows = valid.length ? await ctx.em.find(Referral, where, { orderBy: { createdAt: 'desc', id: 'desc' } }) : [];
    const received = groupByKey(orgIds, rows, (r) => r.toOrganizationId);
    const sent = groupByKey(orgIds, rows, (r) => r.fromOrganizationId);
    return orgIds.map((_, i) => ({ received: received[i], sent: sent[i] }));
  });
}

/** The comment threads of many referrals in one SQL statement per batch, oldest first. */
export function commentsByReferral(ctx: HubContext) {
  return ctx.loaders.get<string, ReferralComment[]>('commentsByReferral', async (ids) => {
    const rows = await ctx.em.find(ReferralComment, { referral: { $in: [...ids] } }, { orderBy: { createdAt: 'asc', id: 'asc' } });
    return groupByKey(ids, rows, (c) => c.referral.id);
  });
}
