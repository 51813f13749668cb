import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'csv-parse/sync';
import * as demo from '@c2c/demo';
import { SUBGRAPH_SECRET_HEADER } from '@c2c/kernel';
import { gql, SECRETS, startTestHub, token } from '@c2c/testing';

/**
 * The disclosure log's CSV through a real gateway and the real subgraphs over HTTP: a partner
 * reads a participant's portal views and caseload through the gateway, and the district
 * administrator exports exactly those reads per student and per organisation; nobody else can.
 * Last, identical reads sent to the students subgraph at once share one execution (kernel
 * request-sharing.ts) and each still leaves its own disclosure row, with its own request id.
 * They go straight to the subgraph, as the gateway sends them, so that the test decides how many
 * arrive together.
 */
const u = demo.demoUniverse();
const at = Date.now();
const today = new Date(at).toISOString().slice(0, 10);
const consented = (p: demo.DemoParticipation) =>
  p.startDate <= today &&
  (!p.endDate || p.endDate >= today) &&
  !!p.consentGivenAt &&
  Date.parse(p.consentGivenAt) <= at &&
  !p.consentRevokedAt &&
  (!p.consentExpiresAt || Date.parse(p.consentExpiresAt) > at);
const participation = u.participations.find(
  (p) => consented(p) && demo.demoStaffSubject(p.organizationId) && u.agreements.some((a) => a.organizationId === p.organizationId),
)!;
const ORG = participation.organizationId;

describe('GET /reports/disclosures.csv through the gateway', () => {
  let hub: Awaited<ReturnType<typeof startTestHub>>;
  let base: string;
  let partner: string;
  let admin: string;
  beforeAll(async () => {
    hub = await startTestHub();
    base = hub.hub.gatewayUrl.replace(/\/graphql$/, '');
    partner = await token('partner_staff', ORG);
    admin = await token('district_admin');
  }, 180_000);
  afterAll(async () => {
    await hub?.stop();
  });

  const get = (p: string, bearer?: string) => fetch(`${base}${p}`, { headers: bearer ? { authorization: `Bearer ${bearer}` } : {} });

  it('exports, per student and per organisation, the disclosures of a partner’s portal and caseload reads', async () => {
    const read = await gql(
      hub.hub.gatewayUrl,
      `query($id: ID!) { student(id: $id) { givenName attendanceSummary { enrolledDays } earlyWarning { level } } }`,
      { id: participation.studentId },
      partner,
    );
    expect(read.json.errors).toBeUndefined();
    const caseload = await gql(
      hub.hub.gatewayUrl,
      `{ caseloadOverview(first: 100) { totalCount edges { node { student { id } level } } } }`,
      {},
      partner,
    );
    expect(caseload.json.errors).toBeUndefined();
    const shown = caseload.json.data.caseloadOverview.edges.map((e: any) => e.node.student.id);
    expect(shown).toContain(participation.studentId);

    const res = await get(`/reports/disclosures.csv?student=${participation.studentId}`, admin);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('cache-control')).toMatch(/no-store/);
    const rows = parse(await res.text(), { columns: true }) as Record<string, string>[];
    // One row per request: the profile read, then the caseload read.
    expect(rows.map((r) => r.fields)).toEqual(['attendanceSummary earlyWarning givenName', 'attendanceSummary earlyWarning']);
    for (const r of rows)
      expect(r).toMatchObject({ student_id: participation.studentId, reader_organization_id: ORG, reader_roles: 'partner_staff' });

    const byOrg = parse(await (await get(`/reports/disclosures.csv?organization=${ORG}&from=${today}&to=${today}`, admin)).text(), {
      columns: true,
    }) as Record<string, string>[];
    expect(byOrg.map((r) => r.student_id).sort()).toEqual([participation.studentId, ...shown].sort());

    const cli = await promisify(execFile)(
      process.execPath,
      [
        path.resolve(__dirname, '..', '..', 'cli', 'bin', 'c2c.js'),
        'report',
        'disclosures',
        '--param',
        `student=${participation.studentId}`,
        '--json',
        '--url',
        hub.hub.gatewayUrl,
        '--token',
        admin,
      ],
      { env: { ...process.env, NODE_ENV: 'development' } },
    );
    expect(JSON.parse(cli.stdout)).toEqual(rows);
  });

  it('refuses everyone but the district administrator, and bad parameters by name', async () => {
    const q = `/reports/disclosures.csv?student=${participation.studentId}`;
    expect((await get(q, partner)).status).toBe(403);
    expect((await get(q, await token('district_sis'))).status).toBe(403);
    expect((await get(q, await token('evaluator'))).status).toBe(403);
    expect((await get(q)).status).toBe(401);
    for (const [query, field] of [
      ['', 'student'],
      ['?student=nope', 'student'],
      ['?organization=x', 'organization'],
      [`?student=${participation.studentId}&from=2026-12-01&to=2026-11-01`, 'from'],
    ]) {
      const res = await get(`/reports/disclosures.csv${query}`, admin);
      expect({ status: res.status, field: (await res.json()).field }).toEqual({ status: 400, field });
    }
  });

  // Last: it adds disclosure rows of its own.
  describe('identical reads in flight', () => {
    let studentsUrl: string;
    beforeAll(() => {
      studentsUrl = hub.hub.processes.find((p) => p.name === 'students')!.url;
    });
    const QUERY = `query($id: ID!) { student(id: $id) { givenName attendanceSummary { enrolledDays } } }`;
    const read = async (requestId: string) => {
      const res = await fetch(studentsUrl, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${partner}`,
          [SUBGRAPH_SECRET_HEADER]: SECRETS.C2C_SUBGRAPH_SECRET,
          'x-request-id': requestId,
        },
        body: JSON.stringify({ query: QUERY, variables: { id: participation.studentId } }),
      });
      return { requestId, status: res.status, shared: res.headers.get('x-c2c-shared') === 'true', body: await res.text() };
    };

    it('answers each alike and writes one disclosure row per request id, shared or not', async () => {
      // The first read binds the token to its staff record; later reads find it cached.
      const first = await read('sharing-warm');
      expect(JSON.parse(first.body).errors).toBeUndefined();
      const answers = [first];
      // Whether requests overlap is up to the scheduler: send waves of 20 until one was shared.
      for (let wave = 0; wave < 10 && !answers.some((a) => a.shared); wave++)
        answers.push(...(await Promise.all(Array.from({ length: 20 }, (_, i) => read(`sharing-${wave}-${i}`)))));
      expect(answers.filter((a) => a.shared).length).toBeGreaterThan(0);
      expect(answers.every((a) => a.status === 200 && a.body === first.body)).toBe(true);

      const log = await gql(
        hub.hub.gatewayUrl,
        `query($id: ID!) { disclosureExport(studentId: $id) { requestId viewerSub studentId fields } }`,
        { id: participation.studentId },
        admin,
      );
      expect(log.json.errors).toBeUndefined();
      const rows = (log.json.data.disclosureExport as { requestId: string; fields: string[] }[]).filter((r) =>
        r.requestId.startsWith('sharing-'),
      );
      expect(rows.map((r) => r.requestId).sort()).toEqual(answers.map((a) => a.requestId).sort());
      expect(new Set(rows.map((r) => JSON.stringify(r.fields))).size).toBe(1);
    }, 120_000);
  });
});
