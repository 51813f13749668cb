import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * The partners subgraph owns organisations; here an organisation is only its key, extended
 * with the referrals it sent and received.
 */
@ObjectType('Organization', { description: 'An organisation of the collaborative; this subgraph adds the referrals it sent and received.' })
@Directive('@key(fields: "id")')
export class Organization {
  @Field(() => ID, { description: 'Stable identifier, the federation key.' })
  id: string;
}
