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
  const covered = orgWith((list) => list.some((a) => inForce(a) && a.scopes.includes('EVENT_AGGREGATES')));
  const revokedOnly = orgWith((list) => list.length > 0 && list.every((a) => a.revokedAt));
  const expiredOnly = orgWith(
    (list) => list.length > 0 && list.every((a) => !a.revokedAt && a.expiresAt && Date.parse(a.expiresAt) <= Date.now()),
  );
  const none = orgWith((list) => list.length === 0);

  beforeAll(async () => {
    partners = await testing.startPartnersProcess();
    sg = await testing.createTestSubgraph(events, { seed: true, partners, agreementTtlSeconds: 1 });
  });
  afterAll(async () => {
    await sg?.close();
    await partners?.stop();
  });

  it('the seed has each kind of organisation this test needs', () => {
    expect([covered, revokedOnly, expiredOnly, none].every(Boolean)).toBe(true);
  });

  it('gives a partner with an agreement in force the collaborative-wide totals, each shown figure backed by other organisations alone', async () => {
    const res = await sg.exec(TOTALS, {}, testing.viewerFor('partner_staff', covered.id));
    expect(res.errors).toBeUndefined();
    const view = res.data!.eventTotals;
    expect(JSON.stringify(res.data)).not.toContain(covered.name);
    expect(view).toMatchObject({ from: '2026-01-01', to: '2026-12-31', minimumCount: 10 });
    // The partner's own events never decide what it sees (kernel/src/suppression.ts): a figure is
    // shown only if other organisations put 10 events into it, from at least 3 of them, so the
    // hub operator's view is no longer the partner's. What is shown is the true sum, own events included.
    const figures = [
      { figure: view.total, month: '2026' },
      ...view.byMonth.map((figure: any) => ({ figure, month: figure.month as string })),
    ];
    let shown = 0;
    for (const { figure, month } of figures) {
      const all = universe.events.filter((e) => e.date.startsWith(month));
      const others = all.filter((e) => e.organizationId !== covered.id);
      if (figure.suppressed) {
        expect(figure).toMatchObject({ events: null, attendees: null });
        continue;
      }
      shown++;
      expect({ month, events: figure.events, attendees: figure.attendees }).toEqual({
        month,
        events: all.length,
        attendees: all.reduce((n, e) => n + e.attendees, 0),
      });
      expect(others.length).toBeGreaterThanOrEqual(10);
      expect(new Set(others.map((e) => e.organizationId)).size).toBeGreaterThanOrEqual(3);
    }
    expect(shown).toBeGreaterThan(0);
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
