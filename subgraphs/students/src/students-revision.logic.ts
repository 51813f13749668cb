import type { Knex } from 'knex';

/** Adds one to the records revision: the last statement of a transaction that changed what the aggregates read. */
export async function bumpRevision(trx: Knex | Knex.Transaction): Promise<void> {
  await trx('students_revision')
    .insert({ id: 1, value: 1 })
    .onConflict('id')
    .merge({ value: trx.raw('?? + 1', ['students_revision.value']) });
}
