import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * The exact groups of one equity period as last computed, with the records revision they were
 * computed at (students-revision.entity.ts). A report reads this row by its key instead of
 * reading every attendance row of the period again: at the region's size a school year is 26
 * million rows, and the figures change only when the records do. Never exposed as it is: the
 * resolver suppresses and rounds it for each viewer, as it would fresh figures.
 */
@Entity({ tableName: 'equity_release' })
export class EquityRelease {
  /** `<from>|<to>|<school id or empty>`: the period and, for the district's per-school report, the school. */
  @PrimaryKey({ length: 120 })
  key: string;

  /** The records revision the rows were computed at; any other revision makes them stale. */
  @Property({ type: 'integer' })
  revision: number;

  /** The GroupRow list of equity.logic.ts, exact, with no viewer's known students in it. */
  @Property({ type: 'json' })
  rows: unknown[];

  @Property({ type: 'datetime' })
  computedAt: Date;
}
