import { ArgsType, Field, Int, ObjectType } from 'type-graphql';
import { EngagementLevel } from './engagement-level.enum';

@ArgsType()
export class EventTotalsArgs {
  @Field({ description: 'First day of the period: the first day of a month (YYYY-MM-01).' })
  from: string;

  @Field({ description: 'Last day of the period, inclusive: the last day of a month (e.g. 2026-12-31).' })
  to: string;
}

@ObjectType({
  description:
    'Events and attendance in one cell of the collaborative report. A suppressed cell has null numbers: it holds fewer than `minimumCount` events of organisations other than the viewer’s, or comes from fewer than three of them, or was hidden with such a cell so that it cannot be recovered by subtraction (the viewer’s own rows never make a cell visible).',
})
export class EventTotalsCell {
  @Field(() => String, { nullable: true, description: 'Month of the cell (YYYY-MM); null for a total over the whole period.' })
  month: string | null;

  @Field(() => EngagementLevel, { nullable: true, description: 'Engagement level of the cell; null for a total over every level.' })
  engagementLevel: EngagementLevel | null;

  @Field(() => Int, { nullable: true, description: 'Number of events; null when suppressed.' })
  events: number | null;

  @Field(() => Int, { nullable: true, description: 'Sum of attendees over those events; null when suppressed.' })
  attendees: number | null;

  @Field({ description: 'True when the cell is hidden by the small-cell rule.' })
  suppressed: boolean;
}

@ObjectType({
  description:
    'Event counts and attendance of every organisation together, by engagement level and by month, with small cells suppressed. Names no organisation. Suppression is decided on whole calendar years, so no choice of period reveals a hidden cell; a total over part of a year is shown only when every month or cell it adds up is shown.',
})
export class EventTotals {
  @Field({ description: 'First day of the period (YYYY-MM-DD).' })
  from: string;

  @Field({ description: 'Last day of the period, inclusive (YYYY-MM-DD).' })
  to: string;

  @Field(() => Int, {
    description: 'A cell is suppressed unless organisations other than the viewer’s recorded at least this many events in it.',
  })
  minimumCount: number;

  @Field(() => EventTotalsCell, { description: 'All events of the period.' })
  total: EventTotalsCell;

  @Field(() => [EventTotalsCell], { description: 'One cell per engagement level, over the whole period.' })
  byEngagementLevel: EventTotalsCell[];

  @Field(() => [EventTotalsCell], { description: 'One cell per month of the period, over every level, in date order.' })
  byMonth: EventTotalsCell[];

  @Field(() => [EventTotalsCell], { description: 'One cell per month and engagement level, in date order then level order.' })
  cells: EventTotalsCell[];
}
