import { Entity, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { RecordStatus } from './record-status.enum';

/**
 * A OneRoster org (school, district, department). Its id is the Organization key partners
 * know it by: the sourcedId itself when the SIS uses UUIDs, else a UUID derived from it
 * (sync.logic.ts `schoolIdOf`), so every sync of the same export names the same organisation.
 */
@Entity({ tableName: 'school' })
@ObjectType({ description: 'A school or other organisation of the district, as its student information system names it (OneRoster org).' })
export class School {
  [OptionalProps]?: 'status';

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID, { description: 'The Organization id partners know the school by.' })
  id: string;

  @Property({ length: 255 })
  @Unique()
  @Field({ description: 'OneRoster sourcedId of the org.' })
  sourcedId: string;

  @Property({ length: 255 })
  @Field({ description: 'Name of the school.' })
  name: string;

  @Property({ length: 40 })
  @Field({ description: 'OneRoster org type: school, district, department, local, state or national.' })
  type: string;

  @Property({ length: 255, nullable: true })
  @Field(() => String, { nullable: true, description: 'The identifier the state or district gives the school (e.g. an NCES id).' })
  identifier?: string | null;

  @Property({ length: 255, nullable: true })
  @Field(() => String, { nullable: true, description: 'sourcedId of the parent org (the district of a school).' })
  parentSourcedId?: string | null;

  @Property({ type: 'string', length: 20 })
  @Field(() => RecordStatus, { description: 'OneRoster status of the record.' })
  status: RecordStatus = RecordStatus.ACTIVE;

  @Property({ length: 40, nullable: true })
  @Field(() => String, { nullable: true, description: 'OneRoster dateLastModified as the SIS sent it (ISO 8601).' })
  dateLastModified?: string | null;

  /** Hash of the synchronised values: an identical row is UNCHANGED without comparing columns. */
  @Property({ length: 40, nullable: true })
  fingerprint?: string | null;

  /** The sync run that last saw the row: a bulk file deactivates what its run did not see. */
  @Property({ type: 'uuid', nullable: true })
  seenRun?: string | null;
}
