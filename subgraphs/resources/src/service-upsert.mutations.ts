import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { badInput, type HubContext, isUuid, normalizeId, unknownOrganizations } from '@c2c/kernel';
import { GraphQLError } from 'graphql';
import { checkRecord, fingerprint, storedRecords, writeRecord, type CheckedRecord } from './service-upsert.logic';
import { TaxonomyTermInput, UpsertServiceInput } from './service-upsert.input';
import { Program } from './program.entity';
import { mayManageServicesOf } from './service.rules';
import { TaxonomyTerm } from './taxonomy-term.entity';
import { taxonomyIndex } from './taxonomy.loaders';
import { loadCrosswalk } from './taxonomy-mapping.logic';

import { RecordError, UpsertBatchResult, UpsertOutcome, UpsertRecordResult } from './upsert-result.types';

export const MAX_BATCH = 200;

const asRecordError = (err: unknown): RecordError => {
  if (err instanceof GraphQLError && typeof err.extensions.code === 'string') {
    return { code: err.extensions.code, field: (err.extensions.field as string) ?? null, message: err.message };
  }
  throw err;
};

export function summarise(records: UpsertRecordResult[]): UpsertBatchResult {
  const n = (o: UpsertOutcome) => records.filter((r) => r.outcome === o).length;
  return {
    created: n(UpsertOutcome.CREATED),
    updated: n(UpsertOutcome.UPDATED),
    unchanged: n(UpsertOutcome.UNCHANGED),
    failed: n(UpsertOutcome.FAILED),
    records,
  };
}

@Resolver()
export class ServiceUpsertResolver {
  @Mutation(() => UpsertBatchResult, {
    description: `Creates or replaces whole service records by id (at most ${MAX_BATCH}), e.g. from an HSDS import. Each record is checked on its own: a refused record writes nothing and is reported with the field at fault; the others are written together in one transaction. A record identical to what is stored writes nothing (UNCHANGED), so repeating a batch changes nothing. Partner staff may write only their own organisation's services; hub operators any.`,
  })
  async upsertServices(
    @Arg('input', () => [UpsertServiceInput], { description: 'The records.' }) input: UpsertServiceInput[],
    @Ctx() ctx: HubContext,
  ) {
    if (input.length > MAX_BATCH) throw badInput(`at most ${MAX_BATCH} records per batch`, { field: 'input' });
    const [terms, crosswalk] = await Promise.all([taxonomyIndex(ctx), loadCrosswalk(ctx.em)]);
    const checked: (CheckedRecord | RecordError)[] = input.map((record) => {
      try {
        const organizationId = normalizeId(record.organizationId ?? '');
        // Authorisation first, so callers learn nothing about records they may not send.
        if (!mayManageServicesOf(ctx.viewer, organizationId))
          return { code: 'FORBIDDEN', field: 'organizationId', message: 'Partner staff may only write their own organisation’s services' };
        return checkRecord(record, terms, crosswalk);
      } catch (err) {
        return asRecordError(err);
      }
    });
    // Every organisation named must exist in partners: asked once for the batch, before anything is written.
    const unknown = await unknownOrganizations(
      ctx,
      checked.filter((c): c is CheckedRecord => 'service' in c).map((c) => c.service.organizationId),
    );
    checked.forEach((c, i) => {
      if ('service' in c && unknown.has(c.service.organizationId))
        checked[i] = { code: 'BAD_USER_INPUT', field: 'organizationId', message: `no organisation ${c.service.organizationId} in the hub` };
    });
    const ids = checked.filter((c): c is CheckedRecord => 'service' in c).map((c) => c.id);
    const seen = new Set<string>();
    const records: UpsertRecordResult[] = [];
    const programIds = [...new Set(checked.flatMap((c) => ('service' in c && c.program ? [c.program.id] : [])))];
    const shared = new Set<string>();
    await ctx.em.transactional(async (em) => {
      const stored = ids.length ? await storedRecords(em, [...new Set(ids)]) : new Map();
      const programOwners = new Map(
        (programIds.length ? await em.find(Program, { id: { $in: programIds } }, { disableIdentityMap: true }) : []).map((p) => [
          p.id,
          p.organizationId,
        ]),
      );
      for (const [index, c] of checked.entries()) {
        const id = String(input[index].id ?? '');
        if (!('service' in c)) {
          records.push({ index, id, outcome: UpsertOutcome.FAILED, errors: [c] });
          continue;
        }
        if (seen.has(c.id)) {
          records.push({
            index,
            id,
            outcome: UpsertOutcome.FAILED,
            errors: [{ code: 'CONFLICT', field: 'id', message: 'the same id appears twice in the batch' }],
          });
          continue;
        }
        seen.add(c.id);
        const existing = stored.get(c.id);
        if (existing && !mayManageServicesOf(ctx.viewer, existing.service.organizationId)) {
          records.push({
            index,
            id,
            outcome: UpsertOutcome.FAILED,
            // The same answer whether the service is published or hidden: whose it is, and whether
            // it is visible at all, is not told. (A client-chosen id is taken or free; that much is unavoidable.)
            errors: [{ code: 'CONFLICT', field: 'id', message: 'This id is already in use: choose another id' }],
          });
          continue;
        }
        const owner = c.program && programOwners.get(c.program.id);
        if (owner && owner !== c.service.organizationId) {
          records.push({
            index,
            id,
            outcome: UpsertOutcome.FAILED,
            // A programme is its organisation's: another's may not be renamed or joined (nor told apart from a taken id).
            errors: [{ code: 'CONFLICT', field: 'program.id', message: 'This programme id is already in use: choose another id' }],
          });
          continue;
        }
        if (existing && existing.fingerprint === fingerprint(c)) {
          records.push({ index, id, outcome: UpsertOutcome.UNCHANGED, errors: [] });
          continue;
        }
        await writeRecord(em, c, existing?.service, terms, shared);
        if (c.program && !programOwners.has(c.program.id)) programOwners.set(c.program.id, c.service.organizationId);
        records.push({ index, id, outcome: existing ? UpsertOutcome.UPDATED : UpsertOutcome.CREATED, errors: [] });
      }
      await em.flush();
    });
    return summarise(records);
  }

  @Mutation(() => UpsertBatchResult, {
    description: `Creates or replaces taxonomy terms by id (hub operators only; at most ${MAX_BATCH}). A parent must exist or come in the same batch; a term whose parent is unknown is refused. Identical terms are UNCHANGED.`,
  })
  async upsertTaxonomyTerms(
    @Arg('input', () => [TaxonomyTermInput], { description: 'The terms.' }) input: TaxonomyTermInput[],
    @Ctx() ctx: HubContext,
  ) {
    if (input.length > MAX_BATCH) throw badInput(`at most ${MAX_BATCH} terms per batch`, { field: 'input' });
    const index = await taxonomyIndex(ctx);
    const batchIds = new Set(input.map((t) => normalizeId(t.id ?? '')));
    const records: UpsertRecordResult[] = [];
    await ctx.em.transactional(async (em) => {
      const byCode = new Map(index.terms.map((t) => [t.code, t.id]));
      type Data = { code: string; name: string; description: string | null; parentId: string | null; taxonomy: string };
      const accepted = new Map<string, { index: number; rawId: string; data: Data }>();
      for (const [i, t] of input.entries()) {
        const id = normalizeId(t.id ?? '');
        const fail = (field: string, message: string, code = 'BAD_USER_INPUT') =>
          records.push({ index: i, id: String(t.id), outcome: UpsertOutcome.FAILED, errors: [{ code, field, message }] });
        const name = t.name?.trim() ?? '';
        const code = (t.code?.trim() || id).slice(0, 200);
        const parentId = t.parentId ? normalizeId(t.parentId) : null;
        if (!isUuid(id)) fail('id', 'id must be a UUID');
        else if (accepted.has(id)) fail('id', 'id appears twice in the batch');
        else if (!name || name.length > 200) fail('name', 'name must be 1–200 characters');
        else if (code.length > 100) fail('code', 'code must be at most 100 characters');
        else if (byCode.has(code) && byCode.get(code) !== id) fail('code', `code ${code} belongs to another term`, 'CONFLICT');
        else if (parentId && (parentId === id || (!index.byId.has(parentId) && !batchIds.has(parentId))))
          fail('parentId', 'parentId is not a known term');
        else if ((t.description?.length ?? 0) > 2000 || (t.taxonomy?.length ?? 0) > 100)
          fail(t.taxonomy && t.taxonomy.length > 100 ? 'taxonomy' : 'description', 'too long');
        else {
          byCode.set(code, id);
          accepted.set(id, {
            index: i,
            rawId: String(t.id),
            data: { code, name, description: t.description?.trim() || null, parentId, taxonomy: t.taxonomy?.trim() || 'c2c' },
          });
        }
      }
      // A parent that comes in the batch must itself be written: a child of a refused term is
      // refused too (and so on down), so no stored term ever names a parent that does not exist.
      for (let changed = true; changed;) {
        changed = false;
        for (const [id, a] of accepted) {
          const parentId = a.data.parentId;
          if (!parentId || index.byId.has(parentId) || accepted.has(parentId)) continue;
          accepted.delete(id);
          records.push({
            index: a.index,
            id: a.rawId,
            outcome: UpsertOutcome.FAILED,
            errors: [{ code: 'BAD_USER_INPUT', field: 'parentId', message: 'parentId names a term of this batch that was refused' }],
          });
          changed = true;
        }
      }
      for (const [id, { index: i, rawId, data }] of accepted) {
        const existing = index.byId.get(id);
        if (
          existing &&
          existing.code === data.code &&
          existing.name === data.name &&
          (existing.description ?? null) === data.description &&
          (existing.parentId ?? null) === data.parentId &&
          existing.taxonomy === data.taxonomy
        ) {
          records.push({ index: i, id: rawId, outcome: UpsertOutcome.UNCHANGED, errors: [] });
          continue;
        }
        // Imperative top terms keep their imperative; imported terms never get one.
        await em.upsert(TaxonomyTerm, { id, ...data, imperative: existing?.imperative ?? null });
        records.push({ index: i, id: rawId, outcome: existing ? UpsertOutcome.UPDATED : UpsertOutcome.CREATED, errors: [] });
      }
    });
    records.sort((a, b) => a.index - b.index);
    return summarise(records);
  }
}
