import 'reflect-metadata';
import path from 'node:path';
import type { SubgraphDefinition } from '@c2c/kernel';
import { postgresql } from './migrations/postgresql';
import { sqlite } from './migrations/sqlite';
import { Organization } from './organization.entity';
import { organizationReference } from './organization.reference';
import { OrganizationResolver } from './organization.resolver';
import { organizationRules } from './organization.rules';
import { seedPartners } from './seed';

/** The partners subgraph: owner of Organization (and, later, staff, agreements and API clients). */
export const partners: SubgraphDefinition = {
  name: 'partners',
  defaultPort: 4001,
  entities: [Organization],
  migrations: { sqlite, postgresql },
  migrationsDir: path.join(__dirname, '..', 'src', 'migrations'),
  resolvers: [OrganizationResolver],
  referenceResolvers: organizationReference,
  rules: { ...organizationRules },
  seed: seedPartners,
};

export { Organization };
