import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * The partners subgraph owns Organization; this subgraph only knows its key and adds the
 * organisation's events to it. No table: an organisation is whatever id an event names.
 * The description repeats the owner's word for word: composition keeps one text, and where
 * subgraphs disagree it may keep this one rather than the owner's.
 */
@ObjectType('Organization', {
  description:
    'An organisation in the collaborative: a school, district, community partner, agency, provider or funder. Its public profile is readable by anyone.',
})
@Directive('@key(fields: "id")')
export class OrganizationRef {
  @Field(() => ID, { description: 'Stable identifier, the federation key.' })
  id: string;
}
