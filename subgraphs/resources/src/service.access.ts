import type { FilterQuery } from '@mikro-orm/core';
import { hasRole, type Viewer } from '@c2c/kernel';
import type { Service } from './service.entity';
import { ServiceStatus } from './service-status.enum';

/** Statuses anyone may read: listings families can act on, closures included. */
export const PUBLIC_STATUSES: readonly ServiceStatus[] = [ServiceStatus.ACTIVE, ServiceStatus.TEMPORARILY_CLOSED];

export interface ServiceVisibility {
  /** SQL condition for lists, so paging and totalCount only ever count visible rows. */
  where: FilterQuery<Service>;
  /** The same rule for one row already loaded (by id, `_entities`, before an update). */
  allows(service: Pick<Service, 'status' | 'organizationId'>): boolean;
}

/**
 * The one place that decides which services a viewer may see, in both forms side by side so
 * they cannot drift apart: hub operators see everything, partner staff also see their own
 * organisation's unpublished services, everyone else only the public statuses. Every path
 * to a Service (lists, `service(id)`, `Organization.services`, `_entities`, mutations) uses it.
 */
export function serviceVisibility(viewer: Viewer): ServiceVisibility {
  if (hasRole(viewer, 'cec_admin')) return { where: {}, allows: () => true };
  const ownOrg = hasRole(viewer, 'partner_staff') ? viewer.org : undefined;
  const published: FilterQuery<Service> = { status: { $in: [...PUBLIC_STATUSES] } };
  return {
    where: ownOrg ? { $or: [published, { organizationId: ownOrg }] } : published,
    allows: (s) => PUBLIC_STATUSES.includes(s.status) || (!!ownOrg && s.organizationId === ownOrg),
  };
}
