import type { EntityManager } from '@mikro-orm/knex';
import type { Viewer } from '@c2c/kernel';
import { Organization } from './organization.entity';
import { Staff } from './staff.entity';

/**
 * The staff record a partner-role token is bound to: its `sub` is an ACTIVE record of the
 * token's `org`, holding the partner_staff role, and that organisation exists. Null otherwise.
 * The directory decides, never the token: deactivating the record cuts the token off.
 */
export async function boundStaff(em: EntityManager, viewer: Viewer): Promise<Staff | null> {
  if (viewer.anonymous || !viewer.sub || !viewer.org) return null;
  const staff = await em.findOne(Staff, { subject: viewer.sub, active: true, organizationId: viewer.org });
  if (!staff || !staff.roles.includes('partner_staff')) return null;
  return (await em.count(Organization, { id: viewer.org })) > 0 ? staff : null;
}
