import { hasRole, type HubContext } from '@c2c/kernel';
import { EventImport } from './event-import.entity';

/** The imports the viewer may read, most recent first: one statement per request. */
export function importsOf(ctx: HubContext): Promise<EventImport[]> {
  return ctx.loaders
    .get<string, EventImport[]>('eventImportsOfViewer', async (keys) => {
      const v = ctx.viewer;
      const where =
        hasRole(v, 'partner_staff') && v.org ? { organizationId: v.org } : hasRole(v, 'cec_admin') && v.sub ? { importedBy: v.sub } : null;
      const rows = where ? await ctx.em.find(EventImport, where, { orderBy: { createdAt: 'desc', id: 'asc' } }) : [];
      return keys.map(() => rows);
    })
    .load('viewer');
}
