import { randomUUID } from 'node:crypto';
import { Entity, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { Alignment } from './alignment.enum';
import { FocusArea } from './focus-area.enum';
import { PartnershipStatus } from './partnership-status.enum';

@Entity({ tableName: 'partnership' })
@ObjectType({
  description:
    'A partnership between a school (or the district) and a partner organisation, reviewed for alignment with the district’s priorities. District administrators and hub operators.',
})
export class Partnership {
  [OptionalProps]?: 'createdAt' | 'endDate';

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID, { description: 'Stable identifier.' })
  id: string = randomUUID();

  @Property({ type: 'uuid' })
  @Index()
  @Field(() => ID, { description: 'The school, charter academy or district (an Organization id).' })
  schoolId: string;

  @Property({ type: 'uuid' })
  @Index()
  @Field(() => ID, { description: 'The partner organisation (an Organization id).' })
  partnerOrganizationId: string;

  @Property({ type: 'json' })
  @Field(() => [FocusArea], {
    description: 'Focus areas: AFTERSCHOOL_AND_SUMMER, MENTAL_HEALTH, EARLY_CHILDHOOD, FAMILY_ENGAGEMENT, COLLEGE_AND_CAREER, BASIC_NEEDS.',
  })
  focusAreas: FocusArea[];

  // A plain column, not @Enum: MikroORM's SQLite introspection misreads enum CHECK constraints
  // and would report a schema difference forever. The GraphQL enum validates every write.
  @Property({ type: 'string', length: 20 })
  @Field(() => PartnershipStatus, { description: 'PROPOSED, ACTIVE or ENDED.' })
  status: PartnershipStatus;

  @Property({ length: 10 })
  @Field({ description: 'First day, YYYY-MM-DD.' })
  startDate: string;

  @Property({ length: 10, nullable: true })
  @Field(() => String, { nullable: true, description: 'Last day, YYYY-MM-DD; null while open-ended.' })
  endDate: string | null = null;

  @Property({ type: 'datetime' })
  @Field({ description: 'When it was recorded.' })
  createdAt: Date = new Date();
}

@Entity({ tableName: 'alignment_review' })
@ObjectType({ description: 'A review of a partnership’s alignment with the district’s priorities; the latest one counts in the report.' })
export class AlignmentReview {
  [OptionalProps]?: 'createdAt' | 'notes';

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID, { description: 'Stable identifier.' })
  id: string = randomUUID();

  @Property({ type: 'uuid' })
  @Index()
  @Field(() => ID, { description: 'The partnership reviewed.' })
  partnershipId: string;

  // A plain column, not @Enum (see Partnership.status).
  @Property({ type: 'string', length: 20 })
  @Field(() => Alignment, { description: 'ALIGNED, PARTLY_ALIGNED or NOT_ALIGNED with the district’s priorities.' })
  alignment: Alignment;

  @Property({ length: 200 })
  @Field({ description: 'Who reviewed it.' })
  reviewer: string;

  @Property({ length: 10 })
  @Field({ description: 'Day of the review, YYYY-MM-DD.' })
  reviewedOn: string;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Notes.' })
  notes: string | null = null;

  @Property({ type: 'datetime' })
  @Field({ description: 'When it was recorded.' })
  createdAt: Date = new Date();
}
