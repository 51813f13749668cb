import { Field, Float, Int, ObjectType } from 'type-graphql';
import { Imperative } from '@c2c/kernel';
import { ReferralOutcome } from './referral-codes.enum';
import { ReferralMetricsGroupBy, ReferralMetricsScope } from './referral-metrics.enum';

@ObjectType('ReferralRate', { description: 'A rate with the counts it is made of, so a reader sees what it is a share of.' })
export class ReferralRate {
  @Field(() => Int, { nullable: true, description: 'How many referrals had the property; null when suppressed.' })
  numerator: number | null;

  @Field(() => Int, { nullable: true, description: 'How many referrals the rate is a share of; null when suppressed.' })
  denominator: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'numerator / denominator, from 0 to 1; null when suppressed or when the denominator is 0.',
  })
  rate: number | null;
}

@ObjectType('ReferralOutcomeCount', { description: 'How many referrals ended with one outcome code.' })
export class ReferralOutcomeCount {
  @Field(() => ReferralOutcome, { description: 'The outcome code.' })
  outcome: ReferralOutcome;

  @Field(() => Int, { nullable: true, description: 'Referrals with that outcome; null when suppressed.' })
  count: number | null;
}

@ObjectType('ReferralMetricsRow', {
  description:
    'The figures of one group of referrals sent in the period (or of all of them, for the total). Counts are null when suppressed: fewer than `minimumCount` referrals of organisations other than the viewer’s, from too few organisations, or hidden with such a row so that it cannot be recovered from the total.',
})
export class ReferralMetricsRow {
  @Field(() => Imperative, {
    nullable: true,
    description: 'With groupBy IMPERATIVE: the imperative of the row; null for the total and for needs not coded.',
  })
  imperative: Imperative | null;

  @Field({ description: 'True for the row over every group.' })
  total: boolean;

  @Field({ description: 'True when the row’s figures are hidden by the small-cell rule (never in scope OWN).' })
  suppressed: boolean;

  @Field(() => Int, { nullable: true, description: 'Referrals sent in the period.' })
  received: number | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Referrals the receiving organisation answered: a status change made by its staff after SENT (accept, decline, redirect).',
  })
  responded: number | null;

  @Field(() => Int, {
    nullable: true,
    description:
      'Referrals that were accepted at some point: their history has a change to ACCEPTED, or to a status that only follows it (WAITLISTED, IN_PROGRESS, COMPLETED, FAILED).',
  })
  accepted: number | null;

  @Field(() => Int, { nullable: true, description: 'Referrals declined.' })
  declined: number | null;

  @Field(() => Int, { nullable: true, description: 'Referrals completed.' })
  completed: number | null;

  @Field(() => Int, {
    nullable: true,
    description:
      'Referrals still SENT at their response deadline, the deadline being past now: answered late, expired, withdrawn late or still waiting.',
  })
  overdue: number | null;

  @Field(() => ReferralRate, { description: 'accepted / received.' })
  acceptanceRate: ReferralRate;

  @Field(() => ReferralRate, { description: 'completed / accepted.' })
  completionRate: ReferralRate;

  @Field(() => Float, {
    nullable: true,
    description: 'Median hours from sending to the first response (over `responded`); null when none responded or when suppressed.',
  })
  medianHoursToFirstResponse: number | null;

  @Field(() => Float, {
    nullable: true,
    description: '90th percentile of the hours to first response (over `responded`), interpolated like `median…`.',
  })
  p90HoursToFirstResponse: number | null;

  @Field(() => [ReferralOutcomeCount], {
    description: 'Referrals by outcome code, every code listed (completed and failed referrals carry one).',
  })
  outcomes: ReferralOutcomeCount[];

  organizationId: string | null;
  serviceId: string | null;
}

@ObjectType('ReferralMetrics', {
  description:
    'Closed-loop figures of the referrals sent in a period of whole months (whole calendar years in scope COLLABORATIVE), by provider, service or imperative. Aggregates only: names no individual referral. A figure over several years is the sum of each year’s, hidden when any year hides it.',
})
export class ReferralMetrics {
  @Field({ description: 'First day of the period (YYYY-MM-DD).' })
  from: string;

  @Field({ description: 'Last day of the period, inclusive (YYYY-MM-DD).' })
  to: string;

  @Field(() => ReferralMetricsGroupBy, { description: 'What each row is about.' })
  groupBy: ReferralMetricsGroupBy;

  @Field(() => ReferralMetricsScope, { description: 'Whose referrals are counted.' })
  scope: ReferralMetricsScope;

  @Field(() => Int, {
    nullable: true,
    description:
      'A figure is suppressed unless organisations other than the viewer’s contributed at least this many referrals to it; null in scope OWN (nothing suppressed).',
  })
  minimumCount: number | null;

  @Field(() => ReferralMetricsRow, { description: 'Every referral of the period together.' })
  totals: ReferralMetricsRow;

  @Field(() => [ReferralMetricsRow], {
    description:
      'One row per group. In scope COLLABORATIVE a suppressed provider, service or not-coded row is left out (its existence alone would say there were such referrals); the five imperative rows are always listed.',
  })
  rows: ReferralMetricsRow[];
}

@ObjectType('ReferralUnmetNeedCell', {
  description: 'Referrals declined for lack of capacity or eligibility in one ZIP code and imperative, or a margin.',
})
export class ReferralUnmetNeedCell {
  @Field(() => String, { nullable: true, description: 'ZIP code of the cell; null for a total over every ZIP code.' })
  zip: string | null;

  @Field(() => Imperative, { nullable: true, description: 'Imperative of the cell; null for a total over every imperative.' })
  imperative: Imperative | null;

  @Field(() => Int, { nullable: true, description: 'Referrals declined for NO_CAPACITY or NOT_ELIGIBLE; null when suppressed.' })
  declined: number | null;

  @Field(() => Int, { nullable: true, description: 'Of those, declined for NO_CAPACITY; null when suppressed.' })
  noCapacity: number | null;

  @Field(() => Int, { nullable: true, description: 'Of those, declined for NOT_ELIGIBLE; null when suppressed.' })
  notEligible: number | null;

  @Field({ description: 'True when the cell is hidden by the small-cell rule (never in scope OWN).' })
  suppressed: boolean;
}

@ObjectType('ReferralUnmetNeed', {
  description:
    'Unmet need: referrals sent in the period and declined for NO_CAPACITY or NOT_ELIGIBLE, by the family’s ZIP code × imperative, with margins. Referrals with no ZIP code or no coded imperative cannot be placed and are not counted.',
})
export class ReferralUnmetNeed {
  @Field({ description: 'First day of the period (YYYY-MM-DD).' })
  from: string;

  @Field({ description: 'Last day of the period, inclusive (YYYY-MM-DD).' })
  to: string;

  @Field(() => ReferralMetricsScope, { description: 'Whose referrals are counted.' })
  scope: ReferralMetricsScope;

  @Field(() => Int, { nullable: true, description: 'Suppression threshold as in `ReferralMetrics.minimumCount`; null in scope OWN.' })
  minimumCount: number | null;

  @Field(() => ReferralUnmetNeedCell, { description: 'All placed declines of the period.' })
  total: ReferralUnmetNeedCell;

  @Field(() => [ReferralUnmetNeedCell], {
    description: 'One cell per ZIP code, every imperative; in scope COLLABORATIVE only ZIP codes whose total is shown.',
  })
  byZip: ReferralUnmetNeedCell[];

  @Field(() => [ReferralUnmetNeedCell], { description: 'One cell per imperative, every ZIP code.' })
  byImperative: ReferralUnmetNeedCell[];

  @Field(() => [ReferralUnmetNeedCell], { description: 'One cell per ZIP code (of `byZip`) and imperative, ZIP codes in order.' })
  cells: ReferralUnmetNeedCell[];
}
