import { randomUUID } from 'node:crypto';
import { type Viewer } from '@c2c/kernel';
import * as testing from '@c2c/testing';
import { Disclosure, setClock, students } from '@c2c/students';
import { NOW } from './fixtures';

/**
 * The disclosure log as the district administrator reads it: per student (a parent's FERPA
 * request), per partner organisation, by day, paged, and whole for the CSV export. Rows are
 * written here with known times, so every filter's answer is known exactly.
 */
const STUDENT_A = randomUUID();
const STUDENT_B = randomUUID();
const ORG_X = randomUUID();
const ORG_Y = randomUUID();
const DAYS = ['2026-09-01', '2026-09-15', '2026-10-01', '2026-10-31', '2026-11-20'];

interface Seeded {
  id: string;
  studentId: string;
  org: string;
  day: string;
  createdAt: Date;
}
// Every student × organisation × day, at 23:59 UTC, so a day filter's end is tested at its edge.
const SEEDED: Seeded[] = [];
for (const studentId of [STUDENT_A, STUDENT_B])
  for (const org of [ORG_X, ORG_Y])
    for (const day of DAYS) SEEDED.push({ id: randomUUID(), studentId, org, day, createdAt: new Date(`${day}T23:59:00.000Z`) });

describe('students subgraph: disclosure log queries', () => {
  let sg: testing.TestSubgraph;
  const admin = testing.viewerFor('district_admin');

  beforeAll(async () => {
    setClock(() => NOW);
    sg = await testing.createTestSubgraph(students);
    await sg.em().insertMany(
      Disclosure,
      SEEDED.map((s) => ({
        id: s.id,
        viewerSub: `staff-of-${s.org}`,
        viewerOrganizationId: s.org,
        viewerRoles: ['partner_staff'],
        studentId: s.studentId,
        fields: ['attendanceSummary', 'givenName'],
        basis: `participation:${randomUUID()} agreement:${randomUUID()}`,
        requestId: randomUUID(),
        createdAt: s.createdAt,
      })),
    );
  });
  afterAll(() => sg?.close());

  const PAGE = `query($s: ID, $o: ID, $from: String, $to: String, $first: Int, $after: String) {
    disclosures(studentId: $s, organizationId: $o, from: $from, to: $to, first: $first, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } edges { node { id studentId viewerOrganizationId createdAt } }
    } }`;
  const EXPORT = `query($s: ID, $o: ID, $from: String, $to: String) {
    disclosureExport(studentId: $s, organizationId: $o, from: $from, to: $to) { id studentId viewerOrganizationId createdAt fields } }`;
  // Rows of the same instant go by id either way.
  const expected = (f: (s: Seeded) => boolean, newestFirst = false) =>
    SEEDED.filter(f)
      .sort((a, b) => (newestFirst ? -1 : 1) * (a.createdAt.getTime() - b.createdAt.getTime()) || a.id.localeCompare(b.id))
      .map((s) => s.id);

  it.each([
    ['per student', { s: STUDENT_A }, (s: Seeded) => s.studentId === STUDENT_A],
    ['per partner organisation', { o: ORG_Y }, (s: Seeded) => s.org === ORG_Y],
    ['per student and organisation', { s: STUDENT_B, o: ORG_X }, (s: Seeded) => s.studentId === STUDENT_B && s.org === ORG_X],
    [
      'from a day to a day, both whole',
      { s: STUDENT_A, from: '2026-09-15', to: '2026-10-31' },
      (s: Seeded) => s.studentId === STUDENT_A && s.day >= '2026-09-15' && s.day <= '2026-10-31',
    ],
    ['from a day on', { o: ORG_X, from: '2026-10-31' }, (s: Seeded) => s.org === ORG_X && s.day >= '2026-10-31'],
  ] as const)('gives the district administrator the log %s, paged newest first and whole for export', async (_what, vars, f) => {
    const want = expected(f);
    const seen: string[] = [];
    let after: string | undefined;
    for (;;) {
      const res = await sg.exec(PAGE, { ...vars, first: 3, after }, admin);
      expect(res.errors).toBeUndefined();
      const page = res.data!.disclosures;
      expect(page.totalCount).toBe(want.length);
      seen.push(...page.edges.map((e: any) => e.node.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual(expected(f, true));
    const whole = await sg.exec(EXPORT, vars, admin);
    expect(whole.errors).toBeUndefined();
    expect(whole.data!.disclosureExport.map((r: any) => r.id)).toEqual(want);
  });

  it.each([
    [{ s: 'not-an-id' }, 'studentId'],
    [{ o: 'x' }, 'organizationId'],
    [{ from: '2026-13-01' }, 'from'],
    [{ to: 'tomorrow' }, 'to'],
    [{ from: '2026-11-01', to: '2026-10-01' }, 'from'],
  ])('refuses %j as BAD_USER_INPUT naming %s, on both queries', async (vars, field) => {
    for (const q of [PAGE, EXPORT]) {
      const res = await sg.exec(q, vars, admin);
      expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
  });

  it.each([
    ['district_sis', testing.viewerFor('district_sis'), 'FORBIDDEN'],
    ['partner_staff of the organisation', testing.viewerFor('partner_staff', ORG_X), 'FORBIDDEN'],
    ['evaluator', testing.viewerFor('evaluator'), 'FORBIDDEN'],
    ['cec_admin', testing.viewerFor('cec_admin'), 'FORBIDDEN'],
    ['anonymous', testing.ANONYMOUS, 'UNAUTHENTICATED'],
  ] as [string, Viewer, string][])('refuses %s both queries', async (_who, viewer, code) => {
    for (const [q, field] of [
      [PAGE, 'disclosures'],
      [EXPORT, 'disclosureExport'],
    ]) {
      const res = await sg.exec(q, { s: STUDENT_A }, viewer);
      expect(res.data?.[field] ?? null).toBeNull();
      expect(res.errors?.[0].extensions?.code).toBe(code);
    }
  });
});
