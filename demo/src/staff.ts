import { normalizeId } from '@c2c/kernel';
import { demoUniverse } from './universe';

/**
 * The identity-provider subject of an active demo staff member of `organizationId` holding
 * `role`: what a development or test token for that organisation must carry, since the hub
 * honours partner tokens only for active staff records. Undefined when the demo has none.
 */
export function demoStaffSubject(organizationId: string, role = 'partner_staff'): string | undefined {
  return demoStaffMember(organizationId, role)?.subject;
}

/** The record behind `demoStaffSubject`: its id is what the hub binds such a token to (a caseload names it). */
export function demoStaffMember(organizationId: string, role = 'partner_staff') {
  const org = normalizeId(organizationId);
  return demoUniverse().staff.find((s) => s.active && s.organizationId === org && s.roles.includes(role as never));
}
