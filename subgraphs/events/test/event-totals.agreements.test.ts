import * as testing from '@c2c/testing';
import { events } from '@c2c/events';
import { universe } from './support';

/**
 * Partner staff read the collaborative-wide event totals only while their organisation holds
 * a data-sharing agreement in force covering EVENT_AGGREGATES, as the REAL partners service
 * answers it over HTTP.
 */
const TOTALS = `{ eventTotals(from: "2026-01-01", to: "2026-12-31") { from to minimumCount total { events attendees suppressed } byMonth { month events attendees suppressed } } }`;
const inForce = (a: (typeof universe.agreements)[number], at = new Date()) =>
  !a.revokedAt && Date.parse(a.effectiveFrom) <= at.getTime() && (!a.expiresAt || Date.parse(a.expiresAt) > at.getTime());
const orgWith = (pred: (agreements: typeof universe.agreements) => boolean) =>
  universe.organizations.find((o) => pred(universe.agreements.filter((a) => a.organizationId === o.id)))!;

describe('events subgraph: event totals for partners under a data-sharing agreement', () => {
  let partners: testing.PartnersProcess;
  let sg: testing.TestSubgraph;
  let cecView: unknown;
  const covered = orgWith((list) => list.some((a) => inForce(a) && a.scopes.includes('EVENT_AGGREGATES')));
  const revokedOnly = orgWith((list) => list.length > 0 && list.every((a) => a.revokedAt));
  const expiredOnly = orgWith(
    (list) => list.length > 0 && list.every((a) => !a.revokedAt && a.expiresAt && Date.parse(a.expiresAt) <= Date.now()),
  );
  const none = orgWith((list) => list.length === 0);

  beforeAll(async () => {
    partners = await testing.startPartnersProcess();
    sg = await testing.createTestSubgraph(events, { seed: true, partners, agreementTtlSeconds: 1 });
    const res = await sg.exec(TOTALS, {}, testing.viewerFor('cec_admin'));
    expect(res.errors).toBeUndefined();
    cecView = res.data!.eventTotals;
  });
  afterAll(async () => {
    await sg?.close();
    await partners?.stop();
  });

  it('the seed has each kind of organisation this test needs', () => {
    expect([covered, revokedOnly, expiredOnly, none].every(Boolean)).toBe(true);
  });

  it('gives a partner with an agreement in force the same suppressed, collaborative-wide totals as the hub operator', async () => {
    const res = await sg.exec(TOTALS, {}, testing.viewerFor('partner_staff', covered.id));
    expect(res.errors).toBeUndefined();
    expect(res.data!.eventTotals).toEqual(cecView);
    expect(JSON.stringify(res.data)).not.toContain(covered.name);
  });

  it.each([
    ['whose only agreement was revoked', () => revokedOnly],
    ['whose only agreement expired', () => expiredOnly],
    ['that never signed one', () => none],
  ])('refuses a partner %s', async (_why, org) => {
    const res = await sg.exec(TOTALS, {}, testing.viewerFor('partner_staff', org().id));
    expect(res.data).toEqual({ eventTotals: null });
    expect(res.errors?.map((e) => [e.path, e.extensions?.code])).toEqual([[['eventTotals'], 'FORBIDDEN']]);
  });

  it('stops answering a partner within the TTL once its agreement is revoked', async () => {
    const viewer = testing.viewerFor('partner_staff', covered.id);
    expect((await sg.exec(TOTALS, {}, viewer)).errors).toBeUndefined();
    const cec = await partners.token('cec_admin');
    for (const a of universe.agreements.filter((x) => x.organizationId === covered.id && inForce(x))) {
      const res = await partners.gql(`mutation($id: ID!) { revokeAgreement(id: $id, reason: "ended") { id } }`, { id: a.id }, cec);
      expect(res.errors).toBeUndefined();
    }
    await new Promise((r) => setTimeout(r, 1100));
    const res = await sg.exec(TOTALS, {}, viewer);
    expect(res.data).toEqual({ eventTotals: null });
    expect(res.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});
