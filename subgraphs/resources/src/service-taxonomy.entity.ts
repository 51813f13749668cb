import { randomUUID } from 'node:crypto';
import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/core';

/**
 * A service tagged with a term. Besides the terms a service is tagged with (`direct`), every
 * ancestor of those terms gets a row too: "this term or any descendant" and the facet counts
 * are then one indexed lookup and one GROUP BY, with no recursive query per search.
 */
@Entity({ tableName: 'service_taxonomy' })
@Unique({ properties: ['serviceId', 'termId'] })
@Index({ properties: ['termId', 'serviceId'] })
export class ServiceTaxonomy {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'uuid' })
  serviceId: string;

  @Property({ type: 'uuid' })
  termId: string;

  @Property({ type: 'boolean' })
  direct: boolean;
}
