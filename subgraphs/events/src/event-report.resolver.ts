import type { HubContext } from '@c2c/kernel';
import { Args, Ctx, Query, Resolver } from 'type-graphql';
import { eventReport } from './event-report.logic';
import { EventReport, EventReportArgs } from './event-report.types';

@Resolver(() => EventReport)
export class EventReportResolver {
  @Query(() => EventReport, {
    nullable: true,
    description:
      'Events and attendees broken down by engagement level, type, month, quarter, zip, audience or (hub operators) organisation, over a calendar year or (own events) any period. Partner staff: their own organisation’s events, and the collaborative-wide report while their agreement covers event aggregates. Hub operators and evaluators: the collaborative report.',
  })
  eventReport(@Args() args: EventReportArgs, @Ctx() ctx: HubContext) {
    return eventReport(ctx.em, { ...args, viewer: ctx.viewer.org ?? null });
  }
}
