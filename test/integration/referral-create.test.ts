import * as testing from '@c2c/testing';
import { referrals } from '@c2c/referrals';
import { resources } from '@c2c/resources';
import { students } from '@c2c/students';
import { resetClock, setClock } from '../../subgraphs/referrals/src/clock.logic';
import { Referral } from '../../subgraphs/referrals/src/referral.entity';
import { ReferralComment } from '../../subgraphs/referrals/src/referral-comment.entity';
import { addBusinessDays } from '../../subgraphs/referrals/src/referral-deadline.logic';
import { ReferralStatusChange } from '../../subgraphs/referrals/src/referral-status-change.entity';
import { codesOf, staffOf, universe } from '../../subgraphs/referrals/test/fixtures';

const CREATE = `mutation($input: CreateReferralInput!) { createReferral(input: $input) {
  id status taskStatus version urgency imperative reason zip linkKind linkedReferral { id } responseDueAt escalateAt
  familyContact { name phone email preferredChannel } notes consentInForce
  fromOrganization { id } toOrganization { id } service { id } history { toStatus changedBy }
} }`;
const READ = `query($id: ID!) { referral(id: $id) { id reason zip familyContact { name phone } notes consent { givenByName } consentInForce } }`;
const UPDATE = `mutation($id: ID!, $status: ReferralStatus!, $v: Int!, $to: ID) {
  updateReferralStatus(id: $id, status: $status, expectedVersion: $v, redirectServiceId: $to) { id status version redirectedToService { id } } }`;

const active = universe.services.filter((s) => s.status === 'ACTIVE');
const target = active[0];
const other = active.find((s) => s.organizationId !== target.organizationId && s.id !== target.id)!;
const hidden = universe.services.find((s) => s.status === 'INACTIVE' || s.status === 'DEFUNCT')!;
const senderOrg = universe.organizations.find((o) => o.id !== target.organizationId && o.id !== other.organizationId)!.id;
const sender = staffOf(senderOrg);
const receiver = staffOf(target.organizationId);
const bystander = staffOf(universe.organizations.find((o) => ![senderOrg, target.organizationId, other.organizationId].includes(o.id))!.id);

let n = 0;
const contactInput = (extra: Record<string, unknown> = {}) => ({
  serviceId: target.id,
  imperative: 'K12',
  need: 'Help with homework after school.',
  zip: '48201',
  familyContact: { name: 'Ana Ruiz', phone: `+1 313 555 ${String(1000 + ++n)}`, preferredChannel: 'SMS' },
  ...extra,
});
const consent = (extra: Record<string, unknown> = {}) => ({
  givenByName: 'Ana Ruiz',
  givenByRelationship: 'parent',
  method: 'VERBAL',
  givenAt: '2026-01-05T10:00:00.000Z',
  covers: ['SHARE_CONTACT'],
  ...extra,
});

describe('referrals subgraph: createReferral, asking resources and students as the caller', () => {
  let sg: testing.TestSubgraph;
  let res: testing.TestSubgraph;
  let stu: testing.TestSubgraph;
  beforeAll(async () => {
    res = await testing.createTestSubgraph(resources, { seed: true });
    stu = await testing.createTestSubgraph(students, { seed: true });
    sg = await testing.createTestSubgraph(referrals, { peers: { resources: res, students: stu } });
    setClock(() => new Date('2026-01-07T12:00:00.000Z')); // a Wednesday
  });
  afterAll(async () => {
    resetClock();
    await Promise.all([sg.close(), res.close(), stu.close()]);
  });

  const counts = async () => ({
    referrals: await sg.em().count(Referral, {}),
    history: await sg.em().count(ReferralStatusChange, {}),
  });

  it('sends a family-contact referral from the token’s organisation and staff member to the service’s provider', async () => {
    const out = await sg.exec(CREATE, { input: contactInput({ urgency: 'URGENT', notes: 'Prefers afternoons.' }) }, sender);
    expect(out.errors).toBeUndefined();
    const r = out.data.createReferral;
    expect(r).toMatchObject({
      status: 'SENT',
      taskStatus: 'requested',
      version: 1,
      urgency: 'URGENT',
      fromOrganization: { id: senderOrg },
      toOrganization: { id: target.organizationId },
      service: { id: target.id },
      familyContact: { name: 'Ana Ruiz', phone: expect.stringMatching(/^\+1313555\d{4}$/), preferredChannel: 'SMS' },
      notes: 'Prefers afternoons.',
      history: [{ toStatus: 'SENT', changedBy: sender.sub }],
    });
    // Two business days after a Wednesday noon: Friday noon; escalation 14 calendar days.
    expect(r.responseDueAt).toBe('2026-01-09T12:00:00.000Z');
    expect(r.escalateAt).toBe('2026-01-21T12:00:00.000Z');
  });

  it('shows the receiver the need and ZIP only, without consent in force; the sender sees everything', async () => {
    const made = (await sg.exec(CREATE, { input: contactInput({ notes: 'Private note' }) }, sender)).data.createReferral;
    const asReceiver = (await sg.exec(READ, { id: made.id }, receiver)).data.referral;
    expect(asReceiver).toEqual({
      id: made.id,
      reason: 'Help with homework after school.',
      zip: '48201',
      familyContact: null,
      notes: null,
      consent: null,
      consentInForce: [],
    });
    expect((await sg.exec(READ, { id: made.id }, sender)).data.referral.familyContact.name).toBe('Ana Ruiz');
  });

  it('shares the contact with the receiver under consent in force, and stops when it expires', async () => {
    const input = contactInput({ consent: consent({ expiresAt: '2026-02-01T00:00:00.000Z' }) });
    const made = (await sg.exec(CREATE, { input }, sender)).data.createReferral;
    expect((await sg.exec(READ, { id: made.id }, receiver)).data.referral).toMatchObject({
      familyContact: { name: 'Ana Ruiz' },
      consent: { givenByName: 'Ana Ruiz' },
      consentInForce: ['SHARE_CONTACT'],
    });
    setClock(() => new Date('2026-02-02T00:00:00.000Z'));
    try {
      expect((await sg.exec(READ, { id: made.id }, receiver)).data.referral).toMatchObject({ familyContact: null, consentInForce: [] });
    } finally {
      setClock(() => new Date('2026-01-07T12:00:00.000Z'));
    }
  });

  it.each([
    ['an unknown service', { serviceId: '00000000-0000-4000-8000-000000000000' }, 'NOT_FOUND', 'input.serviceId'],
    ['an unpublished service', { serviceId: hidden.id }, 'NOT_FOUND', 'input.serviceId'],
    ['a malformed service id', { serviceId: 'nope' }, 'NOT_FOUND', 'input.serviceId'],
    ['a student the sender may not see', { familyContact: null, studentId: universe.students[0].id }, 'NOT_FOUND', 'input.studentId'],
    ['both a student and a contact', { studentId: universe.students[0].id }, 'BAD_USER_INPUT', 'input.familyContact'],
    ['neither a student nor a contact', { familyContact: null }, 'BAD_USER_INPUT', 'input.studentId'],
    ['a bad phone', { familyContact: { name: 'A', phone: '12ab' } }, 'BAD_USER_INPUT', 'input.familyContact.phone'],
    ['a bad email', { familyContact: { name: 'A', email: 'not-an-email' } }, 'BAD_USER_INPUT', 'input.familyContact.email'],
    [
      'EMAIL preferred without an email',
      { familyContact: { name: 'A', phone: '3135550000', preferredChannel: 'EMAIL' } },
      'BAD_USER_INPUT',
      'input.familyContact.preferredChannel',
    ],
    ['a blank name', { familyContact: { name: '  ', phone: '3135550000' } }, 'BAD_USER_INPUT', 'input.familyContact.name'],
    ['a need of 2001 characters', { need: 'x'.repeat(2001) }, 'BAD_USER_INPUT', 'input.need'],
    ['an empty need', { need: ' ' }, 'BAD_USER_INPUT', 'input.need'],
    ['notes of 2001 characters', { notes: 'x'.repeat(2001) }, 'BAD_USER_INPUT', 'input.notes'],
    ['a bad ZIP', { zip: '4820' }, 'BAD_USER_INPUT', 'input.zip'],
    [
      'consent given in the future',
      { consent: consent({ givenAt: '2027-01-01T00:00:00.000Z' }) },
      'BAD_USER_INPUT',
      'input.consent.givenAt',
    ],
    ['consent covering nothing', { consent: consent({ covers: [] }) }, 'BAD_USER_INPUT', 'input.consent.covers'],
    [
      'consent expiring before given',
      { consent: consent({ expiresAt: '2025-01-01T00:00:00.000Z' }) },
      'BAD_USER_INPUT',
      'input.consent.expiresAt',
    ],
  ])('refuses %s with %s naming %s, writing nothing', async (_name, extra, code, field) => {
    const before = await counts();
    const out = await sg.exec(CREATE, { input: contactInput(extra) }, sender);
    expect(codesOf(out)).toEqual([code]);
    expect(out.errors![0].extensions!.field).toBe(field);
    expect(await counts()).toEqual(before);
  });

  it('fails closed, writing nothing, when the students service cannot be asked', async () => {
    const down = await testing.createTestSubgraph(referrals, { peers: { resources: res, students: 'down' } });
    try {
      const out = await down.exec(CREATE, { input: contactInput({ familyContact: null, studentId: universe.students[0].id }) }, sender);
      expect(codesOf(out)).toEqual(['INTERNAL_SERVER_ERROR']);
      expect(await down.em().count(Referral, {})).toBe(0);
    } finally {
      await down.close();
    }
  });

  it('refuses a second open referral of the same family to the same service within 30 days, naming the first, unless linked', async () => {
    const input = contactInput({ familyContact: { name: 'Lee Family', email: 'Lee@Example.org' } });
    const first = (await sg.exec(CREATE, { input }, sender)).data.createReferral;
    const before = await counts();
    const again = await sg.exec(CREATE, { input: { ...input, familyContact: { name: 'Lee', email: 'lee@example.org' } } }, sender);
    expect(codesOf(again)).toEqual(['CONFLICT']);
    expect(again.errors![0].extensions!.existingReferralId).toBe(first.id);
    expect(await counts()).toEqual(before);
    const linked = await sg.exec(CREATE, { input: { ...input, linkToExisting: true } }, sender);
    expect(linked.data.createReferral).toMatchObject({ linkKind: 'DUPLICATE', linkedReferral: { id: first.id } });
  });

  it('needs an override with a reason for a service whose intake is CLOSED', async () => {
    const provider = staffOf(target.organizationId);
    const set = `mutation($id: ID!, $s: IntakeStatus!) { setServiceIntake(id: $id, intakeStatus: $s) { id intakeStatus } }`;
    expect((await res.exec(set, { id: target.id, s: 'CLOSED' }, provider)).data.setServiceIntake.intakeStatus).toBe('CLOSED');
    // Not the provider's service: the same NOT_FOUND as an unknown one.
    expect(codesOf(await res.exec(set, { id: target.id, s: 'OPEN' }, sender))).toEqual(['NOT_FOUND']);
    try {
      const before = await counts();
      const refused = await sg.exec(CREATE, { input: contactInput() }, sender);
      expect(codesOf(refused)).toEqual(['CONFLICT']);
      expect(refused.errors![0].extensions).toMatchObject({ field: 'input.overrideClosedIntake', intakeStatus: 'CLOSED' });
      expect(await counts()).toEqual(before);
      const q = `mutation($input: CreateReferralInput!) { createReferral(input: $input) { id intakeOverrideReason } }`;
      const ok = await sg.exec(q, { input: contactInput({ overrideClosedIntake: { reason: 'Family in crisis' } }) }, sender);
      expect(ok.data.createReferral.intakeOverrideReason).toBe('Family in crisis');
    } finally {
      await res.exec(set, { id: target.id, s: 'OPEN' }, provider);
    }
  });

  it('redirects to another published service, creating the linked follow-on referral in the same transaction', async () => {
    const made = (await sg.exec(CREATE, { input: contactInput() }, sender)).data.createReferral;
    const before = await counts();
    const bad = await sg.exec(UPDATE, { id: made.id, status: 'REDIRECTED', v: 1, to: hidden.id }, receiver);
    expect(codesOf(bad)).toEqual(['NOT_FOUND']);
    expect(bad.errors![0].extensions!.field).toBe('redirectServiceId');
    expect(await counts()).toEqual(before);
    const out = await sg.exec(UPDATE, { id: made.id, status: 'REDIRECTED', v: 1, to: other.id }, receiver);
    expect(out.data.updateReferralStatus).toMatchObject({ status: 'REDIRECTED', version: 2, redirectedToService: { id: other.id } });
    const followOn = await sg.em().findOneOrFail(Referral, { linkedReferralId: made.id });
    expect(followOn).toMatchObject({
      status: 'SENT',
      fromOrganizationId: target.organizationId,
      toOrganizationId: other.organizationId,
      serviceId: other.id,
      linkKind: 'REDIRECT',
    });
    expect(await counts()).toEqual({ referrals: before.referrals + 1, history: before.history + 2 });
  });

  it('keeps a comment thread both organisations read, and nobody else may write to', async () => {
    const made = (await sg.exec(CREATE, { input: contactInput() }, sender)).data.createReferral;
    const add = `mutation($id: ID!, $b: String!) { addReferralComment(referralId: $id, body: $b) { id body authorOrganization { id } } }`;
    expect((await sg.exec(add, { id: made.id, b: ' Called once. ' }, receiver)).data.addReferralComment.body).toBe('Called once.');
    expect((await sg.exec(add, { id: made.id, b: 'Thanks' }, sender)).errors).toBeUndefined();
    const before = await sg.em().count(ReferralComment, {});
    expect(codesOf(await sg.exec(add, { id: made.id, b: 'Hi' }, bystander))).toEqual(['NOT_FOUND']);
    const empty = await sg.exec(add, { id: made.id, b: '  ' }, sender);
    expect(empty.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'body' });
    expect(await sg.em().count(ReferralComment, {})).toBe(before);
    const thread = `query($id: ID!) { referral(id: $id) { comments { body authorOrganization { id } } } }`;
    // Both written at the same pinned instant: the order between them is by id.
    const got = (await sg.exec(thread, { id: made.id }, sender)).data.referral.comments;
    expect(got).toHaveLength(2);
    expect(got).toEqual(
      expect.arrayContaining([
        { body: 'Called once.', authorOrganization: { id: target.organizationId } },
        { body: 'Thanks', authorOrganization: { id: senderOrg } },
      ]),
    );
  });

  it('lists the overdue ones for the receiver and the hub operator, and the sweep expires them with history', async () => {
    const made = (await sg.exec(CREATE, { input: contactInput() }, sender)).data.createReferral;
    const overdue = `{ overdueReferrals(first: 100) { totalCount edges { node { id escalated toOrganization { id } referral { id } } } } }`;
    const ids = async (viewer: any) => (await sg.exec(overdue, {}, viewer)).data.overdueReferrals.edges.map((e: any) => e.node.id);
    expect(await ids(receiver)).not.toContain(made.id);
    setClock(() => addBusinessDays(new Date('2026-01-07T12:00:00.000Z'), 2));
    try {
      expect(await ids(receiver)).toContain(made.id);
      expect(await ids(sender)).not.toContain(made.id); // the sender's list is its own inbox
      const admin = testing.viewerFor('cec_admin');
      const asAdmin = (await sg.exec(overdue, {}, admin)).data.overdueReferrals.edges.find((e: any) => e.node.id === made.id).node;
      expect(asAdmin).toEqual({ id: made.id, escalated: false, toOrganization: { id: target.organizationId }, referral: null });
      const list = `{ referrals(direction: RECEIVED, overdue: true, first: 100) { totalCount edges { node { id overdue } } } }`;
      expect((await sg.exec(list, {}, receiver)).data.referrals.edges.map((e: any) => e.node.id)).toContain(made.id);
      expect(codesOf(await sg.exec('mutation { expireOverdueReferrals { expired } }', {}, receiver))).toEqual(['FORBIDDEN']);
      const swept = await sg.exec('mutation { expireOverdueReferrals { expired at } }', {}, admin);
      expect(swept.data.expireOverdueReferrals.expired).toBeGreaterThan(0);
      const row = await sg.em().findOneOrFail(Referral, { id: made.id });
      expect([row.status, row.version]).toEqual(['EXPIRED', 2]);
      const history = await sg.em().find(ReferralStatusChange, { referral: made.id }, { orderBy: { changedAt: 'asc' } });
      expect(history.map((h) => [h.fromStatus, h.toStatus])).toEqual([
        [null, 'SENT'],
        ['SENT', 'EXPIRED'],
      ]);
      expect(await ids(receiver)).not.toContain(made.id);
    } finally {
      setClock(() => new Date('2026-01-07T12:00:00.000Z'));
    }
  });
});
