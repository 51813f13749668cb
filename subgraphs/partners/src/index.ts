import 'reflect-metadata';
import path from 'node:path';
import { mergeRules, type SubgraphDefinition } from '@c2c/kernel';
import { postgresql } from './migrations/postgresql';
import { sqlite } from './migrations/sqlite';
import { Agreement } from './agreement.entity';
import { AgreementMutations } from './agreement.mutations';
import { AgreementResolver } from './agreement.resolver';
import { agreementRules } from './agreement.rules';
import { ApiClient } from './api-client.entity';
import { ApiClientMutations } from './api-client.mutations';
import { ApiClientResolver } from './api-client.resolver';
import { apiClientRules } from './api-client.rules';
import { Organization } from './organization.entity';
import { AlignmentReview, Partnership } from './partnership.entity';
import { PartnershipMutations } from './partnership.mutations';
import { PartnershipResolver } from './partnership.resolver';
import { partnershipRules } from './partnership.rules';
import { boundStaff } from './staff.access';
import { Staff } from './staff.entity';
import { StaffMutations } from './staff.mutations';
import { StaffResolver } from './staff.resolver';
import { staffRules } from './staff.rules';
import { organizationReference } from './organization.reference';
import { OrganizationMutations } from './organization.mutations';
import { OrganizationUpsertMutations } from './organization-upsert.mutations';
import { OrganizationResolver } from './organization.resolver';
import { organizationRules } from './organization.rules';

/** The partners subgraph: owner of Organization, data-sharing agreements and API clients, staff, partnerships and their alignment reviews. */
export const partners: SubgraphDefinition = {
  name: 'partners',
  // First: the demo seed loads only while this entity's table is empty.
  entities: [Organization, Agreement, ApiClient, Staff, Partnership, AlignmentReview],
  migrations: { sqlite, postgresql },
  migrationsDir: path.join(__dirname, '..', 'src', 'migrations'),
  resolvers: [
    OrganizationResolver,
    OrganizationMutations,
    OrganizationUpsertMutations,
    AgreementResolver,
    AgreementMutations,
    ApiClientResolver,
    ApiClientMutations,
    StaffResolver,
    StaffMutations,
    PartnershipResolver,
    PartnershipMutations,
  ],
  referenceResolvers: organizationReference,
  bindIdentity: async (em, viewer) => {
    const staff = await boundStaff(em, viewer);
    return staff ? { staffId: staff.id, roles: staff.roles } : null;
  },
  rules: mergeRules(organizationRules, agreementRules, apiClientRules, staffRules, partnershipRules),
};

export { Organization, Agreement, ApiClient, Staff, Partnership, AlignmentReview };
export { hashApiKey } from './api-client.entity';
export { Sector } from './sector.enum';
export { Alignment } from './alignment.enum';
export { FocusArea } from './focus-area.enum';
export { PartnershipStatus } from './partnership-status.enum';
