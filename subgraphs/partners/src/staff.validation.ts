import type { EntityManager } from '@mikro-orm/knex';
import { badInput, conflict, isUuid, normalizeId } from '@c2c/kernel';
import { Organization } from './organization.entity';
import { Staff, STAFF_ROLES } from './staff.entity';
import type { StaffInput } from './staff.input';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Checks and normalises a staff record; throws BAD_USER_INPUT naming the field at fault, or CONFLICT for a duplicate email or subject. */
export async function validStaff(em: EntityManager, input: StaffInput, selfId?: string) {
  const name = input.name.trim();
  if (!name || name.length > 200) throw badInput('name must be 1–200 characters', { field: 'input.name' });
  const email = input.email.trim().toLowerCase();
  if (!EMAIL.test(email) || email.length > 200) throw badInput('email must be an email address', { field: 'input.email' });
  const roles = [...new Set(input.roles)];
  const unknown = roles.filter((r) => !(STAFF_ROLES as readonly string[]).includes(r));
  if (unknown.length) throw badInput(`Unknown role(s) ${unknown.join(', ')}; allowed: ${STAFF_ROLES.join(', ')}`, { field: 'input.roles' });
  if (!roles.length) throw badInput('A staff record holds at least one role', { field: 'input.roles' });
  // An administrator is its organisation's staff member too, like its tokens.
  if (roles.includes('partner_admin') && !roles.includes('partner_staff')) roles.unshift('partner_staff');
  let organizationId: string | null = null;
  if (input.organizationId != null) {
    organizationId = normalizeId(input.organizationId);
    if (!isUuid(organizationId) || !(await em.findOne(Organization, { id: organizationId })))
      throw badInput('No such organisation', { field: 'input.organizationId' });
  }
  if (!organizationId && roles.some((r) => ['partner_staff', 'partner_admin', 'district_sis', 'district_admin'].includes(r))) {
    throw badInput('partner_staff, partner_admin, district_sis and district_admin staff belong to an organisation', {
      field: 'input.organizationId',
    });
  }
  const subject = input.subject?.trim() || null;
  if (subject && subject.length > 200) throw badInput('subject must be at most 200 characters', { field: 'input.subject' });
  const sameEmail = await em.findOne(Staff, { email });
  if (sameEmail && sameEmail.id !== selfId) throw conflict('Another staff record has this email', { field: 'input.email' });
  if (subject) {
    const sameSubject = await em.findOne(Staff, { subject });
    if (sameSubject && sameSubject.id !== selfId)
      throw conflict('Another staff record is matched to this subject', { field: 'input.subject' });
  }
  return { name, email, roles, organizationId, subject, active: input.active ?? true };
}
