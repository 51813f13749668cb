import { ArgsType, Field } from 'type-graphql';
import { ReferralDirection } from './referral-codes.enum';
import { ReferralMetricsGroupBy, ReferralMetricsScope } from './referral-metrics.enum';

@ArgsType()
export class ReferralPeriodArgs {
  @Field({ description: 'First day of the period: the first day of a month (YYYY-MM-01). Referrals sent from 00:00 UTC that day count.' })
  from: string;

  @Field({ description: 'Last day of the period, inclusive: the last day of a month (e.g. 2026-12-31), up to 24:00 UTC.' })
  to: string;

  @Field(() => ReferralMetricsScope, {
    nullable: true,
    description:
      'OWN (partner staff’s default): your organisation’s referrals in full. COLLABORATIVE (the only scope, and default, for hub operators and evaluators): every organisation’s, suppressed, over whole calendar years (from YYYY-01-01 to YYYY-12-31).',
  })
  scope?: ReferralMetricsScope | null;

  @Field(() => ReferralDirection, {
    nullable: true,
    description: 'With scope OWN only: just the referrals your organisation sent, or just those it received (default both).',
  })
  direction?: ReferralDirection | null;
}

@ArgsType()
export class ReferralMetricsArgs extends ReferralPeriodArgs {
  @Field(() => ReferralMetricsGroupBy, { description: 'What each row is about: provider, service or imperative.' })
  groupBy: ReferralMetricsGroupBy;
}
