import 'reflect-metadata';
import path from 'node:path';
import { mergeRules, stubReference, type SubgraphDefinition } from '@c2c/kernel';
import { postgresql } from './migrations/postgresql';
import { sqlite } from './migrations/sqlite';
import { OrganizationResolver } from './organization.resolver';
import { organizationRules } from './organization.rules';
import { Referral } from './referral.entity';
import { ReferralMutations } from './referral.mutations';
import { referralReference } from './referral.reference';
import { ReferralResolver, ReferralStatusChangeResolver } from './referral.resolver';
import { referralRules } from './referral.rules';
import { ReferralStatusChange } from './referral-status-change.entity';

/** The referrals subgraph: closed-loop referrals between organisations and their history. */
export const referrals: SubgraphDefinition = {
  name: 'referrals',
  // First: the demo seed loads only while this entity's table is empty.
  entities: [Referral, ReferralStatusChange],
  migrations: { sqlite, postgresql },
  migrationsDir: path.join(__dirname, '..', 'src', 'migrations'),
  resolvers: [ReferralResolver, ReferralMutations, ReferralStatusChangeResolver, OrganizationResolver],
  referenceResolvers: { ...referralReference, ...stubReference('Organization') },
  rules: mergeRules(referralRules, organizationRules),
};

export { Referral, ReferralStatusChange };
export { ReferralStatus } from './referral-status.enum';
