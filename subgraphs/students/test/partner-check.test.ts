import * as testing from '@c2c/testing';
import { consentIsActive, grantsPartnerAccess, partnerBasis, ProgramParticipation } from '@c2c/students';
import { NOW } from './fixtures';

/**
 * The partner check on its own, on rows built here: it must hold even for a caller that
 * hands it participations of every organisation (the loaders happen to pre-filter today).
 */
describe('students subgraph: the partner check', () => {
  const ORG = '11111111-1111-4111-8111-111111111111';
  const OTHER = '22222222-2222-4222-8222-222222222222';
  const STAFF = '33333333-3333-4333-8333-333333333333';
  const COLLEAGUE = '44444444-4444-4444-8444-444444444444';
  const participation = (over: Partial<ProgramParticipation>) =>
    Object.assign(new ProgramParticipation(), {
      organizationId: ORG,
      programName: 'Afterschool Program',
      startDate: '2026-09-10',
      endDate: null,
      consentGivenAt: new Date('2026-09-02T15:00:00.000Z'),
      consentExpiresAt: new Date('2027-08-31T23:59:59.000Z'),
      consentRevokedAt: null,
      consentGivenBy: 'A Parent (parent/guardian)',
      assignedStaffIds: [STAFF],
      ...over,
    });
  // Bound, as the server binds a token, to the staff record the caseload names.
  const staff = { ...testing.viewerFor('partner_staff', ORG), staffId: STAFF };

  it('grants access through an active, consented participation of the viewer’s own organisation only', () => {
    expect(grantsPartnerAccess(staff, participation({}), NOW)).toBe(true);
    expect(grantsPartnerAccess(staff, participation({ organizationId: OTHER }), NOW)).toBe(false);
    expect(grantsPartnerAccess(testing.viewerFor('partner_staff', OTHER), participation({}), NOW)).toBe(false);
    expect(grantsPartnerAccess(testing.viewerFor('partner_staff'), participation({}), NOW)).toBe(false);
    expect(grantsPartnerAccess({ ...testing.viewerFor('cec_admin'), org: ORG }, participation({}), NOW)).toBe(false);
  });

  it.each([
    ['consent never given', { consentGivenAt: null }],
    ['consent given later', { consentGivenAt: new Date(NOW.getTime() + 1000) }],
    ['consent revoked', { consentRevokedAt: new Date('2026-10-01T00:00:00.000Z') }],
    ['consent expired', { consentExpiresAt: NOW }],
    ['participation not started', { startDate: '2026-11-21' }],
    ['participation ended', { endDate: '2026-11-19' }],
    ['the participation is on a colleague’s caseload only', { assignedStaffIds: [COLLEAGUE] }],
    ['the participation is on nobody’s caseload', { assignedStaffIds: [] }],
  ] as [string, Partial<ProgramParticipation>][])('refuses when %s', (_why, over) => {
    expect(grantsPartnerAccess(staff, participation(over), NOW)).toBe(false);
  });

  it('narrows staff to their caseload by the bound staff record; a partner administrator has every participant', () => {
    const unbound = testing.viewerFor('partner_staff', ORG);
    expect(unbound.staffId).toBeUndefined();
    expect(grantsPartnerAccess(unbound, participation({}), NOW)).toBe(false);
    expect(grantsPartnerAccess({ ...staff, staffId: COLLEAGUE }, participation({ assignedStaffIds: [STAFF, COLLEAGUE] }), NOW)).toBe(true);
    const admin = testing.viewerFor('partner_admin', ORG);
    expect(admin.roles).toEqual(['partner_admin', 'partner_staff']);
    expect(grantsPartnerAccess(admin, participation({ assignedStaffIds: [] }), NOW)).toBe(true);
    // The administrator's reach is still its own organisation's active, consented participations.
    expect(grantsPartnerAccess(admin, participation({ organizationId: OTHER }), NOW)).toBe(false);
    expect(grantsPartnerAccess(admin, participation({ consentRevokedAt: NOW }), NOW)).toBe(false);
    // A partner_admin claim without partner_staff (never produced by a verified token) grants nothing.
    expect(grantsPartnerAccess({ ...admin, roles: ['partner_admin'] }, participation({}), NOW)).toBe(false);
  });

  it('still grants on the last day of participation, and with consent that never lapses', () => {
    expect(grantsPartnerAccess(staff, participation({ endDate: '2026-11-20' }), NOW)).toBe(true);
    expect(consentIsActive(participation({ consentExpiresAt: null }), NOW)).toBe(true);
  });

  it('names the earliest-started qualifying participation as the basis, ignoring ones that do not qualify', () => {
    const late = participation({ id: 'b', startDate: '2026-09-20' });
    const early = participation({ id: 'c', startDate: '2026-09-05' });
    const otherOrg = participation({ id: 'a', organizationId: OTHER, startDate: '2026-09-01' });
    const revoked = participation({ id: 'd', startDate: '2026-09-02', consentRevokedAt: NOW });
    expect(partnerBasis(staff, [late, otherOrg, revoked, early], NOW)).toBe(early);
    expect(partnerBasis(staff, [otherOrg, revoked], NOW)).toBeNull();
  });
});
