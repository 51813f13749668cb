import { allow, allowAll, hasAnyRole, isAuthenticated, isStaffOf, or } from '@c2c/kernel';

const cecAdmin = hasAnyRole('cec_admin');
/** Private organisation fields: hub operators and the organisation's own staff. */
const ownOrAdmin = or(
  cecAdmin,
  isStaffOf('OrganizationPrivate', (o: { id: string }) => o.id),
);

/** The public profile is readable by anyone, anonymous callers and embed clients included; the private fields are not. */
export const organizationRules = {
  Query: { organizations: allow, organization: allow },
  Mutation: {
    createOrganization: cecAdmin,
    upsertOrganizations: cecAdmin,
    // The resolver decides between hub operators and the organisation's own staff (and which fields).
    updateOrganization: isAuthenticated,
  },
  Organization: { '*': allow, legalName: ownOrAdmin, contactName: ownOrAdmin, contactEmail: ownOrAdmin, contactPhone: ownOrAdmin },
  ...allowAll(
    'OrganizationConnection',
    'OrganizationEdge',
    'OrganizationUpsertResult',
    'OrganizationUpsertRecord',
    'OrganizationUpsertError',
  ),
};
