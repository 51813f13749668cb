import { ArgsType, Field, ID } from 'type-graphql';
import { MAX_NOTE_LENGTH } from './referral-lifecycle.logic';
import { ReferralStatus } from './referral-status.enum';

@ArgsType()
export class UpdateReferralStatusArgs {
  @Field(() => ID, { description: 'Referral id.' })
  id: string;

  @Field(() => ReferralStatus, { description: 'The status to move the referral to.' })
  status: ReferralStatus;

  @Field(() => String, {
    nullable: true,
    description: `Why: the reason for a decline (required), the outcome of a completion, or any note for the other organisation. At most ${MAX_NOTE_LENGTH} characters.`,
  })
  note?: string | null;
}
