import 'reflect-metadata';
import path from 'node:path';
import type { SubgraphDefinition } from '@c2c/kernel';
import { postgresql } from './migrations/postgresql';
import { sqlite } from './migrations/sqlite';
import { Agreement } from './agreement.entity';
import { AgreementResolver } from './agreement.resolver';
import { agreementRules } from './agreement.rules';
import { ApiClient } from './api-client.entity';
import { ApiClientResolver } from './api-client.resolver';
import { apiClientRules } from './api-client.rules';
import { Organization } from './organization.entity';
import { AlignmentReview, Partnership } from './partnership.entity';
import { PartnershipResolver } from './partnership.resolver';
import { partnershipRules } from './partnership.rules';
import { Staff } from './staff.entity';
import { StaffResolver } from './staff.resolver';
import { staffRules } from './staff.rules';
import { organizationReference } from './organization.reference';
import { OrganizationMutationResolver } from './organization.mutation';
import { OrganizationResolver } from './organization.resolver';
import { organizationRules } from './organization.rules';
import { seedPartners } from './seed';

/** The partners subgraph: owner of Organization, data-sharing agreements and API clients, staff, partnerships and their alignment reviews. */
export const partners: SubgraphDefinition = {
  name: 'partners',
  defaultPort: 4001,
  // Organization first: the server seeds the demo data only while its table is empty.
  entities: [Organization, Agreement, ApiClient, Staff, Partnership, AlignmentReview],
  migrations: { sqlite, postgresql },
  migrationsDir: path.join(__dirname, '..', 'src', 'migrations'),
  resolvers: [OrganizationResolver, OrganizationMutationResolver, AgreementResolver, ApiClientResolver, StaffResolver, PartnershipResolver],
  referenceResolvers: organizationReference,
  rules: {
    ...organizationRules,
    ...agreementRules,
    ...apiClientRules,
    ...staffRules,
    ...partnershipRules,
    Query: { ...organizationRules.Query, ...agreementRules.Query, ...apiClientRules.Query, ...staffRules.Query, ...partnershipRules.Query },
    Mutation: { ...organizationRules.Mutation, ...agreementRules.Mutation, ...apiClientRules.Mutation, ...staffRules.Mutation, ...partnershipRules.Mutation },
  },
  seed: seedPartners,
};

export { Organization, Agreement, ApiClient, Staff, Partnership, AlignmentReview };
export { hashApiKey } from './api-client.entity';
