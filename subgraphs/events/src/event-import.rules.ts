import { allowAll, hasAnyRole, rule, type HubContext } from '@c2c/kernel';
import { forbidden } from '@c2c/kernel';
import { mayReadImport } from './event-import.access';
import type { EventImport } from './event-import.entity';

/** Partner staff and hub operators; which organisation is decided in event-import.access.ts. */
export const mayImport = hasAnyRole('partner_staff', 'cec_admin');

/** Checked on every field of every record, however it was reached. */
export const readsImport = rule('readsImport', { cache: 'strict' })((record: EventImport, _a, ctx: HubContext) =>
  mayReadImport(ctx.viewer, record) ? true : forbidden('Only the organisation an import was for, or the operator who ran it, may read it'),
);

export const eventImportRules = {
  Query: { eventImports: mayImport },
  Mutation: { importEvents: mayImport, importEventRows: mayImport },
  EventImport: readsImport,
  ...allowAll('EventImportReport', 'EventImportError', 'EventImportConnection', 'EventImportEdge'),
};
