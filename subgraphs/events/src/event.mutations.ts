import type { HubContext } from '@c2c/kernel';
import { Arg, Args, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { mayHoldEvents, ownEvent } from './event.access';
import { Event } from './event.entity';
import { EventInput, UpdateEventArgs } from './event.input';
import { eventValues } from './event.validation';

@Resolver(() => Event)
export class EventMutations {
  @Mutation(() => Event, { nullable: true, description: 'Records an event held by the caller’s own organisation. Partner staff only.' })
  async createEvent(@Arg('input', () => EventInput, { description: 'The event.' }) input: EventInput, @Ctx() ctx: HubContext) {
    const refused = mayHoldEvents(ctx.viewer);
    if (refused) throw refused;
    // The organisation always comes from the token, never from the input.
    const event = ctx.em.create(Event, { ...eventValues(input), organizationId: ctx.viewer.org! });
    await ctx.em.flush();
    return event;
  }

  @Mutation(() => Event, {
    nullable: true,
    description: 'Replaces every field of one of the caller’s organisation’s events. Partner staff of that organisation only.',
  })
  async updateEvent(@Args() { id, input }: UpdateEventArgs, @Ctx() ctx: HubContext) {
    const event = await ownEvent(ctx, id);
    ctx.em.assign(event, eventValues(input));
    await ctx.em.flush();
    return event;
  }

  @Mutation(() => ID, {
    nullable: true,
    description: 'Deletes one of the caller’s organisation’s events and returns its id. Partner staff of that organisation only.',
  })
  async deleteEvent(@Arg('id', () => ID, { description: 'Event id.' }) id: string, @Ctx() ctx: HubContext) {
    const event = await ownEvent(ctx, id);
    ctx.em.remove(event);
    await ctx.em.flush();
    return id;
  }
}
