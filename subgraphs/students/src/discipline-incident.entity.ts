import { Entity, Index, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Field, Float, ID, ObjectType } from 'type-graphql';
import { RecordStatus } from './record-status.enum';

/** Ed-Fi DisciplineIncident with its action, as one row per student involved. */
@Entity({ tableName: 'discipline_incident' })
@Index({ properties: ['studentId', 'date'] })
@Index({ properties: ['schoolId', 'date'] })
@ObjectType({ description: 'A behaviour incident a student was involved in, and the action taken (Ed-Fi disciplineIncident).' })
export class DisciplineIncident {
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

  @Property({ type: 'string', length: 20 })
  @Field(() => RecordStatus, {
    description: 'OneRoster status of the record: TOBEDELETED once the SIS deleted it or a bulk file left it out.',
  })
  status: RecordStatus = RecordStatus.ACTIVE;

  @Property({ length: 40, nullable: true })
  @Field(() => String, {
    nullable: true,
    description: 'dateLastModified as the SIS sent it (ISO 8601); an older one never overwrites a newer.',
  })
  dateLastModified?: string | null;

  /** Hash of the synchronised values: an identical row is UNCHANGED without comparing columns. */
  @Property({ length: 40, nullable: true })
  fingerprint?: string | null;

  /** The sync run that last saw the row: a bulk file deactivates what its run did not see. */
  @Property({ type: 'uuid', nullable: true })
  seenRun?: string | null;
}
