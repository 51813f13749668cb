import { Field, InputType } from 'type-graphql';
import { GuardianConsentMethod } from './guardian-consent-method.enum';

@InputType({
  description:
    'Enrols a student in the caller’s organisation’s programme. The student is found by the district id and birth date the family gave; both must match.',
})
export class EnrolParticipantInput {
  @Field({ description: 'The district’s student number, as the family quotes it.' })
  districtId: string;

  @Field({ description: 'The student’s date of birth, YYYY-MM-DD.' })
  birthDate: string;

  @Field({ description: 'Name of the programme, 1–200 characters, e.g. "Afterschool Program".' })
  programName: string;

  @Field({ description: 'First day of participation, YYYY-MM-DD.' })
  startDate: string;
}

@InputType({ description: 'A parent’s or guardian’s consent to share the student’s school data with the programme’s organisation.' })
export class ConsentInput {
  @Field({ description: 'Who gave consent, 1–200 characters, e.g. "Ana Lopez (parent/guardian)".' })
  givenBy: string;

  @Field(() => GuardianConsentMethod, { description: 'How consent was given.' })
  method: GuardianConsentMethod;

  @Field({ description: 'When consent takes effect: the date on the form, or a later start. Not more than a year ahead.' })
  givenAt: Date;

  @Field(() => Date, { nullable: true, description: 'When consent lapses; after givenAt and in the future. Null: until revoked.' })
  expiresAt?: Date | null;

  @Field(() => [String], { description: 'The record kinds it covers: one or more of ATTENDANCE, BEHAVIOUR, COURSES, ASSESSMENTS.' })
  recordKinds: string[];
}
