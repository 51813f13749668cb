import { Field, ID, InputType } from 'type-graphql';

@InputType({ description: 'A staff record. Validated as a whole; nothing is saved if any field is wrong.' })
export class StaffInput {
  @Field({ description: 'Full name, 1–200 characters.' })
  name: string;

  @Field({ description: 'Work email; unique in the hub.' })
  email: string;

  @Field(() => ID, {
    nullable: true,
    description: 'The organisation; required for partner_staff, partner_admin, district_sis and district_admin.',
  })
  organizationId?: string | null;

  @Field(() => [String], {
    description:
      'One or more of partner_staff, partner_admin (partner_staff is added to it), district_sis, district_admin, cec_admin, evaluator.',
  })
  roles: string[];

  @Field(() => String, { nullable: true, description: 'The identity provider’s subject (`sub`), unique in the hub.' })
  subject?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Active; true when omitted.' })
  active?: boolean | null;
}
