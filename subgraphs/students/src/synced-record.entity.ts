import { Property } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { RecordStatus } from './record-status.enum';

/**
 * The columns every record the SIS sync writes carries, in one place: the sync engine
 * (sync.logic.ts) reads and writes them alike for every kind, so a kind cannot drift from it.
 * Not an entity of its own: each subclass is its own table with these columns.
 */
@ObjectType({ description: 'The columns of a record the SIS sync writes (not a type of its own in the graph).' })
export abstract class SyncedRecord {
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
