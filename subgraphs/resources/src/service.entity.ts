import { randomUUID } from 'node:crypto';
import { Entity, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { Imperative, ENTITIES, ENTITY_KEY_DESCRIPTION } from '@c2c/kernel';
import { Directive, Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { IntakeStatus } from './intake-status.enum';
import { ServiceStatus } from './service-status.enum';

@Entity({ tableName: 'service' })
@ObjectType({ description: ENTITIES.Service.description })
@Directive('@key(fields: "id")')
export class Service {
  [OptionalProps]?: 'status' | 'intakeStatus' | 'languages' | 'createdAt' | 'updatedAt';

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID, { description: ENTITY_KEY_DESCRIPTION })
  id: string = randomUUID();

  // Not a GraphQL field: clients follow `organization`, which the partners subgraph resolves.
  @Property({ type: 'uuid' })
  @Index()
  organizationId: string;

  @Property({ length: 200 })
  @Field({ description: 'Public name of the service.' })
  name: string;

  @Property({ type: 'text' })
  @Field({ description: 'What the service does, for families reading a listing.' })
  description: string;

  // Plain string columns rather than @Enum: MikroORM's SQLite introspection misreads enum
  // CHECK constraints and would report a schema difference forever. The GraphQL enums
  // validate every write.
  @Property({ type: 'string', length: 40 })
  @Index()
  @Field(() => ServiceStatus, { description: 'Whether the service is currently delivered.' })
  status: ServiceStatus = ServiceStatus.ACTIVE;

  @Property({ type: 'string', length: 40, default: 'OPEN' })
  @Field(() => IntakeStatus, { description: 'Whether the service takes new referrals now; set by its organisation’s staff.' })
  intakeStatus: IntakeStatus = IntakeStatus.OPEN;

  @Property({ type: 'string', length: 40, nullable: true })
  @Index()
  @Field(() => Imperative, {
    nullable: true,
    description:
      'The imperative (top taxonomy term) the service belongs to; null while unclassified (imported under another directory’s taxonomy that no crosswalk maps yet).',
  })
  imperative?: Imperative | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Who qualifies, in words (income, residence, school, referral needed…).' })
  eligibilityDescription?: string | null;

  @Property({ type: 'integer', nullable: true })
  @Field(() => Int, { nullable: true, description: 'Youngest age served, in years; null when there is no lower limit.' })
  minimumAge?: number | null;

  @Property({ type: 'integer', nullable: true })
  @Field(() => Int, { nullable: true, description: 'Oldest age served, in years; null when there is no upper limit.' })
  maximumAge?: number | null;

  @Property({ type: 'boolean' })
  @Field({ description: 'True when families pay nothing.' })
  free: boolean;

  @Property({ length: 500, nullable: true })
  @Field(() => String, { nullable: true, description: 'What it costs and what help with cost exists, in words; null when free.' })
  fees?: string | null;

  @Property({ type: 'json' })
  @Field(() => [String], { description: 'Languages the service is delivered in, as ISO 639-1 codes (`en`, `es`, `ar`…).' })
  languages: string[] = [];

  @Property({ length: 500, nullable: true })
  @Field(() => String, { nullable: true, description: 'Web page describing the service (http or https).' })
  url?: string | null;

  @Property({ length: 200, nullable: true })
  @Field(() => String, { nullable: true, description: 'Contact email for the service.' })
  email?: string | null;

  @Property({ length: 40, nullable: true })
  @Field(() => String, { nullable: true, description: 'Contact phone number for the service.' })
  phone?: string | null;

  @Property({ length: 200, nullable: true })
  @Field(() => String, { nullable: true, description: 'Street address where the service is delivered.' })
  street?: string | null;

  @Property({ length: 100, nullable: true })
  @Field(() => String, { nullable: true, description: 'City where the service is delivered.' })
  city?: string | null;

  @Property({ length: 2, nullable: true })
  @Field(() => String, { nullable: true, description: 'Two-letter state code.' })
  state?: string | null;

  @Property({ length: 10, nullable: true })
  @Index()
  @Field(() => String, { nullable: true, description: 'Five-digit ZIP code where the service is delivered.' })
  zip?: string | null;

  @Property({ type: 'double', nullable: true })
  @Field(() => Float, { nullable: true, description: 'Latitude of the service site (WGS84).' })
  latitude?: number | null;

  @Property({ type: 'double', nullable: true })
  @Field(() => Float, { nullable: true, description: 'Longitude of the service site (WGS84).' })
  longitude?: number | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'How to apply or get started, in words (HSDS application_process).' })
  applicationProcess?: string | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, {
    nullable: true,
    description: 'A short-term notice for families, e.g. a closure or a changed address (HSDS alert).',
  })
  alert?: string | null;

  @Property({ length: 10, nullable: true })
  @Field(() => String, { nullable: true, description: 'Date (YYYY-MM-DD) the listing was last checked as accurate (HSDS assured_date).' })
  assuredDate?: string | null;

  // Not a GraphQL field: clients follow `program`.
  @Property({ type: 'uuid', nullable: true })
  @Index()
  programId?: string | null;

  @Property({ type: 'datetime' })
  @Field({ description: 'When the service was added to the hub.' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', onUpdate: () => new Date() })
  @Field({ description: 'When the listing last changed.' })
  updatedAt: Date = new Date();
}
