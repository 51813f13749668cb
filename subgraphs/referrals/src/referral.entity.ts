import { randomUUID } from 'node:crypto';
import { Embedded, Entity, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { FamilyContact } from './family-contact.embeddable';
import { ReferralStatus } from './referral-status.enum';

/**
 * Only the two organisations on a referral may read it (DESIGN.md). The ids of the
 * organisations, service and student are kept as plain uuid columns: those rows live in
 * other subgraphs' databases, and GraphQL exposes them as entity references instead.
 */
@Entity({ tableName: 'referral' })
@ObjectType('Referral', {
  description:
    'A closed-loop referral of a student or family from one organisation to a service of another. Readable only by staff of those two organisations.',
})
@Directive('@key(fields: "id")')
export class Referral {
  [OptionalProps]?: 'status' | 'statusReason' | 'studentId' | 'familyContact' | 'createdAt' | 'updatedAt';

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID, { description: 'Stable identifier, the federation key.' })
  id: string = randomUUID();

  @Property({ type: 'uuid' })
  @Index()
  fromOrganizationId: string;

  @Property({ type: 'uuid' })
  @Index()
  toOrganizationId: string;

  @Property({ type: 'uuid' })
  @Index()
  serviceId: string;

  @Property({ type: 'uuid', nullable: true })
  @Index()
  studentId?: string | null;

  @Embedded(() => FamilyContact, { nullable: true })
  @Field(() => FamilyContact, {
    nullable: true,
    description: 'Who to contact, for a referral about a family rather than an enrolled student.',
  })
  familyContact?: FamilyContact | null;

  @Property({ type: 'text' })
  @Field({ description: 'Why the family is being referred, in the referring staff member’s words.' })
  reason: string;

  // A plain column, not @Enum: MikroORM's SQLite introspection misreads enum CHECK constraints
  // and would report a schema difference forever. The GraphQL enum validates every write.
  @Property({ type: 'string', length: 40 })
  @Index()
  @Field(() => ReferralStatus, { description: 'Where the referral is in its lifecycle.' })
  status: ReferralStatus = ReferralStatus.SENT;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, {
    nullable: true,
    description: 'The note given with the latest status change: the reason for a decline, the outcome of a completed referral.',
  })
  statusReason?: string | null;

  @Property({ type: 'datetime' })
  @Field({ description: 'When the referral was sent.' })
  createdAt: Date = new Date();

  // No onUpdate hook: the lifecycle mutation sets it to the same instant as the history row
  // it writes, so `updatedAt` always equals the latest `history.changedAt`.
  @Property({ type: 'datetime' })
  @Field({ description: 'When the status last changed.' })
  updatedAt: Date = new Date();
}
