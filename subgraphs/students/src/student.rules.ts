import { allowAll, forbidden, hasAnyRole, rule, type HubContext } from '@c2c/kernel';
import type { GraphQLResolveInfo } from 'graphql';
import { recordDisclosure } from './disclosure-recorder.logic';
import { studentAccess } from './student.access';

/** Roles that read every student record. */
export const districtOnly = hasAnyRole('district_sis', 'district_admin');

/**
 * Guards every Student field, whatever path led to the student: re-checks the row through
 * the per-request access loader (so it costs no statement beyond the batch's one), refuses
 * district-only fields to partners, and notes each partner read for the disclosure log.
 * Not cached by shield: the answer and the audit note depend on the row and the field.
 */
export const readStudentField = rule('readStudentField', { cache: 'no_cache' })(async (
  student: { id: string },
  _args: unknown,
  ctx: HubContext,
  info: GraphQLResolveInfo,
) => {
  const access = await studentAccess(ctx, student.id);
  if (access.kind === 'denied') return access.error;
  if (access.kind === 'partner') {
    if (!access.fields.has(info.fieldName)) return forbidden(`Student.${info.fieldName} is readable by the district only`);
    recordDisclosure(ctx, student.id, info.fieldName, access.basis, access.agreement.id);
  }
  return true;
});

export const studentRules = {
  Query: {
    // Partners may ask for one student; the resolver then checks the row.
    student: hasAnyRole('district_sis', 'district_admin', 'partner_staff'),
    students: districtOnly,
  },
  // A type-wide rule, so a field added later is guarded (and district-only) from the start.
  Student: readStudentField,
  Enrollment: districtOnly,
  ...allowAll('StudentConnection', 'StudentEdge'),
};
