import { Field, ID, InputType } from 'type-graphql';

@InputType({ description: 'A new data-sharing agreement. Validated as a whole; nothing is saved if any field is wrong.' })
export class AgreementInput {
  @Field(() => ID, { description: 'The organisation that signed it.' })
  organizationId: string;

  @Field(() => [String], { description: 'One or more of EVENT_AGGREGATES, STUDENT_DATA.' })
  scopes: string[];

  @Field(() => [String], {
    nullable: true,
    description: 'With STUDENT_DATA, one or more of ATTENDANCE, BEHAVIOUR, COURSES, ASSESSMENTS; without it, none.',
  })
  recordKinds?: string[] | null;

  @Field({ description: 'Who signed for the organisation, 1–200 characters.' })
  signatory: string;

  @Field({ description: 'When it was signed; not in the future.' })
  signedAt: Date;

  @Field(() => Date, { nullable: true, description: 'When it takes effect; now when omitted. Never in the past (no backdating).' })
  effectiveFrom?: Date | null;

  @Field({ description: 'When it ends; after effectiveFrom. It may not overlap another unrevoked agreement of the organisation.' })
  expiresAt: Date;
}
