import { hasRole, isUuid, normalizeId, notFound, type Viewer } from '@c2c/kernel';

/**
 * The organisation whose notification settings the viewer may read and change: only its own,
 * as partner staff. Another organisation's id is NOT_FOUND, like one that does not exist.
 */
export function ownOrganization(viewer: Viewer, organizationId: string): string {
  const id = isUuid(organizationId) ? normalizeId(organizationId) : null;
  if (!id || !hasRole(viewer, 'partner_staff') || !viewer.org || normalizeId(viewer.org) !== id) {
    throw notFound('Organization', organizationId);
  }
  return id;
}
