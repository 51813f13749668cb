import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { connectionFromArray, PageArgs, pageWindow, type HubContext } from '@c2c/kernel';
import { Organization } from './organization.stub';
import { servicesByOrganization } from './service.loaders';
import { ServiceConnection } from './service.resolver';

@Resolver(() => Organization)
export class OrganizationServicesResolver {
  @FieldResolver(() => ServiceConnection, { description: 'Services this organisation offers that the caller may see, by name.' })
  async services(@Root() org: Organization, @Args() args: PageArgs, @Ctx() ctx: HubContext) {
    // Reject bad paging before the batch runs; the rows of every organisation are then
    // loaded together and each one pages its own list in memory.
    pageWindow(args);
    return connectionFromArray(await servicesByOrganization(ctx).load(org.id), args);
  }
}
