import { randomUUID } from 'node:crypto';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';

@Entity({ tableName: 'required_document' })
@ObjectType({
  description: 'A document a family must bring or send to use a service (an HSDS 3 required_document). Public with its service.',
})
export class RequiredDocument {
  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID, { description: 'Stable identifier.' })
  id: string = randomUUID();

  @Property({ type: 'uuid' })
  @Index()
  serviceId: string;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'The document, in words (e.g. "proof of address"); null when only a link is given.' })
  document?: string | null;

  @Property({ length: 500, nullable: true })
  @Field(() => String, { nullable: true, description: 'A web page about the document or a form to fill in (http or https).' })
  uri?: string | null;
}
