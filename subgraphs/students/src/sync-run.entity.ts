import { Entity, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { SyncFileCounts, SyncRowError } from './sync.types';

/** Counts per file base name ("users", "attendance"), as the batches of the run added them up. */
export type SyncFileMap = Record<string, Omit<SyncFileCounts, 'file'>>;

/**
 * One run of a SIS sync. The batches of the run add to its counts in the same transaction
 * as their writes, so the record never claims a write that was rolled back.
 */
@Entity({ tableName: 'sync_run' })
@Index({ properties: ['startedAt'] })
@ObjectType({
  description: 'One synchronisation run from the district’s student information system, with what it did per file. District only.',
})
export class SyncRun {
  [OptionalProps]?: 'files' | 'errors' | 'warnings';

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID, { description: 'Stable identifier; the bulk mutations of the run name it as runId.' })
  id: string;

  @Property({ length: 500, nullable: true })
  @Field(() => String, { nullable: true, description: 'What was synchronised, as the client named it (e.g. the export’s file name).' })
  source?: string | null;

  @Property({ length: 200 })
  @Field({ description: 'Subject of the token that started the run.' })
  startedBy: string;

  @Property({ type: 'datetime' })
  @Field({ description: 'When the run started.' })
  startedAt: Date;

  @Property({ type: 'datetime', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When the run finished; null while it runs or if it was interrupted.' })
  finishedAt?: Date | null;

  @Property({ type: 'json' })
  files: SyncFileMap = {};

  @Property({ type: 'json' })
  errors: SyncRowError[] = [];

  @Property({ type: 'json' })
  @Field(() => [String], { description: 'Warnings about the export: headers read under another name, unknown files.' })
  warnings: string[] = [];
}
