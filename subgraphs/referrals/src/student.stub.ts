import { entityStub, type EntityKey } from '@c2c/kernel';

/** The student a referral is about: only its key here, so nothing about the student is disclosed by this subgraph. */
export const Student = entityStub('Student', { resolvable: false });
export type Student = EntityKey;
