import { Organization as OrganizationRef } from './organization.stub';
import type { HubContext } from '@c2c/kernel';
import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { EventWindowArgs } from './event-filter.input';
import { EventConnection, organizationEventPage } from './event.types';

@Resolver(() => OrganizationRef)
export class OrganizationEventsResolver {
  @FieldResolver(() => EventConnection, {
    nullable: true,
    description:
      'The organisation’s events, most recent date first. Only the organisation’s own staff may read them (FORBIDDEN otherwise).',
  })
  events(@Root() organization: OrganizationRef, @Args() args: EventWindowArgs, @Ctx() ctx: HubContext) {
    return organizationEventPage(ctx, organization.id, args);
  }
}
