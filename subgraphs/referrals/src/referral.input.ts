import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { Imperative, PageArgs } from '@c2c/kernel';
import { MAX_NOTE_LENGTH } from './referral-lifecycle.logic';
import {
  ConsentMethod,
  ConsentScope,
  ContactChannel,
  DeclineReason,
  ReferralDirection,
  ReferralOutcome,
  ReferralUrgency,
} from './referral-codes.enum';
import { ReferralStatus } from './referral-status.enum';

@InputType('FamilyContactInput', { description: 'The family member to contact, for a referral that names no student.' })
export class FamilyContactInput {
  @Field({ description: 'Name of the parent, guardian or family member (1–200 characters).' })
  name: string;

  @Field(() => String, { nullable: true, description: 'Phone number, E.164 style: 8–15 digits, optionally with a leading +.' })
  phone?: string | null;

  @Field(() => String, { nullable: true, description: 'Email address.' })
  email?: string | null;

  @Field(() => ContactChannel, { nullable: true, description: 'How the family prefers to be reached; its phone or email must be given.' })
  preferredChannel?: ContactChannel | null;

  @Field(() => String, { nullable: true, description: 'Preferred language, a BCP 47 tag (`en`, `es`, `ar`, `zh-Hant`…).' })
  preferredLanguage?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'True when the family asked not to be contacted directly.' })
  doNotContact?: boolean | null;
}

@InputType('ReferralConsentInput', { description: 'The family’s consent to share its details with the receiving organisation.' })
export class ReferralConsentInput {
  @Field({ description: 'Who gave the consent.' })
  givenByName: string;

  @Field({ description: 'Their relationship to the child or family (parent, guardian, self…).' })
  givenByRelationship: string;

  @Field(() => ConsentMethod, { description: 'How the consent was given.' })
  method: ConsentMethod;

  @Field({ description: 'When the consent was given; not in the future.' })
  givenAt: Date;

  @Field(() => [ConsentScope], { description: 'What the consent lets you share; at least one.' })
  covers: ConsentScope[];

  @Field(() => Date, { nullable: true, description: 'When the consent lapses; after `givenAt`. Null: it does not.' })
  expiresAt?: Date | null;
}

@InputType('IntakeOverrideInput', { description: 'Sending to a service whose intake is CLOSED, and why.' })
export class IntakeOverrideInput {
  @Field({ description: `Why the referral must go to a closed service (1–${MAX_NOTE_LENGTH} characters).` })
  reason: string;
}

@InputType('CreateReferralInput', {
  description:
    'A new referral. The sending organisation and staff member come from your token; give exactly one of `studentId` and `familyContact`.',
})
export class CreateReferralInput {
  @Field(() => ID, { description: 'The published service the family is referred to; its organisation receives the referral.' })
  serviceId: string;

  @Field(() => ID, { nullable: true, description: 'The student referred: one your organisation may see in the students service.' })
  studentId?: string | null;

  @Field(() => FamilyContactInput, { nullable: true, description: 'Who to contact, for a referral about a family rather than a student.' })
  familyContact?: FamilyContactInput | null;

  @Field(() => Imperative, { description: 'The imperative the need falls under.' })
  imperative: Imperative;

  @Field({ description: `The family’s need, in your words (1–${MAX_NOTE_LENGTH} characters).` })
  need: string;

  @Field(() => ReferralUrgency, { nullable: true, description: 'How soon the family needs help; default ROUTINE.' })
  urgency?: ReferralUrgency | null;

  @Field(() => String, {
    nullable: true,
    description: `Notes for the receiving organisation (at most ${MAX_NOTE_LENGTH} characters); shared only under consent covering SHARE_CONTACT.`,
  })
  notes?: string | null;

  @Field(() => String, { nullable: true, description: 'ZIP code where the family lives (5 digits, optionally ZIP+4).' })
  zip?: string | null;

  @Field(() => ReferralConsentInput, {
    nullable: true,
    description: 'The family’s consent. Without consent in force, the receiver sees only the need and the ZIP code.',
  })
  consent?: ReferralConsentInput | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'Send even though an open referral of the same subject to the same service was sent in the last 30 days, and link the two. Without it, that is a CONFLICT naming the existing referral.',
  })
  linkToExisting?: boolean | null;

  @Field(() => IntakeOverrideInput, { nullable: true, description: 'Required to send to a service whose intake is CLOSED.' })
  overrideClosedIntake?: IntakeOverrideInput | null;
}

@ArgsType()
export class UpdateReferralStatusArgs {
  @Field(() => ID, { description: 'Referral id.' })
  id: string;

  @Field(() => ReferralStatus, { description: 'The status to move the referral to.' })
  status: ReferralStatus;

  @Field(() => Int, {
    description:
      'The `version` you last read. If the referral changed since, the move is a CONFLICT carrying its current status and version.',
  })
  expectedVersion: number;

  @Field(() => String, {
    nullable: true,
    description: `A note for the other organisation, kept in the history (at most ${MAX_NOTE_LENGTH} characters).`,
  })
  note?: string | null;

  @Field(() => DeclineReason, { nullable: true, description: 'Why: required to move to DECLINED, refused otherwise.' })
  declineReason?: DeclineReason | null;

  @Field(() => ReferralOutcome, {
    nullable: true,
    description: 'What came of it: required to move to COMPLETED or FAILED, refused otherwise.',
  })
  outcome?: ReferralOutcome | null;

  @Field(() => ID, {
    nullable: true,
    description:
      'The published service to send the family to instead: required to move to REDIRECTED, which creates the follow-on referral (from your organisation) in the same transaction.',
  })
  redirectServiceId?: string | null;
}

@ArgsType()
export class AddReferralCommentArgs {
  @Field(() => ID, { description: 'Referral id.' })
  referralId: string;

  @Field({ description: `The message (1–${MAX_NOTE_LENGTH} characters).` })
  body: string;
}

@ArgsType()
export class ReferralsArgs extends PageArgs {
  @Field(() => ReferralDirection, { description: 'Referrals your organisation sent, or received.' })
  direction: ReferralDirection;

  @Field(() => ReferralStatus, { nullable: true, description: 'Only referrals currently in this status.' })
  status?: ReferralStatus | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'True: only overdue referrals (unanswered past the response deadline, or open past escalation); false: only the others.',
  })
  overdue?: boolean | null;
}

@ArgsType()
export class OverdueReferralsArgs extends PageArgs {
  @Field(() => Boolean, { nullable: true, description: 'True: only escalated ones.' })
  escalatedOnly?: boolean | null;
}
