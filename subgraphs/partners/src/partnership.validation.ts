import type { EntityManager } from '@mikro-orm/knex';
import { badInput, isUuid, normalizeId } from '@c2c/kernel';
import { Organization } from './organization.entity';
import type { AlignmentReviewInput, PartnershipInput } from './partnership.input';
import { PartnershipStatus } from './partnership-status.enum';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const isDay = (v: string) =>
  DAY.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v);

/**
 * Checks a partnership against the input rules; throws BAD_USER_INPUT naming the field at
 * fault. Focus areas and status are GraphQL enums, so only their combination is checked here.
 */
export async function validPartnership(em: EntityManager, input: PartnershipInput) {
  const schoolId = normalizeId(input.schoolId);
  const school = isUuid(schoolId) ? await em.findOne(Organization, { id: schoolId }) : null;
  if (!school || !['SCHOOL', 'PUBLIC_SCHOOL_ACADEMY', 'DISTRICT'].includes(school.sector))
    throw badInput('schoolId must be a school, charter academy or district', { field: 'input.schoolId' });
  const partnerOrganizationId = normalizeId(input.partnerOrganizationId);
  const partner = isUuid(partnerOrganizationId) ? await em.findOne(Organization, { id: partnerOrganizationId }) : null;
  if (!partner || ['SCHOOL', 'PUBLIC_SCHOOL_ACADEMY', 'DISTRICT'].includes(partner.sector))
    throw badInput('partnerOrganizationId must be a partner organisation', { field: 'input.partnerOrganizationId' });
  const focusAreas = [...new Set(input.focusAreas)];
  if (!focusAreas.length) throw badInput('focusAreas must name one or more focus areas', { field: 'input.focusAreas' });
  if (!isDay(input.startDate)) throw badInput('startDate must be a date, YYYY-MM-DD', { field: 'input.startDate' });
  const endDate = input.endDate ?? null;
  if (endDate !== null && (!isDay(endDate) || endDate < input.startDate))
    throw badInput('endDate must be a date, YYYY-MM-DD, not before startDate', { field: 'input.endDate' });
  if (input.status === PartnershipStatus.ENDED && !endDate)
    throw badInput('An ENDED partnership has an endDate', { field: 'input.endDate' });
  return { schoolId, partnerOrganizationId, focusAreas, status: input.status, startDate: input.startDate, endDate };
}

/** Checks an alignment review's day and notes (the alignment itself is a GraphQL enum); throws BAD_USER_INPUT naming the field. */
export function validateReview(input: AlignmentReviewInput) {
  if (!isDay(input.reviewedOn) || input.reviewedOn > new Date().toISOString().slice(0, 10))
    throw badInput('reviewedOn must be a date, YYYY-MM-DD, not in the future', { field: 'input.reviewedOn' });
  if (input.notes && input.notes.length > 4000) throw badInput('notes must be at most 4000 characters', { field: 'input.notes' });
}
