import { randomUUID } from 'node:crypto';
import { Entity, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';

/**
 * One import of a spreadsheet: who sent which file (by name and SHA-256), when, and what came
 * of its rows. The CLI sends a large file in batches; they all add to one record. Dry runs
 * write no record.
 */
@Entity({ tableName: 'event_import' })
@Index({ properties: ['organizationId', 'createdAt'] })
@ObjectType({
  description:
    'A spreadsheet import of events: who imported which file, when, and how many of its rows were imported, already present or rejected. Readable by staff of the organisation it imported for, and by the hub operator who ran it.',
})
export class EventImport {
  [OptionalProps]?: 'createdAt' | 'updatedAt' | 'rows' | 'imported' | 'duplicates' | 'rejected';

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID, { description: 'Stable identifier.' })
  id: string = randomUUID();

  // The organisation the events were imported for; exposed only as `organizationId` to its own staff.
  @Property({ type: 'uuid' })
  organizationId: string;

  @Property({ length: 200 })
  @Field({ description: 'Subject of the token that ran the import.' })
  importedBy: string;

  @Property({ length: 255 })
  @Field({ description: 'Name of the imported file, as the client gave it.' })
  fileName: string;

  @Property({ length: 64 })
  @Field({ description: 'SHA-256 of the file (hex), as the client computed it for a batched import, or the hub for an upload.' })
  fileHash: string;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'Data rows read (blank rows, notes and totals are not rows).' })
  rows: number = 0;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'Rows that became new events.' })
  imported: number = 0;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'Rows whose event was already in the hub (same natural key), left unchanged.' })
  duplicates: number = 0;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'Rows rejected, each with its reasons in the import report.' })
  rejected: number = 0;

  @Property({ type: 'datetime' })
  @Field({ description: 'When the import started.' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', onUpdate: () => new Date() })
  @Field({ description: 'When the last batch of the import was written.' })
  updatedAt: Date = new Date();
}
