import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as demo from '@c2c/demo';
import { bearer, gql, http, startTestHub, token } from '@c2c/testing';
import { MESSY_EXPECTED, messyWorkbook } from '../../subgraphs/events/test/import-files';

/**
 * `c2c import events` and `c2c report events` against the real hub over HTTP: the CLI reads
 * the file locally and sends its rows through the gateway in batches; the CSV export is the
 * gateway's, with the caller's token.
 */
const BIN = path.resolve(__dirname, '..', '..', 'cli', 'bin', 'c2c.js');
const u = demo.demoUniverse();
// An organisation with no events yet and an active staff member (the hub honours partner tokens only for those).
const quiet = u.organizations.find((o) => !u.events.some((e) => e.organizationId === o.id) && demo.demoStaffSubject(o.id))!;
const agreementHolder = u.organizations.find(
  (o) =>
    u.events.some((e) => e.organizationId === o.id) &&
    demo.demoStaffSubject(o.id) &&
    u.agreements.some(
      (a) =>
        a.organizationId === o.id &&
        !a.revokedAt &&
        a.scopes.includes('EVENT_AGGREGATES') &&
        Date.parse(a.effectiveFrom) <= Date.now() &&
        (!a.expiresAt || Date.parse(a.expiresAt) > Date.now()),
    ),
)!;

function c2c(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, NODE_ENV: 'production' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

describe('c2c import events and c2c report events against a running hub', () => {
  let hub: Awaited<ReturnType<typeof startTestHub>>;
  let gateway: string;
  let staff: string;
  let dir: string;
  const eventCount = async () => (await gql(gateway, '{ events(first: 1) { totalCount } }', {}, staff)).json.data.events.totalCount;

  beforeAll(async () => {
    hub = await startTestHub();
    gateway = hub.hub.gatewayUrl;
    staff = await token('partner_staff', quiet.id);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'c2c-events-'));
    fs.writeFileSync(path.join(dir, 'northwest.xlsx'), await messyWorkbook());
  }, 180_000);
  afterAll(async () => {
    await hub?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  const run = (file: string, ...extra: string[]) =>
    c2c(['import', 'events', path.join(dir, file), '--url', gateway, '--token', staff, '--json', ...extra]);

  it('a dry run prints the report as one JSON object and writes nothing', async () => {
    const res = await run('northwest.xlsx', '--dry-run');
    expect(res.stderr).toBe('');
    expect(JSON.parse(res.stdout)).toEqual(MESSY_EXPECTED);
    expect(res.code).toBe(2);
    expect(await eventCount()).toBe(0);
  });

  it('all-or-nothing writes nothing when a row is rejected', async () => {
    const res = await run('northwest.xlsx', '--all-or-nothing');
    expect(JSON.parse(res.stdout)).toEqual({ ...MESSY_EXPECTED, imported: 0 });
    expect(await eventCount()).toBe(0);
  });

  it('imports the valid rows, and a second run imports nothing', async () => {
    const first = await run('northwest.xlsx');
    expect(JSON.parse(first.stdout)).toEqual(MESSY_EXPECTED);
    expect(await eventCount()).toBe(3);
    const second = await run('northwest.xlsx');
    expect(JSON.parse(second.stdout)).toEqual({ ...MESSY_EXPECTED, imported: 0, duplicates: 3 });
    expect(await eventCount()).toBe(3);
  });

  it('sends a large file in batches under one import record; all-or-nothing holds across batches', async () => {
    const lines = ['Event Title,Date of event,Type,Address,City,Zip,Audience,Level,Attendees'];
    for (let i = 0; i < 1200; i++)
      lines.push(
        `Batch Night ${i},2026-05-${String((i % 28) + 1).padStart(2, '0')},Workshop,${i} Main St,Detroit,48201,Parents,L1,${i % 50}`,
      );
    lines.push('Broken Night,2026-05-01,Workshop,1 Main St,Detroit,48201,Parents,L1,-1');
    fs.writeFileSync(path.join(dir, 'big.csv'), lines.join('\n'));
    const refused = await run('big.csv', '--all-or-nothing');
    expect(JSON.parse(refused.stdout)).toMatchObject({ rows: 1201, imported: 0, rejected: 1 });
    expect(await eventCount()).toBe(3);

    const res = await run('big.csv');
    expect(JSON.parse(res.stdout)).toEqual({
      rows: 1201,
      imported: 1200,
      duplicates: 0,
      rejected: 1,
      errors: [{ sheet: 'big.csv', row: 1202, column: 'Attendees', reason: 'attendees -1 is negative' }],
    });
    expect(await eventCount()).toBe(1203);
    const imports = await gql(gateway, '{ eventImports { edges { node { fileName rows imported duplicates rejected } } } }', {}, staff);
    expect(imports.json.data.eventImports.edges[0].node).toEqual({
      fileName: 'big.csv',
      rows: 1201,
      imported: 1200,
      duplicates: 0,
      rejected: 1,
    });
  });

  it('refuses a file that is not a spreadsheet, and a partner naming another organisation', async () => {
    fs.writeFileSync(
      path.join(dir, 'old.xls'),
      Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(600)]),
    );
    const xls = await run('old.xls');
    expect(xls.code).toBe(1);
    expect(JSON.parse(xls.stderr).error).toMatch(/XLS_NOT_SUPPORTED: .*save it as \.xlsx or \.csv/);
    const other = await run('northwest.xlsx', '--org', agreementHolder.id, '--dry-run');
    expect(other.code).toBe(1);
    expect(JSON.parse(other.stderr).error).toMatch(/^FORBIDDEN/);
  });

  it('c2c report events --csv prints the gateway’s CSV of the caller’s own events', async () => {
    const res = await c2c(['report', 'events', '--by', 'ENGAGEMENT_LEVEL', '--year', '2026', '--csv', '--url', gateway, '--token', staff]);
    expect(res.stderr).toBe('');
    const lines = res.stdout.trimEnd().split('\r\n');
    expect(lines[0]).toBe('scope,by,from,to,key,events,attendees,suppressed');
    expect(lines).toContain(
      'OWN,ENGAGEMENT_LEVEL,2026-01-01,2026-12-31,LEVEL_ONE,1201,' +
        (24 + Array.from({ length: 1200 }, (_, i) => i % 50).reduce((a, b) => a + b, 0)) +
        ',false',
    );
    expect(lines[lines.length - 1]).toMatch(/^OWN,ENGAGEMENT_LEVEL,2026-01-01,2026-12-31,TOTAL,1203,/);
    // Without --csv: the same rows as an aligned table.
    const table = await c2c(['report', 'events', '--by', 'ENGAGEMENT_LEVEL', '--year', '2026', '--url', gateway, '--token', staff]);
    const rows = table.stdout
      .trimEnd()
      .split('\n')
      .map((l) => l.split(/\s+/));
    expect(rows[0]).toEqual(['scope', 'by', 'from', 'to', 'key', 'events', 'attendees', 'suppressed']);
    expect(rows.find((r) => r[4] === 'TOTAL')).toEqual([
      'OWN',
      'ENGAGEMENT_LEVEL',
      '2026-01-01',
      '2026-12-31',
      'TOTAL',
      '1203',
      expect.any(String),
      'false',
    ]);
  });

  it('the CSV export names no other organisation to a partner, refuses it the per-organisation breakdown, and gives that to the hub operator', async () => {
    const partnerToken = await token('partner_staff', agreementHolder.id);
    const others = u.organizations.filter((o) => o.id !== agreementHolder.id);
    let all = '';
    for (const by of ['ENGAGEMENT_LEVEL', 'TYPE', 'MONTH', 'QUARTER', 'ZIP', 'AUDIENCE']) {
      for (const scope of ['OWN', 'COLLABORATIVE']) {
        const res = await http(`${new URL('/reports/events-report.csv', gateway)}?by=${by}&scope=${scope}&year=2026`, {
          headers: bearer(partnerToken),
        });
        expect(res.status).toBe(200);
        expect(res.headers.get('cache-control')).toMatch(/no-store/);
        all += res.text;
      }
    }
    for (const o of others) {
      expect(all).not.toContain(o.id);
      expect(all).not.toContain(o.name);
    }
    const byOrg = `${new URL('/reports/events-report.csv', gateway)}?by=ORGANIZATION&scope=COLLABORATIVE&year=2026`;
    const refused = await http(byOrg, { headers: bearer(partnerToken) });
    expect(refused.status).toBe(403);
    const cec = await http(byOrg, { headers: bearer(await token('cec_admin')) });
    expect(cec.status).toBe(200);
    expect(cec.text).toContain(`COLLABORATIVE,ORGANIZATION,2026-01-01,2026-12-31,${quiet.id},1203,`);
    const bad = await http(`${new URL('/reports/events-report.csv', gateway)}?by=COLOUR`, { headers: bearer(partnerToken) });
    expect(bad.status).toBe(400);
  });
});
