import type { HubContext } from '@c2c/kernel';
import { Args, Ctx, Query, Resolver } from 'type-graphql';
import { eventTotals, reportPeriod } from './event-totals.logic';
import { EventTotals, EventTotalsArgs } from './event-totals.types';

@Resolver(() => EventTotals)
export class EventTotalsResolver {
  @Query(() => EventTotals, {
    nullable: true,
    description:
      'Events and attendance of the whole collaborative over a period of whole months, by engagement level and by month, with small cells suppressed. Names no organisation. Hub operators and evaluators; partner staff while their organisation holds a data-sharing agreement in force covering event aggregates.',
  })
  eventTotals(@Args() args: EventTotalsArgs, @Ctx() ctx: HubContext) {
    // A partner is shown only what other organisations' events support: its own are known to it.
    return eventTotals(ctx.em, reportPeriod(args), { viewer: ctx.viewer.org ?? null });
  }
}
