import { Entity, Index, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Field, Float, ID, ObjectType } from 'type-graphql';
import { SyncedRecord } from './synced-record.entity';

/** Ed-Fi DisciplineIncident with its action, as one row per student involved. */
@Entity({ tableName: 'discipline_incident' })
@Index({ properties: ['studentId', 'date'] })
@Index({ properties: ['schoolId', 'date'] })
@ObjectType({ description: 'A behaviour incident a student was involved in, and the action taken (Ed-Fi disciplineIncident).' })
export class DisciplineIncident extends SyncedRecord {
  [OptionalProps]?: 'status';

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID, { description: 'Stable identifier, derived from the sourcedId.' })
  id: string;

  @Property({ length: 255 })
  @Unique()
  @Field({ description: 'The identifier the student information system uses for this record.' })
  sourcedId: string;

  @Property({ type: 'uuid' })
  studentId: string;

  @Property({ type: 'uuid' })
  schoolId: string;

  @Property({ type: 'date' })
  @Field({ description: 'Day of the incident, YYYY-MM-DD.' })
  date: string;

  @Property({ length: 100 })
  @Field({ description: 'Kind of incident as the district codes it, e.g. "Fighting".' })
  type: string;

  @Property({ length: 100, nullable: true })
  @Field(() => String, { nullable: true, description: 'Action taken, e.g. "In-School Suspension"; null if none.' })
  action?: string | null;

  @Property({ type: 'double' })
  @Field(() => Float, { description: 'School days the student was removed from class (0 when not removed).' })
  daysRemoved: number;
}
