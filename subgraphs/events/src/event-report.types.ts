import { ArgsType, Field, Int, ObjectType } from 'type-graphql';
import { EventReportDimension, EventReportScope } from './event-report.enum';

@ArgsType()
export class EventReportArgs {
  @Field(() => EventReportDimension, { description: 'What to break the events down by.' })
  by: EventReportDimension;

  @Field(() => EventReportScope, { defaultValue: EventReportScope.OWN, description: 'Whose events to count.' })
  scope: EventReportScope;

  @Field(() => Int, { nullable: true, description: 'Calendar year of the report; the current year (UTC) when no period is given.' })
  year?: number | null;

  @Field(() => String, {
    nullable: true,
    description: 'OWN scope only: first day of the period (YYYY-MM-DD), with `to`, in place of `year`.',
  })
  from?: string | null;

  @Field(() => String, { nullable: true, description: 'OWN scope only: last day of the period, inclusive (YYYY-MM-DD).' })
  to?: string | null;
}

@ObjectType({ description: 'One row of an event report: its key, the number of events and the sum of their attendees.' })
export class EventReportRow {
  @Field(() => String, {
    nullable: true,
    description:
      'The key of the row (an engagement level, type, YYYY-MM, YYYY-Qn, zip, audience or organisation id); null for the total and for the folded row of hidden zips or audiences.',
  })
  key: string | null;

  @Field(() => Int, { nullable: true, description: 'Number of events; null when suppressed.' })
  events: number | null;

  @Field(() => Int, { nullable: true, description: 'Sum of attendees; null when suppressed.' })
  attendees: number | null;

  @Field({ description: 'True when the row is hidden by the small-cell rule.' })
  suppressed: boolean;
}

@ObjectType({
  description:
    'Events broken down by one dimension over a period. An OWN report shows the organisation’s rows in full; a COLLABORATIVE one every organisation’s together, names none of them (but to a hub operator asking by ORGANIZATION), and suppresses any row fewer than `minimumCount` events of other organisations support.',
})
export class EventReport {
  @Field(() => EventReportScope, { description: 'Whose events were counted.' })
  scope: EventReportScope;

  @Field(() => EventReportDimension, { description: 'What the rows break the events down by.' })
  by: EventReportDimension;

  @Field({ description: 'First day of the period (YYYY-MM-DD).' })
  from: string;

  @Field({ description: 'Last day of the period, inclusive (YYYY-MM-DD).' })
  to: string;

  @Field(() => Int, { nullable: true, description: 'The small-cell minimum applied; null when nothing is suppressed (OWN, ORGANIZATION).' })
  minimumCount: number | null;

  @Field(() => EventReportRow, { description: 'All events of the period.' })
  total: EventReportRow;

  @Field(() => [EventReportRow], {
    description: 'The breakdown, in the dimension’s order (levels, types, months and audiences in order; zips and organisations sorted).',
  })
  rows: EventReportRow[];
}
