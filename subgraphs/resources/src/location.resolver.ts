import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { HubContext } from '@c2c/kernel';
import { Accessibility } from './accessibility.entity';
import { accessibilityOf } from './directory.loaders';
import { Location } from './location.entity';

/** The parts of a location kept in rows of their own, batched per request. A location reached at all is visible. */
@Resolver(() => Location)
export class LocationResolver {
  @FieldResolver(() => [Accessibility], { description: 'Arrangements for people with disabilities here (HSDS accessibility).' })
  accessibility(@Root() l: Location, @Ctx() ctx: HubContext) {
    return accessibilityOf(ctx).load(l.id);
  }
}
