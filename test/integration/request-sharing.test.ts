import * as demo from '@c2c/demo';
import { SUBGRAPH_SECRET_HEADER } from '@c2c/kernel';
import { gql, SECRETS, startTestHub, token } from '@c2c/testing';

/**
 * Identical partner reads sent to the students subgraph at once share one execution (kernel
 * request-sharing.ts), over real HTTP between real processes, and each still leaves its own
 * disclosure row, with its own request id. The requests go straight to the subgraph, as the
 * gateway sends them, so that the test decides how many arrive together.
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

describe('students: identical reads in flight share one execution, never an audit row', () => {
  let hub: Awaited<ReturnType<typeof startTestHub>>;
  let studentsUrl: string;
  let partner: string;
  let admin: string;
  beforeAll(async () => {
    hub = await startTestHub();
    studentsUrl = hub.hub.processes.find((p) => p.name === 'students')!.url;
    partner = await token('partner_staff', participation.organizationId);
    admin = await token('district_admin');
  }, 180_000);
  afterAll(async () => {
    await hub?.stop();
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
