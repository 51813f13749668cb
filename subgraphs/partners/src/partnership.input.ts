import { Field, ID, InputType } from 'type-graphql';
import { Alignment } from './alignment.enum';
import { FocusArea } from './focus-area.enum';
import { PartnershipStatus } from './partnership-status.enum';

@InputType({ description: 'A partnership. Validated as a whole; nothing is saved if any field is wrong.' })
export class PartnershipInput {
  @Field(() => ID, { description: 'The school, charter academy or district.' })
  schoolId: string;

  @Field(() => ID, { description: 'The partner organisation (not a school or district).' })
  partnerOrganizationId: string;

  @Field(() => [FocusArea], { description: 'One or more focus areas.' })
  focusAreas: FocusArea[];

  @Field(() => PartnershipStatus, { description: 'PROPOSED, ACTIVE or ENDED.' })
  status: PartnershipStatus;

  @Field({ description: 'First day, YYYY-MM-DD.' })
  startDate: string;

  @Field(() => String, { nullable: true, description: 'Last day, YYYY-MM-DD, not before startDate; required for ENDED.' })
  endDate?: string | null;
}

@InputType({ description: 'An alignment review of a partnership.' })
export class AlignmentReviewInput {
  @Field(() => Alignment, { description: 'ALIGNED, PARTLY_ALIGNED or NOT_ALIGNED.' })
  alignment: Alignment;

  @Field({ description: 'Day of the review, YYYY-MM-DD, not in the future.' })
  reviewedOn: string;

  @Field(() => String, { nullable: true, description: 'Notes, up to 4000 characters.' })
  notes?: string | null;
}
