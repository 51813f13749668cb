import { Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { badInput, hasRole, type HubContext } from '@c2c/kernel';
import { now } from './clock.logic';
import { Organization } from './organization.stub';
import { Service } from './service.stub';
import { ReferralMetricsScope } from './referral-metrics.enum';
import { ReferralMetricsArgs, ReferralPeriodArgs } from './referral-metrics.input';
import {
  metricsPeriod,
  referralMetrics,
  referralUnmetNeed,
  requireWholeYears,
  type MetricsPeriod,
  type MetricsViewer,
} from './referral-metrics.logic';
import { ReferralMetrics, ReferralMetricsRow, ReferralUnmetNeed } from './referral-metrics.types';

/**
 * Partner staff count for their organisation: scope OWN by default, and their own referrals
 * never decide a suppressed figure. Hub operators and evaluators have no organisation: they
 * get the suppressed collaborative view only.
 */
function metricsViewer(ctx: HubContext, args: ReferralPeriodArgs, period: MetricsPeriod): MetricsViewer {
  const org = hasRole(ctx.viewer, 'partner_staff') && ctx.viewer.org ? ctx.viewer.org : null;
  const scope = args.scope ?? (org ? ReferralMetricsScope.OWN : ReferralMetricsScope.COLLABORATIVE);
  if (scope === ReferralMetricsScope.OWN && !org)
    throw badInput('scope OWN needs a partner organisation: use COLLABORATIVE', { field: 'scope' });
  if (args.direction && scope !== ReferralMetricsScope.OWN) throw badInput('direction applies to scope OWN only', { field: 'direction' });
  if (scope === ReferralMetricsScope.COLLABORATIVE) requireWholeYears(period);
  return { org, scope, direction: args.direction ?? null, now: now() };
}

@Resolver(() => ReferralMetrics)
export class ReferralMetricsResolver {
  @Query(() => ReferralMetrics, {
    nullable: true,
    description:
      'Closed-loop metrics of the referrals sent in a period of whole months, by provider, service or imperative: received, acceptance and completion rates with their denominators, median and 90th-percentile hours to first response, outcomes by code, overdue. Partner staff see their own organisation’s referrals in full (scope OWN) or everyone’s suppressed (COLLABORATIVE); hub operators and evaluators the suppressed collaborative view. Aggregates only.',
  })
  referralMetrics(@Args() args: ReferralMetricsArgs, @Ctx() ctx: HubContext) {
    const period = metricsPeriod(args.from, args.to);
    return referralMetrics(ctx.em, period, args.groupBy, metricsViewer(ctx, args, period));
  }

  @Query(() => ReferralUnmetNeed, {
    nullable: true,
    description:
      'Unmet need: referrals sent in a period of whole months and declined for NO_CAPACITY or NOT_ELIGIBLE, by ZIP code × imperative. Who sees what as for `referralMetrics`.',
  })
  referralUnmetNeed(@Args() args: ReferralPeriodArgs, @Ctx() ctx: HubContext) {
    const period = metricsPeriod(args.from, args.to);
    return referralUnmetNeed(ctx.em, period, metricsViewer(ctx, args, period));
  }
}

@Resolver(() => ReferralMetricsRow)
export class ReferralMetricsRowResolver {
  @FieldResolver(() => Organization, { nullable: true, description: 'With groupBy PROVIDER: the receiving organisation of the row.' })
  organization(@Root() row: ReferralMetricsRow): Organization | null {
    return row.organizationId ? { id: row.organizationId } : null;
  }

  @FieldResolver(() => Service, { nullable: true, description: 'With groupBy SERVICE: the service of the row.' })
  service(@Root() row: ReferralMetricsRow): Service | null {
    return row.serviceId ? { id: row.serviceId } : null;
  }
}
