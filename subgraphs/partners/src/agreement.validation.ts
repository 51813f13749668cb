import { AGREEMENT_SCOPES, badInput, conflict, isUuid, normalizeId, RECORD_KINDS } from '@c2c/kernel';
import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';
import { Agreement } from './agreement.entity';
import type { AgreementInput } from './agreement.input';
import { Organization } from './organization.entity';

/** How far in the past `effectiveFrom` may lie (clock skew, a slow form): anything earlier is backdating. */
export const BACKDATE_TOLERANCE_MS = 60_000;

function listOf(values: readonly string[] | null | undefined, allowed: readonly string[], field: string): string[] {
  const list = [...new Set(values ?? [])];
  const unknown = list.filter((v) => !allowed.includes(v));
  if (unknown.length) throw badInput(`Unknown value(s) ${unknown.join(', ')}; allowed: ${allowed.join(', ')}`, { field });
  return list;
}

/**
 * Checks a new agreement against the input rules and the organisation's other agreements;
 * throws BAD_USER_INPUT naming the field, or CONFLICT for an overlap. Run inside the
 * transaction that inserts it.
 */
export async function validateAgreement(em: EntityManager, input: AgreementInput, now: Date) {
  const organizationId = normalizeId(input.organizationId);
  // On PostgreSQL the organisation's row is locked for the transaction, so two concurrent
  // agreements of one organisation are checked for overlap one after the other (SQLite
  // serialises writing transactions by itself).
  const lock = em.getPlatform().constructor.name.startsWith('PostgreSql') ? { lockMode: LockMode.PESSIMISTIC_WRITE } : {};
  if (!isUuid(organizationId) || !(await em.findOne(Organization, { id: organizationId }, lock))) {
    throw badInput('No such organisation', { field: 'input.organizationId' });
  }
  const scopes = listOf(input.scopes, AGREEMENT_SCOPES, 'input.scopes');
  if (!scopes.length) throw badInput('An agreement covers at least one scope', { field: 'input.scopes' });
  const recordKinds = listOf(input.recordKinds, RECORD_KINDS, 'input.recordKinds');
  if (scopes.includes('STUDENT_DATA') && !recordKinds.length)
    throw badInput('A STUDENT_DATA agreement names the record kinds it covers', { field: 'input.recordKinds' });
  if (!scopes.includes('STUDENT_DATA') && recordKinds.length)
    throw badInput('Record kinds need the STUDENT_DATA scope', { field: 'input.recordKinds' });
  const signatory = input.signatory.trim();
  if (!signatory || signatory.length > 200) throw badInput('signatory must be 1–200 characters', { field: 'input.signatory' });
  const valid = (d: Date | null | undefined) => d instanceof Date && !Number.isNaN(d.getTime());
  if (!valid(input.signedAt) || input.signedAt.getTime() > now.getTime() + BACKDATE_TOLERANCE_MS) {
    throw badInput('signedAt must be a date-time, not in the future', { field: 'input.signedAt' });
  }
  const effectiveFrom = input.effectiveFrom ?? now;
  if (!valid(effectiveFrom)) throw badInput('effectiveFrom must be a date-time', { field: 'input.effectiveFrom' });
  if (effectiveFrom.getTime() < now.getTime() - BACKDATE_TOLERANCE_MS) {
    throw badInput('An agreement cannot take effect in the past (no backdating)', { field: 'input.effectiveFrom' });
  }
  if (!valid(input.expiresAt) || input.expiresAt.getTime() <= effectiveFrom.getTime()) {
    throw badInput('expiresAt must be after effectiveFrom', { field: 'input.expiresAt' });
  }
  // Half-open periods [effectiveFrom, expiresAt) overlap when each starts before the other ends.
  const overlapping = await em.findOne(Agreement, {
    organizationId,
    revokedAt: null,
    effectiveFrom: { $lt: input.expiresAt },
    expiresAt: { $gt: effectiveFrom },
  });
  if (overlapping) {
    throw conflict('The organisation already has an unrevoked agreement for part of this period; revoke it first', {
      field: 'input.effectiveFrom',
      conflictingAgreementId: overlapping.id,
    });
  }
  return { organizationId, scopes, recordKinds, signatory, signedAt: input.signedAt, effectiveFrom, expiresAt: input.expiresAt };
}
