import { allow, allowAll } from '@c2c/kernel';

/** The public profile is readable by anyone, anonymous callers and embed clients included. */
export const organizationRules = {
  Query: { organizations: allow, organization: allow },
  Organization: allow,
  ...allowAll('OrganizationConnection', 'OrganizationEdge'),
};
