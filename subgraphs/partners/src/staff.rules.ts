import { allow, allowAll, forbidden, hasAnyRole, isStaffOf, or, rule, type HubContext } from '@c2c/kernel';

const cecAdmin = hasAnyRole('cec_admin');

/** The record the caller's token is matched to (`viewerStaff`). */
const isOwnRecord = rule('isOwnStaffRecord', { cache: 'no_cache' })((s: { subject: string | null }, _a, ctx: HubContext) =>
  !ctx.viewer.anonymous && !!ctx.viewer.sub && s.subject === ctx.viewer.sub ? true : forbidden(),
);

/** Staff: hub operators manage every record; partner staff read their own organisation’s; every signed-in person (not an API client) reads their own. */
export const staffRules = {
  Query: {
    staffMembers: hasAnyRole('cec_admin', 'partner_staff'),
    viewerStaff: hasAnyRole('partner_staff', 'district_sis', 'district_admin', 'cec_admin', 'evaluator'),
    viewerIdentity: hasAnyRole('partner_staff'),
    staffMemberships: hasAnyRole('partner_staff'),
  },
  Mutation: { createStaff: cecAdmin, updateStaff: cecAdmin },
  Staff: or(
    cecAdmin,
    isStaffOf('staff', (s: { organizationId: string | null }) => s.organizationId),
    isOwnRecord,
  ),
  ViewerIdentity: allow,
  StaffMembership: allow,
  ...allowAll('StaffConnection', 'StaffEdge'),
};
