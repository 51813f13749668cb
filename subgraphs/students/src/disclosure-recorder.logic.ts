import { randomUUID } from 'node:crypto';
import type { HubContext } from '@c2c/kernel';
import { now } from './clock.logic';
import { Disclosure } from './disclosure.entity';
import type { ProgramParticipation } from './program-participation.entity';

/** The student's key is what the partner asked with: returning it discloses nothing. */
const NOT_A_DISCLOSURE = new Set(['id']);

interface Pending {
  fields: Set<string>;
  basis: string;
}

/** Per-request collectors; keyed by the context object so they end with the request. */
const pending = new WeakMap<HubContext, Map<string, Pending>>();

/**
 * Notes that the partner read `field` of `studentId` under `basis` and the agreement `agreementId`. The first note of a
 * request registers one after-response hook that writes every student's row in one insert,
 * so auditing costs one statement per request however many students were read.
 */
export function recordDisclosure(ctx: HubContext, studentId: string, field: string, basis: ProgramParticipation, agreementId: string) {
  if (NOT_A_DISCLOSURE.has(field)) return;
  let byStudent = pending.get(ctx);
  if (!byStudent) {
    byStudent = new Map();
    pending.set(ctx, byStudent);
    const collected = byStudent;
    ctx.after.push(() => writeDisclosures(ctx, collected));
  }
  let entry = byStudent.get(studentId);
  if (!entry) byStudent.set(studentId, (entry = { fields: new Set(), basis: `participation:${basis.id} agreement:${agreementId}` }));
  entry.fields.add(field);
}

async function writeDisclosures(ctx: HubContext, byStudent: Map<string, Pending>) {
  pending.delete(ctx);
  if (!byStudent.size) return;
  const at = now();
  const { viewer } = ctx;
  // Identical requests that shared this one's execution (kernel request-sharing.ts) got the same
  // answer: each is a disclosure of its own, written in the same insert.
  const rows = [ctx.requestId, ...(ctx.sharedWith ?? [])].flatMap((requestId) =>
    [...byStudent].map(([studentId, { fields, basis }]) => ({
      id: randomUUID(),
      viewerSub: viewer.sub ?? 'unknown',
      viewerOrganizationId: viewer.org ?? null,
      viewerRoles: [...viewer.roles],
      studentId,
      fields: [...fields].sort(),
      basis,
      requestId,
      createdAt: at,
    })),
  );
  // Plain rows, not entities: a native multi-row insert, whatever MikroORM's batch size.
  await ctx.em.insertMany(Disclosure, rows);
}
