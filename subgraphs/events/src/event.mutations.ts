import { conflict, type HubContext } from '@c2c/kernel';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { Arg, Args, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { mayHoldEvents, ownEvent } from './event.access';
import { Event } from './event.entity';
import { EventInput, UpdateEventArgs } from './event.input';
import { eventValues } from './event.validation';

/** A second copy of an event (same organisation, title, date, zip and level: event-key.logic.ts) is refused, not stored. */
async function flushOne(ctx: HubContext) {
  try {
    await ctx.em.flush();
  } catch (err) {
    if (err instanceof UniqueConstraintViolationException) {
      ctx.em.clear();
      throw conflict('Your organisation already has an event with this title, date, zip and engagement level');
    }
    throw err;
  }
}

@Resolver(() => Event)
export class EventMutations {
  @Mutation(() => Event, { nullable: true, description: 'Records an event held by the caller’s own organisation. Partner staff only.' })
  async createEvent(@Arg('input', () => EventInput, { description: 'The event.' }) input: EventInput, @Ctx() ctx: HubContext) {
    const refused = mayHoldEvents(ctx.viewer);
    if (refused) throw refused;
    // The organisation always comes from the token, never from the input.
    const event = ctx.em.create(Event, { ...eventValues(input), organizationId: ctx.viewer.org! });
    await flushOne(ctx);
    return event;
  }

  @Mutation(() => Event, {
    nullable: true,
    description: 'Replaces every field of one of the caller’s organisation’s events. Partner staff of that organisation only.',
  })
  async updateEvent(@Args() { id, input }: UpdateEventArgs, @Ctx() ctx: HubContext) {
    const event = await ownEvent(ctx, id);
    ctx.em.assign(event, eventValues(input));
    await flushOne(ctx);
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
