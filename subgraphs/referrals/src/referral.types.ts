import { Field, Int, ObjectType } from 'type-graphql';
import { Connection } from '@c2c/kernel';
import { ReferralStatus } from './referral-status.enum';

/**
 * A referral on the "black hole" list: when it was due and whether it is escalated, with no
 * personal data, so hub operators can follow up on every organisation's list. The referral
 * itself (`referral`) only for staff of its two organisations.
 */
@ObjectType('OverdueReferral', { description: 'A referral nobody has answered in time, or still open past its escalation deadline.' })
export class OverdueReferral {
  @Field({ description: 'Referral id.' })
  id: string;

  @Field(() => ReferralStatus, { description: 'Its current status.' })
  status: ReferralStatus;

  @Field({ description: 'When it was sent.' })
  sentAt: Date;

  @Field(() => Date, { nullable: true, description: 'When the receiving organisation had to answer.' })
  responseDueAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'When it is (or was) escalated.' })
  escalateAt: Date | null;

  @Field({ description: 'True once the escalation deadline has passed with the referral still open.' })
  escalated: boolean;

  fromOrganizationId: string;
  toOrganizationId: string;
  serviceId: string;
}

export const OverdueReferralConnection = Connection(
  OverdueReferral,
  'OverdueReferral',
  'A page of overdue referrals, oldest deadline first.',
);

@ObjectType('ReferralSweepResult', { description: 'What one run of the expiry sweep did.' })
export class ReferralSweepResult {
  @Field(() => Int, { description: 'How many SENT referrals past their response deadline were expired.' })
  expired: number;

  @Field({ description: 'The instant the sweep judged deadlines against.' })
  at: Date;
}
