import { Entity, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';

@Entity({ tableName: 'taxonomy' })
@ObjectType({
  description:
    'A taxonomy (an HSDS 3 taxonomy record): the hub’s own (`c2c`) or another directory’s, kept as it sent it. Its terms name it by `TaxonomyTerm.taxonomy`. Public.',
})
export class Taxonomy {
  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID, {
    description: 'The HSDS taxonomy id: as imported, or derived from the name for a taxonomy no record was imported for.',
  })
  id: string;

  @Property({ length: 100 })
  @Unique()
  @Field({ description: 'Name, as the terms’ `taxonomy` gives it.' })
  name: string;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'What the taxonomy is.' })
  description?: string | null;

  @Property({ length: 500, nullable: true })
  @Field(() => String, { nullable: true, description: 'Where it is published.' })
  uri?: string | null;

  @Property({ length: 100, nullable: true })
  @Field(() => String, { nullable: true, description: 'Its version.' })
  version?: string | null;
}
