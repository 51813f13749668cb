import {
  badInput,
  forbidden,
  hasRole,
  isUuid,
  notFound,
  unauthenticated,
  unknownOrganizations,
  type HubContext,
  type Viewer,
} from '@c2c/kernel';
import type { EventImport } from './event-import.entity';

/**
 * The organisation an import writes for. Partner staff import only for their own (naming
 * another is refused, never silently replaced); the hub operator imports on a partner's
 * behalf and must say which.
 */
export function importOrganization(viewer: Viewer, requested: string | null | undefined): string {
  if (viewer.anonymous) throw unauthenticated();
  if (hasRole(viewer, 'partner_staff') && viewer.org) {
    if (requested && requested !== viewer.org) throw forbidden('Partner staff import events only for their own organisation');
    return viewer.org;
  }
  if (hasRole(viewer, 'cec_admin')) {
    if (!requested) throw badInput('A hub operator must name the organisation to import for', { field: 'organizationId' });
    if (!isUuid(requested)) throw badInput('organizationId must be an organisation id', { field: 'organizationId' });
    return requested;
  }
  throw forbidden('Only partner staff (for their organisation) and hub operators import events');
}

/**
 * The organisation an import is for, known to exist: a hub operator may name any id, so it is
 * asked of partners (fail closed); partner staff's own organisation is bound to their token.
 */
export async function existingImportOrganization(ctx: HubContext, requested: string | null | undefined): Promise<string> {
  const organizationId = importOrganization(ctx.viewer, requested);
  if ((await unknownOrganizations(ctx, [organizationId])).size) throw notFound('Organization', organizationId);
  return organizationId;
}

/** An import record is its organisation's, and the operator's who ran it. */
export function mayReadImport(viewer: Viewer, record: EventImport): boolean {
  if (viewer.anonymous) return false;
  if (hasRole(viewer, 'partner_staff') && viewer.org === record.organizationId) return true;
  return hasRole(viewer, 'cec_admin') && !!viewer.sub && viewer.sub === record.importedBy;
}

/** Who the record says ran the import. */
export const importerOf = (ctx: HubContext) => ctx.viewer.sub ?? 'unknown';
