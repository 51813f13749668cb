import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * Organization is owned by the partners subgraph; this stub carries only its key so that
 * resources can add `Organization.services` and point `Service.organization` at it.
 */
// The description repeats the owner's word for word: composition warns when they differ.
@ObjectType('Organization', {
  description:
    'An organisation in the collaborative: a school, district, community partner, agency, provider or funder. Its public profile is readable by anyone.',
})
@Directive('@key(fields: "id")')
export class Organization {
  @Field(() => ID, { description: 'Stable identifier, the federation key.' })
  id: string;
}
