import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { connectionFromArray, forbidden, PageArgs, type HubContext } from '@c2c/kernel';
import { Organization as OrganizationRef } from './organization.stub';
import { now } from './clock.logic';
import { ProgramParticipationConnection } from './program-participation.resolver';
import { grantsPartnerAccess, studentDataAgreement } from './student.access';
import { participationsByOrganization } from './student.loaders';

@Resolver(() => OrganizationRef)
export class OrganizationResolver {
  @FieldResolver(() => ProgramParticipationConnection, {
    nullable: true,
    description:
      'Participations in the organisation’s programmes through which the caller may read the student now (active, with active consent, on the caller’s caseload; a partner administrator’s caseload is every participant), oldest first. Staff of the organisation only, while it holds a data-sharing agreement in force covering student data.',
  })
  async programParticipants(@Root() org: OrganizationRef, @Args() args: PageArgs, @Ctx() ctx: HubContext) {
    const at = now();
    // Without an agreement in force covering student data, not even who takes part is shared.
    if (!(await studentDataAgreement(ctx, at)))
      throw forbidden('Your organisation has no data-sharing agreement in force covering student data');
    // The same test a student read applies, so every listed student is one the viewer can open.
    const readable = (await participationsByOrganization(ctx).load(org.id)).filter((p) => grantsPartnerAccess(ctx.viewer, p, at));
    return connectionFromArray(readable, args);
  }
}
