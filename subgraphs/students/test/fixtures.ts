import { type Viewer } from '@c2c/kernel';
import * as demo from '@c2c/demo';
import * as testing from '@c2c/testing';

/** The demo universe's "today": its consents were written relative to it. */
export const NOW = new Date('2026-11-20T12:00:00.000Z');

export const PARTNER_FIELDS = ['id', 'givenName', 'familyName', 'grade', 'school', 'programParticipations'];
export const DISTRICT_ONLY_FIELDS = ['sourcedId', 'birthDate', 'gender', 'status', 'createdAt', 'updatedAt', 'enrollments'];

/** Every Student field, with enough of each nested object to check real values. */
export const ALL_STUDENT_FIELDS = `id sourcedId givenName familyName birthDate grade gender status createdAt updatedAt
  school { id }
  enrollments { schoolYear grade entryDate exitDate status school { id } }
  programParticipations { id programName organization { id } consentActive }`;

export type ConsentCase = 'active' | 'none' | 'expired' | 'revoked' | 'ended' | 'otherOrg';
export const CONSENT_CASES: ConsentCase[] = ['active', 'none', 'expired', 'revoked', 'ended', 'otherOrg'];

const day = (at: Date) => at.toISOString().slice(0, 10);

/**
 * Classifies a demo participation from the access model's own words (DESIGN.md and the
 * brief), independently of src/student-access.ts, so the tests can disagree with it.
 * Each case isolates one reason: an "ended" one has otherwise active consent, and the
 * consent cases have not ended.
 */
export function caseOf(p: demo.DemoParticipation, at = NOW): Exclude<ConsentCase, 'otherOrg'> | 'mixed' {
  const started = p.startDate <= day(at);
  const ended = !!p.endDate && p.endDate < day(at);
  const given = !!p.consentGivenAt && Date.parse(p.consentGivenAt) <= at.getTime();
  const revoked = !!p.consentRevokedAt;
  const expired = !!p.consentExpiresAt && Date.parse(p.consentExpiresAt) <= at.getTime();
  if (!started) return 'mixed';
  if (ended) return given && !revoked && !expired ? 'ended' : 'mixed';
  if (!p.consentGivenAt) return 'none';
  if (revoked) return expired ? 'mixed' : 'revoked';
  if (expired) return 'expired';
  return given ? 'active' : 'mixed';
}

export interface PartnerFixture {
  orgId: string;
  viewer: Viewer;
  /** The student of each case, and the viewer organisation's participation for it (none for otherOrg). */
  cases: Record<ConsentCase, { studentId: string; participation: demo.DemoParticipation | null }>;
}

/** A partner organisation whose demo participants cover every consent case. */
export function partnerFixture(): PartnerFixture {
  const u = demo.demoUniverse();
  for (const org of u.organizations) {
    const own = u.participations.filter((p) => p.organizationId === org.id);
    const pick = (c: ConsentCase) => own.find((p) => caseOf(p) === c) ?? null;
    const ownStudents = new Set(own.map((p) => p.studentId));
    const other = u.participations.find((p) => p.organizationId !== org.id && caseOf(p) === 'active' && !ownStudents.has(p.studentId));
    const found = { active: pick('active'), none: pick('none'), expired: pick('expired'), revoked: pick('revoked'), ended: pick('ended') };
    if (Object.values(found).every(Boolean) && other) {
      const cases = Object.fromEntries(
        Object.entries(found).map(([k, p]) => [k, { studentId: p!.studentId, participation: p }]),
      ) as PartnerFixture['cases'];
      cases.otherOrg = { studentId: other.studentId, participation: null };
      return { orgId: org.id, viewer: testing.viewerFor('partner_staff', org.id), cases };
    }
  }
  throw new Error('the demo universe has no organisation covering every consent case');
}

export const studentOf = (id: string) => demo.demoUniverse().students.find((s) => s.id === id)!;

/** A viewer with its own `sub`, so a test can find exactly its own disclosure rows. */
export const namedViewer = (viewer: Viewer, sub: string): Viewer => ({ ...viewer, sub });

/** `{ path: code }` of a response's errors, for exact comparisons. */
export function errorCodes(res: { errors?: readonly { path?: readonly (string | number)[]; extensions?: Record<string, unknown> }[] }) {
  return Object.fromEntries((res.errors ?? []).map((e) => [(e.path ?? []).join('.'), e.extensions?.code]));
}

export const entitiesQuery = (fragment: string) => `query($r: [_Any!]!) { _entities(representations: $r) { ${fragment} } }`;
export const studentReps = (ids: string[]) => ({ r: ids.map((id) => ({ __typename: 'Student', id })) });

/** The id of the demo agreement in force at `at` through which `orgId` reads student data (every organisation with participants holds one). */
export function agreementOf(orgId: string, at = NOW): string {
  const a = demo
    .demoUniverse()
    .agreements.find(
      (x) =>
        x.organizationId === orgId &&
        x.scopes.includes('STUDENT_DATA') &&
        !x.revokedAt &&
        Date.parse(x.effectiveFrom) <= at.getTime() &&
        (!x.expiresAt || Date.parse(x.expiresAt) > at.getTime()),
    );
  if (!a) throw new Error(`the demo universe gives ${orgId} no agreement in force`);
  return a.id;
}
