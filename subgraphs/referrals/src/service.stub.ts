import { entityStub, type EntityKey } from '@c2c/kernel';

/** The service a referral is sent to: only its key here; resources checks who may read it. */
export const Service = entityStub('Service', { resolvable: false });
export type Service = EntityKey;
