import {
  agreementCovering,
  agreementsOf,
  forbidden,
  hasRole,
  normalizeId,
  unauthenticated,
  type ActiveAgreement,
  type HubContext,
  type RecordKind,
  type Viewer,
} from '@c2c/kernel';
import type { GraphQLError } from 'graphql';
import { isoDay, now } from './clock.logic';
import type { ProgramParticipation } from './program-participation.entity';
import type { Student } from './student.entity';
import { ownOrganizationParticipationsByStudent, studentById } from './student.loaders';

/**
 * Who may read which student, and which of its fields: the one place that decides it.
 * Every path to a student (query, list, `_entities`, a participation's `student`) and
 * every Student field asks `studentAccess`, so a rule change here changes them all.
 */

/** Student fields a partner may read; anything not listed (and every field added later) is the district's alone. */
export const PARTNER_STUDENT_FIELDS: ReadonlySet<string> = new Set([
  'id',
  'givenName',
  'familyName',
  'grade',
  'school',
  'programParticipations',
]);

/**
 * Student fields each record kind of a STUDENT_DATA agreement opens to a partner, on top of
 * the directory fields above, by their Ed-Fi names. A field added later is listed here and the
 * agreement's record kinds gate it with no other change.
 */
export const RECORD_KIND_FIELDS: Readonly<Record<RecordKind, readonly string[]>> = {
  // The portal's views (portal.resolver.ts) of a kind's records are that kind's too; enrollment
  // history goes with attendance, whose enrolled days it explains. The early-warning flags open
  // with any kind they judge, and show only the indicators of the kinds the reader has.
  ATTENDANCE: [
    'studentSchoolAttendanceEvents',
    'attendanceCalendar',
    'attendanceWeek',
    'attendanceSummary',
    'attendanceTrend',
    'enrollmentHistory',
    'earlyWarning',
  ],
  BEHAVIOUR: ['disciplineIncidents', 'earlyWarning'],
  COURSES: ['courseTranscripts', 'classes', 'earlyWarning'],
  ASSESSMENTS: ['studentAssessments'],
};

/**
 * The Student fields a partner reads under `agreement` and a consent covering `consentKinds`:
 * the directory fields plus those of the record kinds both cover. Consent recorded before the
 * hub kept its kinds (null) leaves the agreement's kinds alone.
 */
export function partnerFieldsUnder(agreement: ActiveAgreement, consentKinds?: readonly string[] | null): ReadonlySet<string> {
  const fields = new Set(PARTNER_STUDENT_FIELDS);
  for (const kind of agreement.recordKinds) {
    if (consentKinds && !consentKinds.includes(kind)) continue;
    for (const f of RECORD_KIND_FIELDS[kind as RecordKind] ?? []) fields.add(f);
  }
  return fields;
}

/**
 * The viewer's organisation's agreement in force at `at` covering student data, asked of the
 * partners subgraph (kernel/src/agreements.ts: cached ≤ 60 s per organisation, expiry checked
 * here at use time, and none at all when partners cannot answer). Null: no student data.
 */
export async function studentDataAgreement(ctx: HubContext, at: Date): Promise<ActiveAgreement | null> {
  return agreementCovering(await agreementsOf(ctx), 'STUDENT_DATA', at);
}

export type StudentAccess =
  /** The district reads every student and every field; its reads are not disclosures. */
  | { kind: 'district' }
  /** A partner reads `fields` of the student because of `basis`, and each read is a disclosure. */
  | { kind: 'partner'; basis: ProgramParticipation; agreement: ActiveAgreement; fields: ReadonlySet<string> }
  | { kind: 'denied'; error: GraphQLError };

export const isDistrict = (viewer: Viewer) => hasRole(viewer, 'district_sis', 'district_admin');

/** Consent was given, has not been revoked and has not lapsed at `at`. */
export function consentIsActive(p: ProgramParticipation, at: Date): boolean {
  if (!p.consentGivenAt || p.consentGivenAt.getTime() > at.getTime()) return false;
  // A revocation is recorded when it happens: any recorded revocation ends consent.
  if (p.consentRevokedAt) return false;
  return !p.consentExpiresAt || p.consentExpiresAt.getTime() > at.getTime();
}

/** The participation has started and not ended on `at`'s day (end dates are the last day of participation). */
export function participationIsActive(p: ProgramParticipation, at: Date): boolean {
  const today = isoDay(at);
  return p.startDate <= today && (!p.endDate || today <= p.endDate);
}

/**
 * Whether the participation is on the viewer's caseload: a partner administrator's every
 * participant is; a staff member's only those it is assigned to, by the staff record its token
 * is bound to (`viewer.staffId`, set by the server from partners' answer, never from a claim).
 * No bound record, no caseload.
 */
export function onViewersCaseload(viewer: Viewer, p: ProgramParticipation): boolean {
  if (hasRole(viewer, 'partner_admin')) return true;
  return !!viewer.staffId && p.assignedStaffIds.includes(viewer.staffId);
}

/**
 * THE partner check: whether participation `p` lets the viewer read its student at `at`. It
 * does while the participation is the viewer's organisation's, on the viewer's caseload
 * (`onViewersCaseload`), active, and carries active consent. The organisation's data-sharing
 * agreement is the further condition, checked by `studentAccess` and `programParticipants`
 * (it comes from another service).
 */
export function grantsPartnerAccess(viewer: Viewer, p: ProgramParticipation, at: Date): boolean {
  if (!hasRole(viewer, 'partner_staff') || !viewer.org) return false;
  return p.organizationId === viewer.org && onViewersCaseload(viewer, p) && participationIsActive(p, at) && consentIsActive(p, at);
}

/**
 * The participation, among a student's, under which the viewer reads the student (null
 * when none qualifies). When several do, the earliest-started one is the basis, so the
 * audit log names the same one on every read.
 */
export function partnerBasis(viewer: Viewer, participations: readonly ProgramParticipation[], at: Date): ProgramParticipation | null {
  const qualifying = participations.filter((p) => grantsPartnerAccess(viewer, p, at));
  qualifying.sort((a, b) => a.startDate.localeCompare(b.startDate) || a.id.localeCompare(b.id));
  return qualifying[0] ?? null;
}

/** Whether `ctx.viewer` may read the student `studentId`, and under what basis. */
export async function studentAccess(ctx: HubContext, studentId: string): Promise<StudentAccess> {
  const viewer = ctx.viewer;
  if (isDistrict(viewer)) return { kind: 'district' };
  if (viewer.anonymous) return { kind: 'denied', error: unauthenticated() };
  if (!hasRole(viewer, 'partner_staff') || !viewer.org) {
    return { kind: 'denied', error: forbidden('Student records are readable by the district and by consented programme partners only') };
  }
  const at = now();
  // Same answer whether the student does not exist or is not a participant: no existence oracle.
  const basis = partnerBasis(viewer, await ownOrganizationParticipationsByStudent(ctx).load(studentId), at);
  if (!basis)
    return {
      kind: 'denied',
      error: forbidden('Your organisation has no active, consented participation for this student on your caseload'),
    };
  const agreement = await studentDataAgreement(ctx, at);
  if (!agreement)
    return { kind: 'denied', error: forbidden('Your organisation has no data-sharing agreement in force covering student data') };
  return { kind: 'partner', basis, agreement, fields: partnerFieldsUnder(agreement, basis.consentRecordKinds) };
}

/**
 * The student `studentId` if the viewer may read it: the one check behind `student(id)` and
 * `_entities`. A partner is refused alike whether the student is missing or not theirs.
 */
export async function readableStudent(ctx: HubContext, studentId: string): Promise<Student | null> {
  // Stored ids are lowercase (PostgreSQL returns uuids so); any other spelling is the same student.
  const id = normalizeId(studentId);
  const access = await studentAccess(ctx, id);
  if (access.kind === 'denied') throw access.error;
  return studentById(ctx).load(id);
}
