import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * The partners subgraph owns Organization; this subgraph knows only its key and adds the
 * organisation's programme participants, which live here with the students. The type's
 * description repeats the partners subgraph's word for word, because composition flags a
 * type whose descriptions differ between subgraphs.
 */
@ObjectType('Organization', {
  description: 'An organisation in the collaborative: a school, district, community partner, agency, provider or funder. Its public profile is readable by anyone.',
})
@Directive('@key(fields: "id")')
export class OrganizationRef {
  @Field(() => ID, { description: 'Stable identifier, the federation key.' })
  id: string;
}
