import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * One row (id 1) counting the committed changes to the records the equity aggregates read:
 * students, demographics, attendance, assessments and programme participation. Every
 * transaction that changes them adds one as its last statement (bumpRevision), so that a stored
 * release (equity-release.entity.ts) computed at another revision is known to be stale. Last,
 * because the row's lock is then held only for the commit, and a writer holding it never waits
 * for another lock.
 */
@Entity({ tableName: 'students_revision' })
export class StudentsRevision {
  @PrimaryKey({ type: 'integer', autoincrement: false })
  id: number;

  @Property({ type: 'integer' })
  value: number;
}
