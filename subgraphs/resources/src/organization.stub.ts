import { entityStub, type EntityKey } from '@c2c/kernel';

/** An organisation as this subgraph knows it: its key, extended with its services. */
export const Organization = entityStub('Organization');
export type Organization = EntityKey;
