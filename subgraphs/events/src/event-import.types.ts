import { Field, Int, ObjectType } from 'type-graphql';
import { EventImport } from './event-import.entity';

@ObjectType({ description: 'One fault of a rejected row: where it is in the file and why it was refused.' })
export class EventImportError {
  @Field({ description: 'Sheet of the row (the file name for a CSV file).' })
  sheet: string;

  @Field(() => Int, { description: 'Row number in the sheet, as a spreadsheet shows it.' })
  row: number;

  @Field({ description: 'The column header, as the file spells it.' })
  column: string;

  @Field({ description: 'Why the value was refused.' })
  reason: string;
}

@ObjectType({ description: 'What an import did, or (for a dry run) would do, with the rows it was given.' })
export class EventImportReport {
  @Field(() => EventImport, {
    nullable: true,
    description: 'The import record the rows were written under; null when nothing was written.',
  })
  importRecord: EventImport | null;

  @Field({ description: 'True for a dry run: nothing was written.' })
  dryRun: boolean;

  @Field({ description: 'True when the rows were written (false for a dry run and for an all-or-nothing import with a rejected row).' })
  written: boolean;

  @Field(() => Int, { description: 'Data rows read.' })
  rows: number;

  @Field(() => Int, { description: 'Rows that became (for a dry run: would become) new events.' })
  imported: number;

  @Field(() => Int, { description: 'Rows whose event is already in the hub, or earlier in the same rows.' })
  duplicates: number;

  @Field(() => Int, { description: 'Rows rejected.' })
  rejected: number;

  @Field(() => [EventImportError], { description: 'Every fault of every rejected row, in file order.' })
  errors: EventImportError[];
}
