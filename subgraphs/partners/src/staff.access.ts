import type { EntityManager } from '@mikro-orm/knex';
import type { Viewer } from '@c2c/kernel';
import { Organization } from './organization.entity';
import { Staff } from './staff.entity';

const PARTNER_ROLES: readonly string[] = ['partner_staff', 'partner_admin'];

/**
 * The staff record a partner-role token is bound to: its `sub` is an ACTIVE record of the
 * token's `org`, holding every partner role the token claims (partner_staff; partner_admin too
 * for an administrator's token), and that organisation exists. Null otherwise.
 * The directory decides, never the token: deactivating the record, or taking its admin role
 * away, cuts the token off.
 */
export async function boundStaff(em: EntityManager, viewer: Viewer): Promise<Staff | null> {
  if (viewer.anonymous || !viewer.sub || !viewer.org) return null;
  const claimed = viewer.roles.filter((r) => PARTNER_ROLES.includes(r));
  if (!claimed.length) return null;
  const staff = await em.findOne(Staff, { subject: viewer.sub, active: true, organizationId: viewer.org });
  if (!staff || !claimed.every((r) => staff.roles.includes(r))) return null;
  return (await em.count(Organization, { id: viewer.org })) > 0 ? staff : null;
}
