import { Args, ArgsType, Ctx, Field, FieldResolver, Resolver, Root } from 'type-graphql';
import { Connection, connectionFromArray, PageArgs, type HubContext } from '@c2c/kernel';
import { Organization } from './organization.stub';
import { Referral } from './referral.entity';
import { referralsByOrganization, type OrganizationReferrals } from './referral.loaders';
import { ReferralStatus } from './referral-status.enum';

export const ReferralConnection = Connection(Referral, 'Referral', 'A page of referrals, newest first.');

@ArgsType()
export class ReferralListArgs extends PageArgs {
  @Field(() => ReferralStatus, { nullable: true, description: 'Only referrals currently in this status.' })
  status?: ReferralStatus;
}

const page = (ctx: HubContext, side: keyof OrganizationReferrals, org: Organization, args: ReferralListArgs) =>
  referralsByOrganization(ctx, args.status)
    .load(org.id)
    .then((lists) => connectionFromArray(lists[side], args));

// Nullable lists: they are denied to anyone but the organisation's own staff, and a denied
// field must come back null without taking the rest of the organisation with it.
@Resolver(() => Organization)
export class OrganizationResolver {
  @FieldResolver(() => ReferralConnection, {
    nullable: true,
    description: 'Referrals this organisation received, newest first. Only for staff of this organisation.',
  })
  receivedReferrals(@Root() org: Organization, @Args() args: ReferralListArgs, @Ctx() ctx: HubContext) {
    return page(ctx, 'received', org, args);
  }

  @FieldResolver(() => ReferralConnection, {
    nullable: true,
    description: 'Referrals this organisation sent, newest first. Only for staff of this organisation.',
  })
  sentReferrals(@Root() org: Organization, @Args() args: ReferralListArgs, @Ctx() ctx: HubContext) {
    return page(ctx, 'sent', org, args);
  }
}
