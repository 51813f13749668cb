import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * The students subgraph owns student records and applies consent and agreements to every
 * read; a referral only carries the key, so nothing about the student is disclosed here.
 */
@ObjectType('Student', { description: 'A student of the district (owned by the students subgraph, which decides what a caller may see).' })
@Directive('@key(fields: "id", resolvable: false)')
export class Student {
  @Field(() => ID, { description: 'Stable identifier, the federation key.' })
  id: string;
}
