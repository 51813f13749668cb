import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { connectionFromArray, PageArgs, type HubContext } from '@c2c/kernel';
import { now } from './clock';
import { OrganizationRef } from './organization.ref';
import { ProgramParticipationConnection } from './program-participation.resolver';
import { grantsPartnerAccess } from './student-access';
import { participationsByOrganization } from './student.loaders';

@Resolver(() => OrganizationRef)
export class OrganizationResolver {
  @FieldResolver(() => ProgramParticipationConnection, {
    nullable: true,
    description: 'Participations in the organisation’s programmes through which it may read the student now (active, with active consent), oldest first. Staff of the organisation only.',
  })
  async programParticipants(@Root() org: OrganizationRef, @Args() args: PageArgs, @Ctx() ctx: HubContext) {
    const at = now();
    // The same test a student read applies, so every listed student is one the viewer can open.
    const readable = (await participationsByOrganization(ctx).load(org.id)).filter((p) => grantsPartnerAccess(ctx.viewer, p, at));
    return connectionFromArray(readable, args);
  }
}
