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
      ...over,
    });
  const staff = testing.viewerFor('partner_staff', ORG);

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
  ] as [string, Partial<ProgramParticipation>][])('refuses when %s', (_why, over) => {
    expect(grantsPartnerAccess(staff, participation(over), NOW)).toBe(false);
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
