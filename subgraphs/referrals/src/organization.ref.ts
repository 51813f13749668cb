import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * The partners subgraph owns organisations; here an organisation is only its key, extended
 * with the referrals it sent and received. Same description as the owner's, so composition
 * has no inconsistency to report.
 */
@ObjectType('Organization', {
  description:
    'An organisation in the collaborative: a school, district, community partner, agency, provider or funder. Its public profile is readable by anyone.',
})
@Directive('@key(fields: "id")')
export class Organization {
  @Field(() => ID, { description: 'Stable identifier, the federation key.' })
  id: string;
}
