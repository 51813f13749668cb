import type { FilterQuery } from '@mikro-orm/core';
import { byKey, groupByKey, type HubContext } from '@c2c/kernel';
import { isUuid } from './referral.access';
import { Referral } from './referral.entity';
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

/** The history of many referrals in one SQL statement per batch, oldest change first. */
export function historyByReferral(ctx: HubContext) {
  return ctx.loaders.get<string, ReferralStatusChange[]>('historyByReferral', async (ids) => {
    const rows = await ctx.em.find(
      ReferralStatusChange,
      { referral: { $in: [...ids] } },
      { orderBy: { changedAt: 'asc', id: 'asc' } },
    );
    return groupByKey(ids, rows, (c) => c.referral.id);
  });
}

export type ReferralSide = 'received' | 'sent';

/**
 * Every referral received (or sent) by each of many organisations, newest first, in one
 * SQL statement per batch. One loader per side and status filter, since those change the
 * statement; pages are cut in memory so different `first`/`after` still share a batch.
 */
export function referralsByOrganization(ctx: HubContext, side: ReferralSide, status?: ReferralStatus | null) {
  const column = side === 'received' ? 'toOrganizationId' : 'fromOrganizationId';
  return ctx.loaders.get<string, Referral[]>(`${side}Referrals:${status ?? '*'}`, async (orgIds) => {
    const valid = orgIds.filter(isUuid);
    if (!valid.length) return orgIds.map(() => []);
    const where = { [column]: { $in: valid }, ...(status ? { status } : {}) } as FilterQuery<Referral>;
    const rows = await ctx.em.find(Referral, where, { orderBy: { createdAt: 'desc', id: 'desc' } });
    return groupByKey(orgIds, rows, (r) => r[column]);
  });
}
