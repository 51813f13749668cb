import { allow, allowAll, hasAnyRole, hasRole, type Viewer } from '@c2c/kernel';

/**
 * Reads are open to everyone at the field level: which rows a viewer sees is decided by
 * `serviceVisibility` in the resolvers, because a rule on a field cannot hide a row.
 * Writes need a role here, and the organisation check in the resolver (`mayManageServicesOf`),
 * because the organisation comes from the arguments or the stored row.
 */
// One rule instance for both mutations: graphql-shield rejects two rules with the same name.
const canManageServices = hasAnyRole('partner_staff', 'cec_admin');

export const serviceRules = {
  Query: {
    services: allow,
    service: allow,
    searchServices: allow,
    taxonomyTerms: allow,
    taxonomyTerm: allow,
    // Row visibility is the service's, checked in the resolvers.
    serviceAtLocation: allow,
    location: allow,
    // Crosswalks are as public as the taxonomy they map.
    taxonomyMappings: allow,
    taxonomies: allow,
    // Counts of public listings, but a planning tool: for people working in the collaborative.
    serviceGaps: hasAnyRole('cec_admin', 'district_admin', 'evaluator', 'partner_staff'),
  },
  Mutation: {
    createService: canManageServices,
    updateService: canManageServices,
    upsertServices: canManageServices,
    upsertTaxonomyTerms: hasAnyRole('cec_admin'),
    setTaxonomyMappings: hasAnyRole('cec_admin'),
    upsertTaxonomies: hasAnyRole('cec_admin'),
    setServiceIntake: hasAnyRole('partner_staff'),
  },
  Service: allow,
  Organization: allow,
  ...allowAll(
    'ServiceConnection',
    'ServiceEdge',
    'ServiceSearchResult',
    'ServiceSearchEdge',
    'TaxonomyFacet',
    'ServiceGap',
    'TaxonomyTerm',
    'Location',
    'ServiceAtLocation',
    'TaxonomyMapping',
    'Taxonomy',
    'TaxonomyCrosswalkResult',
    'Schedule',
    'ServiceArea',
    'ServicePhone',
    'ServiceContact',
    'CostOption',
    'Funding',
    'Program',
    'RequiredDocument',
    'ServiceLanguage',
    'Accessibility',
    'UpsertBatchResult',
    'UpsertRecordResult',
    'RecordError',
  ),
};

/** Hub operators manage every organisation's services; partner staff only their own. */
export function mayManageServicesOf(viewer: Viewer, organizationId: string): boolean {
  if (hasRole(viewer, 'cec_admin')) return true;
  return hasRole(viewer, 'partner_staff') && !!viewer.org && viewer.org.toLowerCase() === organizationId.toLowerCase();
}
