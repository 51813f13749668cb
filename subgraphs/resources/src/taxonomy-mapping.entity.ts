import { randomUUID } from 'node:crypto';
import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Imperative } from '@c2c/kernel';
import { Field, ID, ObjectType } from 'type-graphql';

@Entity({ tableName: 'taxonomy_mapping' })
@Unique({ properties: ['taxonomy', 'termCode', 'codePrefix'] })
@ObjectType({
  description:
    'One line of a crosswalk: a term of another directory’s taxonomy (by code), or every term whose code starts with a prefix, classified under one of our imperatives. Public.',
})
export class TaxonomyMapping {
  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID, { description: 'Stable identifier.' })
  id: string = randomUUID();

  @Property({ length: 100 })
  @Index()
  @Field({ description: 'The taxonomy the line maps from (the terms’ `taxonomy`).' })
  taxonomy: string;

  @Property({ length: 100, nullable: true })
  @Field(() => String, { nullable: true, description: 'The code of one term; null when the line maps a prefix.' })
  termCode?: string | null;

  @Property({ length: 100, nullable: true })
  @Field(() => String, {
    nullable: true,
    description: 'A code prefix: every term whose code starts with it; null when the line maps one term.',
  })
  codePrefix?: string | null;

  @Property({ type: 'string', length: 40 })
  @Field(() => Imperative, { description: 'The imperative those terms are classified under.' })
  imperative: Imperative;
}
