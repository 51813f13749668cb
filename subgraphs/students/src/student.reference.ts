import type { HubContext } from '@c2c/kernel';
import { readableStudent } from './student.access';

/**
 * `_entities` for Student: the same row check as `student(id)`, batched, because a
 * representation can be sent straight to this subgraph naming any id. A refused student
 * is a FORBIDDEN error in its place, never data; an unknown one is null.
 */
export const studentReference = {
  Student: {
    __resolveReference: (ref: { id: string }, ctx: HubContext) => readableStudent(ctx, ref.id),
  },
};
