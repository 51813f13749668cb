import { type Role, type Viewer } from '@c2c/kernel';
import * as demo from '@c2c/demo';
import * as testing from '@c2c/testing';
import { Agreement, partners } from '@c2c/partners';

const u = demo.demoUniverse();
const inForce = (a: demo.DemoAgreement, at = new Date()) =>
  !a.revokedAt && Date.parse(a.effectiveFrom) <= at.getTime() && (!a.expiresAt || Date.parse(a.expiresAt) > at.getTime());
/** An organisation with both an agreement in force and an expired one. */
const withHistory = u.organizations.find((o) => {
  const list = u.agreements.filter((a) => a.organizationId === o.id);
  return list.some((a) => inForce(a)) && list.some((a) => !inForce(a));
})!;
const noAgreement = u.organizations.find((o) => !u.agreements.some((a) => a.organizationId === o.id))!;

const OTHERS: [string, Viewer, string][] = [
  ['anonymous', testing.ANONYMOUS, 'UNAUTHENTICATED'],
  ...(['partner_staff', 'district_sis', 'district_admin', 'evaluator', 'embed'] as Role[]).map(
    (r) => [r, testing.viewerFor(r, r === 'partner_staff' ? withHistory.id : undefined), 'FORBIDDEN'] as [string, Viewer, string],
  ),
];

const CREATE = `mutation($input: AgreementInput!) { createAgreement(input: $input) { id organizationId scopes recordKinds signatory effectiveFrom expiresAt revokedAt } }`;
const REVOKE = `mutation($id: ID!, $reason: String!) { revokeAgreement(id: $id, reason: $reason) { id revokedAt revokedBy revokeReason } }`;
const hours = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();

describe('partners subgraph: data-sharing agreements', () => {
  let sg: testing.TestSubgraph;
  const cec = testing.viewerFor('cec_admin');
  const count = () => sg.em().count(Agreement, {});
  beforeAll(async () => {
    sg = await testing.createTestSubgraph(partners, { seed: true });
  });
  afterAll(() => sg.close());

  const valid = (over: Record<string, unknown> = {}) => ({
    organizationId: noAgreement.id,
    scopes: ['EVENT_AGGREGATES', 'STUDENT_DATA'],
    recordKinds: ['ATTENDANCE', 'COURSES'],
    signatory: 'Dana Reyes, Executive Director',
    signedAt: new Date(Date.now() - 86_400_000).toISOString(),
    effectiveFrom: hours(1),
    expiresAt: hours(24 * 365),
    ...over,
  });

  describe('viewerAgreements (what students and events ask)', () => {
    it('gives partner staff exactly their own organisation’s agreements in force, not expired or revoked ones', async () => {
      const res = await sg.exec(
        `{ viewerAgreements { id organizationId scopes recordKinds effectiveFrom expiresAt } }`,
        {},
        testing.viewerFor('partner_staff', withHistory.id),
      );
      expect(res.errors).toBeUndefined();
      const expected = u.agreements.filter((a) => a.organizationId === withHistory.id && inForce(a));
      expect(res.data!.viewerAgreements.map((a: any) => a.id)).toEqual(expected.map((a) => a.id));
      expect(res.data!.viewerAgreements[0]).toMatchObject({
        organizationId: withHistory.id,
        scopes: expected[0].scopes,
        recordKinds: expected[0].recordKinds,
        expiresAt: expected[0].expiresAt,
      });
    });

    it('gives an organisation whose only agreement was revoked, or who has none, an empty list', async () => {
      const revoked = u.agreements.find((a) => a.revokedAt)!;
      for (const org of [revoked.organizationId, noAgreement.id]) {
        const res = await sg.exec(`{ viewerAgreements { id } }`, {}, testing.viewerFor('partner_staff', org));
        expect(res.data).toEqual({ viewerAgreements: [] });
      }
    });

    it.each(OTHERS.filter(([r]) => r !== 'partner_staff'))('refuses %s', async (_r, viewer, code) => {
      const res = await sg.exec(`{ viewerAgreements { id } }`, {}, viewer);
      expect(res.errors?.map((e) => e.extensions?.code)).toEqual([code]);
    });
  });

  describe('agreements (hub operators)', () => {
    it('lists every agreement, revoked and expired ones included, with revocation details', async () => {
      const res = await sg.exec(
        `{ agreements(first: 100) { totalCount edges { node { id revokedAt revokedBy revokeReason } } } }`,
        {},
        cec,
      );
      expect(res.errors).toBeUndefined();
      expect(res.data!.agreements.totalCount).toBe(u.agreements.length);
      const revoked = u.agreements.find((a) => a.revokedAt)!;
      expect(res.data!.agreements.edges.find((e: any) => e.node.id === revoked.id).node).toEqual({
        id: revoked.id,
        revokedAt: revoked.revokedAt,
        revokedBy: revoked.revokedBy,
        revokeReason: revoked.revokeReason,
      });
    });

    it.each(OTHERS)('refuses %s', async (_r, viewer, code) => {
      const res = await sg.exec(`{ agreements(first: 5) { totalCount } }`, {}, viewer);
      expect(res.data).toEqual({ agreements: null });
      expect(res.errors?.map((e) => e.extensions?.code)).toEqual([code]);
    });
  });

  describe('createAgreement and revokeAgreement', () => {
    it.each(OTHERS)('refuses %s and saves nothing', async (_r, viewer, code) => {
      const before = await count();
      const res = await sg.exec(CREATE, { input: valid() }, viewer);
      expect(res.errors?.map((e) => e.extensions?.code)).toEqual([code]);
      const rev = await sg.exec(REVOKE, { id: u.agreements[0].id, reason: 'x' }, viewer);
      expect(rev.errors?.map((e) => e.extensions?.code)).toEqual([code]);
      expect(await count()).toBe(before);
    });

    it.each([
      ['an unknown scope', { scopes: ['EVENT_AGGREGATES', 'EVERYTHING'] }, 'input.scopes'],
      ['no scope', { scopes: [] }, 'input.scopes'],
      ['an unknown record kind', { recordKinds: ['ATTENDANCE', 'HEALTH'] }, 'input.recordKinds'],
      ['STUDENT_DATA without record kinds', { recordKinds: [] }, 'input.recordKinds'],
      ['record kinds without STUDENT_DATA', { scopes: ['EVENT_AGGREGATES'] }, 'input.recordKinds'],
      ['a backdated start', { effectiveFrom: hours(-48) }, 'input.effectiveFrom'],
      ['an expiry before the start', { expiresAt: hours(0.5) }, 'input.expiresAt'],
      ['a signature in the future', { signedAt: hours(48) }, 'input.signedAt'],
      ['a blank signatory', { signatory: '  ' }, 'input.signatory'],
      ['an unknown organisation', { organizationId: '00000000-0000-4000-8000-000000000000' }, 'input.organizationId'],
    ])('refuses %s with BAD_USER_INPUT naming the field, saving nothing', async (_why, over, field) => {
      const before = await count();
      const res = await sg.exec(CREATE, { input: valid(over) }, cec);
      expect(res.errors?.map((e) => e.extensions)).toEqual([expect.objectContaining({ code: 'BAD_USER_INPUT', field })]);
      expect(await count()).toBe(before);
    });

    it('records a valid agreement, refuses an overlapping one with CONFLICT, and allows the next period', async () => {
      const first = await sg.exec(CREATE, { input: valid() }, cec);
      expect(first.errors).toBeUndefined();
      expect(first.data!.createAgreement).toMatchObject({
        organizationId: noAgreement.id,
        scopes: ['EVENT_AGGREGATES', 'STUDENT_DATA'],
        recordKinds: ['ATTENDANCE', 'COURSES'],
        revokedAt: null,
      });
      const before = await count();
      const overlap = await sg.exec(CREATE, { input: valid({ effectiveFrom: hours(24 * 300), expiresAt: hours(24 * 400) }) }, cec);
      expect(overlap.errors?.map((e) => e.extensions)).toEqual([
        expect.objectContaining({ code: 'CONFLICT', conflictingAgreementId: first.data!.createAgreement.id }),
      ]);
      expect(await count()).toBe(before);
      const next = await sg.exec(
        CREATE,
        { input: valid({ effectiveFrom: first.data!.createAgreement.expiresAt, expiresAt: hours(24 * 700) }) },
        cec,
      );
      expect(next.errors).toBeUndefined();
    });

    it('revokes with who and why; a second revocation is a CONFLICT; a blank reason or unknown id are refused', async () => {
      const target = u.agreements.find((a) => a.organizationId === withHistory.id && inForce(a))!;
      expect((await sg.exec(REVOKE, { id: target.id, reason: ' ' }, cec)).errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'reason',
      });
      const res = await sg.exec(REVOKE, { id: target.id, reason: 'Organisation closed its programme' }, cec);
      expect(res.errors).toBeUndefined();
      expect(res.data!.revokeAgreement).toMatchObject({
        id: target.id,
        revokedBy: cec.sub,
        revokeReason: 'Organisation closed its programme',
      });
      expect(Date.parse(res.data!.revokeAgreement.revokedAt)).toBeLessThanOrEqual(Date.now());
      expect((await sg.exec(REVOKE, { id: target.id, reason: 'again' }, cec)).errors?.[0].extensions?.code).toBe('CONFLICT');
      expect((await sg.exec(REVOKE, { id: '00000000-0000-4000-8000-000000000000', reason: 'x' }, cec)).errors?.[0].extensions?.code).toBe(
        'NOT_FOUND',
      );
      // The organisation's staff no longer get it from viewerAgreements.
      const staff = await sg.exec(`{ viewerAgreements { id } }`, {}, testing.viewerFor('partner_staff', withHistory.id));
      expect(staff.data!.viewerAgreements.map((a: any) => a.id)).not.toContain(target.id);
    });
  });
});
