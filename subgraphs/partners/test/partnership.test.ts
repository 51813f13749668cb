import { type Role, type Viewer } from '@c2c/kernel';
import * as demo from '@c2c/demo';
import * as testing from '@c2c/testing';
import { AlignmentReview, Partnership, partners } from '@c2c/partners';

const u = demo.demoUniverse();
const REPORT = `{ partnershipAlignmentReport {
  overall { active aligned partlyAligned notAligned unreviewed alignedPercent }
  byFocusArea { focusArea active aligned partlyAligned notAligned unreviewed alignedPercent }
  bySchool { schoolId active aligned partlyAligned notAligned unreviewed alignedPercent } } }`;

/** The metric computed by hand from the seed: each active partnership judged by its latest review. */
function expected(filter: (p: demo.DemoPartnership) => boolean) {
  const active = u.partnerships.filter((p) => p.status === 'ACTIVE' && filter(p));
  const latest = (p: demo.DemoPartnership) =>
    u.alignmentReviews.filter((r) => r.partnershipId === p.id).sort((a, b) => b.reviewedOn.localeCompare(a.reviewedOn))[0]?.alignment ??
    null;
  const n = (a: string | null) => active.filter((p) => latest(p) === a).length;
  return {
    active: active.length,
    aligned: n('ALIGNED'),
    partlyAligned: n('PARTLY_ALIGNED'),
    notAligned: n('NOT_ALIGNED'),
    unreviewed: n(null),
    alignedPercent: active.length ? Number(((100 * n('ALIGNED')) / active.length).toFixed(1)) : null,
  };
}

const CREATE = `mutation($input: PartnershipInput!) { createPartnership(input: $input) { id } }`;
const REVIEW = `mutation($id: ID!, $input: AlignmentReviewInput!) { reviewPartnershipAlignment(partnershipId: $id, input: $input) { id } }`;
const partnerOrg = u.organizations.find((o) => o.slug === 'robotics-for-all')!;
/** A valid new partnership of the district; the cases change one field. */
const NEW = {
  schoolId: u.organizations.find((o) => o.sector === 'DISTRICT')!.id,
  partnerOrganizationId: partnerOrg.id,
  focusAreas: ['MENTAL_HEALTH'],
  status: 'ACTIVE',
  startDate: '2026-09-01',
};

describe('partners subgraph: partnerships and the alignment report', () => {
  let sg: testing.TestSubgraph;
  const admin = testing.viewerFor('district_admin');
  const district = u.organizations.find((o) => o.sector === 'DISTRICT')!;
  const school = u.organizations.find((o) => o.sector === 'SCHOOL')!;
  const partner = u.organizations.find((o) => o.slug === 'robotics-for-all')!;
  const count = async () => (await sg.em().count(Partnership, {})) + (await sg.em().count(AlignmentReview, {}));
  beforeAll(async () => {
    sg = await testing.createTestSubgraph(partners, { seed: true });
  });
  afterAll(() => sg.close());

  it('gives the percentage of active partnerships aligned with district priorities, overall, by focus area and by school, on the seed', async () => {
    const res = await sg.exec(REPORT, {}, admin);
    expect(res.errors).toBeUndefined();
    const report = res.data!.partnershipAlignmentReport;
    expect(report.overall).toEqual(expected(() => true));
    // The seed exercises every kind of row: the check is not vacuous.
    expect(report.overall.aligned).toBeGreaterThan(0);
    expect(report.overall.notAligned + report.overall.partlyAligned + report.overall.unreviewed).toBeGreaterThan(0);
    expect(report.overall.alignedPercent).toBe(Math.round((1000 * report.overall.aligned) / report.overall.active) / 10);
    for (const row of report.byFocusArea)
      expect(row).toEqual({ focusArea: row.focusArea, ...expected((p) => p.focusAreas.includes(row.focusArea)) });
    expect(report.byFocusArea.map((r: any) => r.focusArea)).toEqual([...demo.FOCUS_AREAS]);
    const schools = [...new Set(u.partnerships.filter((p) => p.status === 'ACTIVE').map((p) => p.schoolId))].sort();
    expect(report.bySchool.map((r: any) => r.schoolId)).toEqual(schools);
    for (const row of report.bySchool) expect(row).toEqual({ schoolId: row.schoolId, ...expected((p) => p.schoolId === row.schoolId) });
  });

  it('counts a new review at once: the latest review decides', async () => {
    const target = u.partnerships.find((p) => p.status === 'ACTIVE' && !u.alignmentReviews.some((r) => r.partnershipId === p.id))!;
    const before = (await sg.exec(REPORT, {}, admin)).data!.partnershipAlignmentReport.overall;
    const res = await sg.exec(
      `mutation($id: ID!, $input: AlignmentReviewInput!) { reviewPartnershipAlignment(partnershipId: $id, input: $input) { alignment reviewer reviewedOn } }`,
      { id: target.id, input: { alignment: 'ALIGNED', reviewedOn: '2026-11-01', notes: 'Afterschool STEM matches Priority III.' } },
      admin,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.reviewPartnershipAlignment).toEqual({ alignment: 'ALIGNED', reviewer: admin.sub, reviewedOn: '2026-11-01' });
    const after = (await sg.exec(REPORT, {}, admin)).data!.partnershipAlignmentReport.overall;
    expect(after).toMatchObject({ active: before.active, aligned: before.aligned + 1, unreviewed: before.unreviewed - 1 });
    const one = await sg.exec(
      `query($s: ID) { partnerships(schoolId: $s, first: 50) { edges { node { id alignment school { id } partnerOrganization { id } reviews { alignment } } } } }`,
      { s: target.schoolId },
      admin,
    );
    const node = one.data!.partnerships.edges.find((e: any) => e.node.id === target.id).node;
    expect(node).toMatchObject({
      alignment: 'ALIGNED',
      school: { id: target.schoolId },
      partnerOrganization: { id: target.partnerOrganizationId },
      reviews: [{ alignment: 'ALIGNED' }],
    });
  });

  it('reads partnerships and the report for district administrators and hub operators only', async () => {
    expect((await sg.exec(REPORT, {}, testing.viewerFor('cec_admin'))).errors).toBeUndefined();
    const cases: [Viewer, string][] = [
      [testing.ANONYMOUS, 'UNAUTHENTICATED'],
      ...(['partner_staff', 'district_sis', 'evaluator', 'embed'] as Role[]).map(
        (r) => [testing.viewerFor(r, r === 'partner_staff' ? partner.id : undefined), 'FORBIDDEN'] as [Viewer, string],
      ),
    ];
    for (const [viewer, code] of cases) {
      for (const q of [REPORT, `{ partnerships(first: 5) { totalCount } }`]) {
        const res = await sg.exec(q, {}, viewer);
        expect([viewer.roles, res.errors?.map((e) => e.extensions?.code)]).toEqual([viewer.roles, [code]]);
      }
    }
  });

  it('lets only district administrators create partnerships and reviews, saving nothing otherwise', async () => {
    const before = await count();
    for (const [viewer, code] of [
      [testing.viewerFor('cec_admin'), 'FORBIDDEN'],
      [testing.viewerFor('partner_staff', partner.id), 'FORBIDDEN'],
      [testing.viewerFor('evaluator'), 'FORBIDDEN'],
      [testing.ANONYMOUS, 'UNAUTHENTICATED'],
    ] as [Viewer, string][]) {
      const c = await sg.exec(
        `mutation($input: PartnershipInput!) { createPartnership(input: $input) { id } }`,
        {
          input: {
            schoolId: school.id,
            partnerOrganizationId: partner.id,
            focusAreas: ['MENTAL_HEALTH'],
            status: 'ACTIVE',
            startDate: '2026-09-01',
          },
        },
        viewer,
      );
      expect(c.errors?.map((e) => e.extensions?.code)).toEqual([code]);
      const r = await sg.exec(
        `mutation($id: ID!) { reviewPartnershipAlignment(partnershipId: $id, input: { alignment: ALIGNED, reviewedOn: "2026-10-01" }) { id } }`,
        { id: u.partnerships[0].id },
        viewer,
      );
      expect(r.errors?.map((e) => e.extensions?.code)).toEqual([code]);
    }
    expect(await count()).toBe(before);
  });

  it.each([
    ['a partner that is a school', { partnerOrganizationId: school.id }, 'input.partnerOrganizationId', 'BAD_USER_INPUT'],
    ['a school that is a partner', { schoolId: partner.id }, 'input.schoolId', 'BAD_USER_INPUT'],
    ['no focus area', { focusAreas: [] }, 'input.focusAreas', 'BAD_USER_INPUT'],
    ['an ENDED partnership without an end date', { status: 'ENDED' }, 'input.endDate', 'BAD_USER_INPUT'],
    ['a bad start date', { startDate: '2026-02-30' }, 'input.startDate', 'BAD_USER_INPUT'],
    ['an end before the start', { endDate: '2026-01-01' }, 'input.endDate', 'BAD_USER_INPUT'],
  ])('refuses %s, saving nothing', async (_why, over, field, code) => {
    const before = await count();
    const res = await sg.exec(
      `mutation($input: PartnershipInput!) { createPartnership(input: $input) { id } }`,
      {
        input: {
          schoolId: district.id,
          partnerOrganizationId: partner.id,
          focusAreas: ['MENTAL_HEALTH'],
          status: 'ACTIVE',
          startDate: '2026-09-01',
          ...over,
        },
      },
      admin,
    );
    expect(res.errors?.map((e) => e.extensions)).toEqual([expect.objectContaining({ code, field })]);
    expect(await count()).toBe(before);
  });

  it('records a partnership, and refuses a duplicate of an unended one with CONFLICT; bad reviews are refused', async () => {
    const taken = new Set(u.partnerships.filter((p) => p.schoolId === school.id).map((p) => p.partnerOrganizationId));
    const free = u.organizations.find((o) => o.sector === 'COMMUNITY_ORGANIZATION' && !taken.has(o.id))!;
    const input = {
      schoolId: school.id,
      partnerOrganizationId: free.id,
      focusAreas: ['FAMILY_ENGAGEMENT'],
      status: 'ACTIVE',
      startDate: '2026-09-01',
    };
    const first = await sg.exec(`mutation($input: PartnershipInput!) { createPartnership(input: $input) { id status } }`, { input }, admin);
    expect(first.errors).toBeUndefined();
    const before = await count();
    const dup = await sg.exec(`mutation($input: PartnershipInput!) { createPartnership(input: $input) { id } }`, { input }, admin);
    expect(dup.errors?.map((e) => e.extensions)).toEqual([expect.objectContaining({ code: 'CONFLICT' })]);
    const id = first.data!.createPartnership.id;
    for (const [input2, field] of [
      [{ alignment: 'ALIGNED', reviewedOn: '2999-01-01' }, 'input.reviewedOn'],
      [{ alignment: 'ALIGNED', reviewedOn: '2026-10-01', notes: 'x'.repeat(4001) }, 'input.notes'],
    ] as const) {
      const res = await sg.exec(
        `mutation($id: ID!, $input: AlignmentReviewInput!) { reviewPartnershipAlignment(partnershipId: $id, input: $input) { id } }`,
        { id, input: input2 },
        admin,
      );
      expect(res.errors?.map((e) => e.extensions)).toEqual([expect.objectContaining({ code: 'BAD_USER_INPUT', field })]);
    }
    expect(await count()).toBe(before);
  });

  // Focus areas, status and alignment are GraphQL enums: a value outside them never reaches
  // the resolver. graphql-js (which this harness runs) gives no code; the server's Apollo
  // layer adds it, as the next test checks over HTTP.
  it.each([
    [
      'an unknown focus area',
      CREATE,
      { input: { ...NEW, focusAreas: ['MENTAL_HEALTH', 'SPORTS'] } },
      /"SPORTS" does not exist in "FocusArea" enum/,
    ],
    ['an unknown status', CREATE, { input: { ...NEW, status: 'PAUSED' } }, /"PAUSED" does not exist in "PartnershipStatus" enum/],
    ['a status in lower case', CREATE, { input: { ...NEW, status: 'active' } }, /"active" does not exist in "PartnershipStatus" enum/],
    [
      'an unknown alignment',
      REVIEW,
      { id: u.partnerships[0].id, input: { alignment: 'MOSTLY', reviewedOn: '2026-10-01' } },
      /"MOSTLY" does not exist in "Alignment" enum/,
    ],
    [
      'an alignment given as a string literal',
      `mutation($id: ID!) { reviewPartnershipAlignment(partnershipId: $id, input: { alignment: "ALIGNED", reviewedOn: "2026-10-01" }) { id } }`,
      { id: u.partnerships[0].id },
      /Enum "Alignment" cannot represent non-enum value: "ALIGNED"/,
    ],
    [
      'an unknown status filter',
      `{ partnerships(status: PAUSED, first: 5) { totalCount } }`,
      {},
      /Value "PAUSED" does not exist in "PartnershipStatus" enum/,
    ],
  ])('refuses %s before any resolver runs, saving nothing', async (_why, query, variables, message) => {
    const before = await count();
    const res = await sg.exec(query, variables, admin);
    expect(res.data).toBeUndefined();
    expect(res.errors?.map((e) => e.message)).toEqual([expect.stringMatching(message)]);
    expect(await count()).toBe(before);
  });
});

describe('partners subgraph over HTTP: values outside the partnership enums', () => {
  let p: testing.PartnersProcess;
  let token: string;
  const school = u.organizations.find((o) => o.sector === 'SCHOOL')!;
  const target = u.partnerships.find((x) => x.schoolId === school.id)!;
  /** What the process holds: every partnership, and the reviews of the one the review cases target. */
  const stored = async () => {
    const all = await p.gql(`{ partnerships(first: 1) { totalCount } }`, {}, token);
    const one = await p.gql(
      `query($s: ID) { partnerships(schoolId: $s, first: 50) { edges { node { id reviews { id } } } } }`,
      { s: school.id },
      token,
    );
    return {
      total: all.data.partnerships.totalCount,
      reviews: one.data.partnerships.edges.find((e: any) => e.node.id === target.id).node.reviews.length,
    };
  };
  beforeAll(async () => {
    p = await testing.startPartnersProcess();
    token = await p.token('district_admin');
  });
  afterAll(async () => {
    await p?.stop();
  });

  it.each([
    ['an unknown focus area in a variable', 'BAD_USER_INPUT', CREATE, { input: { ...NEW, schoolId: school.id, focusAreas: ['SPORTS'] } }],
    ['an unknown status in a variable', 'BAD_USER_INPUT', CREATE, { input: { ...NEW, schoolId: school.id, status: 'PAUSED' } }],
    [
      'an unknown alignment in a variable',
      'BAD_USER_INPUT',
      REVIEW,
      { id: target.id, input: { alignment: 'MOSTLY', reviewedOn: '2026-10-01' } },
    ],
    [
      'an unknown alignment in the query',
      'GRAPHQL_VALIDATION_FAILED',
      `mutation($id: ID!) { reviewPartnershipAlignment(partnershipId: $id, input: { alignment: MOSTLY, reviewedOn: "2026-10-01" }) { id } }`,
      { id: target.id },
    ],
    ['an unknown status filter in the query', 'GRAPHQL_VALIDATION_FAILED', `{ partnerships(status: PAUSED, first: 5) { totalCount } }`, {}],
  ])('refuses %s with %s, saving nothing', async (_why, code, query, variables) => {
    const before = await stored();
    const res = await p.gql(query, variables, token);
    expect(res.data).toBeUndefined();
    expect(res.errors.map((e: any) => e.extensions?.code)).toEqual([code]);
    expect(await stored()).toEqual(before);
  });
});
