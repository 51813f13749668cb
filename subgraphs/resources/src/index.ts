import 'reflect-metadata';
import path from 'node:path';
import type { SubgraphDefinition } from '@c2c/kernel';
import { postgresql } from './migrations/postgresql';
import { sqlite } from './migrations/sqlite';
import { Organization } from './organization.ref';
import { organizationReference } from './organization.reference';
import { OrganizationServicesResolver } from './organization.resolver';
import { Service } from './service.entity';
import { ServiceMutationResolver } from './service.mutation';
import { serviceReference } from './service.reference';
import { ServiceResolver } from './service.resolver';
import { serviceRules } from './service.rules';
import { seedResources } from './seed';

/** The resources subgraph: owner of Service (and, later, locations, schedules, taxonomy and the HSDS feed). */
export const resources: SubgraphDefinition = {
  name: 'resources',
  defaultPort: 4002,
  entities: [Service],
  migrations: { sqlite, postgresql },
  migrationsDir: path.join(__dirname, '..', 'src', 'migrations'),
  resolvers: [ServiceResolver, ServiceMutationResolver, OrganizationServicesResolver],
  referenceResolvers: { ...serviceReference, ...organizationReference },
  rules: { ...serviceRules },
  seed: seedResources,
};

export { Organization, Service };
