import 'reflect-metadata';
import path from 'node:path';
import type { SubgraphDefinition } from '@c2c/kernel';
import { postgresql } from './migrations/postgresql';
import { sqlite } from './migrations/sqlite';
import { organizationReference } from './organization.reference';
import { OrganizationResolver } from './organization.resolver';
import { organizationRules } from './organization.rules';
import { Referral } from './referral.entity';
import { referralReference } from './referral.reference';
import { ReferralResolver, ReferralStatusChangeResolver } from './referral.resolver';
import { referralRules } from './referral.rules';
import { ReferralStatusChange } from './referral-status-change.entity';
import { seedReferrals } from './seed';

/** The referrals subgraph: closed-loop referrals between organisations and their history. */
export const referrals: SubgraphDefinition = {
  name: 'referrals',
  defaultPort: 4003,
  // Referral first: the server seeds the demo data only while this table is empty.
  entities: [Referral, ReferralStatusChange],
  migrations: { sqlite, postgresql },
  migrationsDir: path.join(__dirname, '..', 'src', 'migrations'),
  resolvers: [ReferralResolver, ReferralStatusChangeResolver, OrganizationResolver],
  referenceResolvers: { ...referralReference, ...organizationReference },
  rules: { ...referralRules, ...organizationRules },
  seed: seedReferrals,
};

export { Referral, ReferralStatusChange };
