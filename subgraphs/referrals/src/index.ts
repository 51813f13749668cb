import 'reflect-metadata';
import path from 'node:path';
import { mergeRules, stubReference, type SubgraphDefinition } from '@c2c/kernel';
import { postgresql } from './migrations/postgresql';
import { sqlite } from './migrations/sqlite';
import { OrganizationResolver } from './organization.resolver';
import { organizationRules } from './organization.rules';
import { Referral } from './referral.entity';
import { ReferralMutations } from './referral.mutations';
import { ReferralMetricsResolver, ReferralMetricsRowResolver } from './referral-metrics.resolver';
import { referralMetricsRules } from './referral-metrics.rules';
import { referralReference } from './referral.reference';
import { OverdueReferralResolver, ReferralCommentResolver, ReferralResolver, ReferralStatusChangeResolver } from './referral.resolver';
import { ReferralComment } from './referral-comment.entity';
import { startSweep } from './referral-sweep.logic';
import { referralRules } from './referral.rules';
import { ReferralStatusChange } from './referral-status-change.entity';

/** The referrals subgraph: closed-loop referrals between organisations and their history. */
export const referrals: SubgraphDefinition = {
  name: 'referrals',
  // First: the demo seed loads only while this entity's table is empty.
  entities: [Referral, ReferralStatusChange, ReferralComment],
  migrations: { sqlite, postgresql },
  migrationsDir: path.join(__dirname, '..', 'src', 'migrations'),
  resolvers: [
    ReferralResolver,
    ReferralMutations,
    ReferralStatusChangeResolver,
    ReferralCommentResolver,
    OverdueReferralResolver,
    OrganizationResolver,
    ReferralMetricsResolver,
    ReferralMetricsRowResolver,
  ],
  // Whether a service is published and its provider; whether the caller may see a student.
  peers: ['resources', 'students'],
  background: startSweep,
  referenceResolvers: { ...referralReference, ...stubReference('Organization') },
  rules: mergeRules(referralRules, organizationRules, referralMetricsRules),
};

export { Referral, ReferralComment, ReferralStatusChange };
export { ConsentScope, ConsentMethod } from './referral-codes.enum';
export { deadlinesFor } from './referral-deadline.logic';
export { ReferralStatus } from './referral-status.enum';
