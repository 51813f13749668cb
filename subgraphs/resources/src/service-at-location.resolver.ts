import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { notFound, type HubContext } from '@c2c/kernel';
import { Location } from './location.entity';
import { Service } from './service.entity';
import { serviceVisibility } from './service.access';
import { serviceById } from './service.loaders';
import { ServiceAtLocation } from './service-at-location.entity';
import { locationById, serviceAtLocationById, visibleLocationById } from './service-at-location.loaders';

/** HSDS service_at_location and location by id: what the HSDS feed's `/{id}` endpoints ask for. */
@Resolver(() => ServiceAtLocation)
export class ServiceAtLocationResolver {
  @Query(() => ServiceAtLocation, {
    nullable: true,
    description: 'One service_at_location by id; NOT_FOUND when it does not exist or the caller may not see its service.',
  })
  async serviceAtLocation(@Arg('id', () => ID, { description: 'service_at_location id.' }) id: string, @Ctx() ctx: HubContext) {
    const sal = await serviceAtLocationById(ctx).load(id);
    const service = sal && (await serviceById(ctx).load(sal.serviceId));
    // Hidden and missing look the same, as for services.
    if (!sal || !service || !serviceVisibility(ctx.viewer).allows(service)) throw notFound('Service at location', id);
    return sal;
  }

  @Query(() => Location, {
    nullable: true,
    description: 'One location by id; NOT_FOUND when it does not exist or none of its services is visible to the caller.',
  })
  async location(@Arg('id', () => ID, { description: 'Location id.' }) id: string, @Ctx() ctx: HubContext) {
    const location = await visibleLocationById(ctx).load(id);
    if (!location) throw notFound('Location', id);
    return location;
  }

  @FieldResolver(() => Service, { description: 'The service delivered here.' })
  async service(@Root() sal: ServiceAtLocation, @Ctx() ctx: HubContext) {
    return (await serviceById(ctx).load(sal.serviceId))!;
  }

  // Named apart from the `location` query above; the location of a visible service is visible.
  @FieldResolver(() => Location, { name: 'location', description: 'Where it is delivered.' })
  async locationOf(@Root() sal: ServiceAtLocation, @Ctx() ctx: HubContext) {
    return (await locationById(ctx).load(sal.locationId))!;
  }
}
