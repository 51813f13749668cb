import { Organization as OrganizationRef } from './organization.stub';
import type { HubContext } from '@c2c/kernel';
import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { mayHoldEvents, ownEvent } from './event.access';
import { EventWindowArgs } from './event-filter.input';
import { EventConnection, organizationEventPage } from './event.types';
import { Event } from './event.entity';

@Resolver(() => Event)
export class EventResolver {
  @Query(() => Event, {
    nullable: true,
    description:
      'One event by id. Only staff of the organisation that held it may read it: for anyone else’s event, as for an id that does not exist, NOT_FOUND.',
  })
  event(@Arg('id', () => ID, { description: 'Event id.' }) id: string, @Ctx() ctx: HubContext) {
    return ownEvent(ctx, id);
  }

  @Query(() => EventConnection, {
    nullable: true,
    description: 'The events of the caller’s own organisation, most recent date first. Partner staff only.',
  })
  async events(@Args() args: EventWindowArgs, @Ctx() ctx: HubContext) {
    const refused = mayHoldEvents(ctx.viewer);
    if (refused) throw refused;
    return organizationEventPage(ctx, ctx.viewer.org!, args);
  }

  @FieldResolver(() => OrganizationRef, { description: 'The organisation that held the event.' })
  organization(@Root() event: Event): OrganizationRef {
    return { id: event.organizationId };
  }
}
