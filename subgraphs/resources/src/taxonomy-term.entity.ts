import { randomUUID } from 'node:crypto';
import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Imperative } from '@c2c/kernel';
import { Field, ID, ObjectType } from 'type-graphql';

@Entity({ tableName: 'taxonomy_term' })
@ObjectType({
  description:
    'A term of the service taxonomy (an HSDS 3 taxonomy_term). The top terms are the five imperatives; every other term has a parent. Public.',
})
export class TaxonomyTerm {
  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID, { description: 'Stable identifier.' })
  id: string = randomUUID();

  @Property({ length: 100 })
  @Unique()
  @Field({ description: 'Short stable code of the term, unique in the hub (e.g. `early-childhood/playgroups`).' })
  code: string;

  @Property({ length: 200 })
  @Field({ description: 'Name of the term, for people.' })
  name: string;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'What the term covers.' })
  description?: string | null;

  @Property({ type: 'uuid', nullable: true })
  @Index()
  @Field(() => ID, { nullable: true, description: 'Id of the parent term; null for a top term.' })
  parentId?: string | null;

  @Property({ type: 'string', length: 40, nullable: true })
  @Field(() => Imperative, { nullable: true, description: 'The imperative this top term stands for; null below the top.' })
  imperative?: Imperative | null;

  @Property({ length: 100 })
  @Field({ description: 'Name of the taxonomy the term comes from (`c2c` for the hub’s own, or an imported one).' })
  taxonomy: string = 'c2c';
}
