import { randomUUID } from 'node:crypto';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';

/**
 * A language of a service with its name and a note (an HSDS 3 language). The codes alone stay
 * in `service.languages`, which search filters by; a row here adds the words for one of them.
 */
@Entity({ tableName: 'service_language' })
@ObjectType({
  description:
    'A language a service is delivered in, with its name and a note, e.g. when interpreters are there (an HSDS 3 language). Public with its service.',
})
export class ServiceLanguage {
  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID, { description: 'Stable identifier.' })
  id: string = randomUUID();

  @Property({ type: 'uuid' })
  @Index()
  serviceId: string;

  @Property({ length: 2 })
  @Field({ description: 'ISO 639-1 code, lowercase; always one of the service’s `languages`.' })
  code: string;

  @Property({ length: 100, nullable: true })
  @Field(() => String, { nullable: true, description: 'Name of the language as the directory gives it (e.g. "Urdu").' })
  name?: string | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'How or when the language is offered (e.g. "bilingual staff on Tuesdays").' })
  note?: string | null;
}
