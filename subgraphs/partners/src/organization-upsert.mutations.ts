import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { raw } from '@mikro-orm/core';
import { badInput, conflict, isUuid, normalizeId, type HubContext } from '@c2c/kernel';
import { GraphQLError } from 'graphql';
import { Organization } from './organization.entity';
import { clean } from './organization.mutations';
import {
  OrganizationUpsertError,
  OrganizationUpsertInput,
  OrganizationUpsertOutcome,
  OrganizationUpsertRecord,
  OrganizationUpsertResult,
} from './organization-upsert.types';
import { Sector } from './sector.enum';

export const MAX_ORGANIZATION_BATCH = 200;
/** The public-profile fields an HSDS organization carries; a re-import compares exactly these. */
const HSDS_FIELDS = [
  'name',
  'description',
  'street',
  'city',
  'state',
  'zip',
  'latitude',
  'longitude',
  'website',
  'phone',
  'email',
] as const;

const asError = (err: unknown): OrganizationUpsertError => {
  if (err instanceof GraphQLError && typeof err.extensions.code === 'string') {
    const field = typeof err.extensions.field === 'string' ? err.extensions.field.replace(/^input\./, '') : null;
    return { code: err.extensions.code, field, message: err.message };
  }
  throw err;
};

@Resolver(() => Organization)
export class OrganizationUpsertMutations {
  @Mutation(() => OrganizationUpsertResult, {
    description: `Creates or updates organisations by id (hub operators only; at most ${MAX_ORGANIZATION_BATCH}), e.g. from an HSDS import. Each record is checked on its own: a refused one writes nothing and names the field at fault (a name another organisation has is CONFLICT); the rest are written in one transaction. A record identical to what is stored writes nothing (UNCHANGED), so repeating a batch changes nothing.`,
  })
  async upsertOrganizations(
    @Arg('input', () => [OrganizationUpsertInput], { description: 'The records.' }) input: OrganizationUpsertInput[],
    @Ctx() ctx: HubContext,
  ): Promise<OrganizationUpsertResult> {
    if (input.length > MAX_ORGANIZATION_BATCH) throw badInput(`at most ${MAX_ORGANIZATION_BATCH} records per batch`, { field: 'input' });
    const records: OrganizationUpsertRecord[] = [];
    await ctx.em.transactional(async (em) => {
      const ids = input.map((r) => normalizeId(r.id ?? '')).filter(isUuid);
      // Read outside the identity map: only the rows this batch creates or changes are written
      // (a loaded, unchanged row would otherwise be flushed with a new updated_at on SQLite).
      const unmanaged = { disableIdentityMap: true } as const;
      const stored = new Map(
        (ids.length ? await em.find(Organization, { id: { $in: [...new Set(ids)] } }, unmanaged) : []).map((o) => [o.id, o]),
      );
      // Every name of the batch against the hub's, in one statement.
      const wanted = [
        ...new Set(
          input
            .map((r) =>
              String(r.name ?? '')
                .trim()
                .toLowerCase(),
            )
            .filter(Boolean),
        ),
      ];
      const holders = new Map(
        (wanted.length
          ? await em.find(
              Organization,
              { [raw((a) => `lower(${a}.name) in (${wanted.map(() => '?').join(', ')})`, wanted)]: [] },
              { ...unmanaged, fields: ['id', 'name'] },
            )
          : []
        ).map((o) => [o.name.toLowerCase(), o.id]),
      );
      const seen = new Set<string>();
      const names = new Map<string, string>();
      for (const [index, r] of input.entries()) {
        const id = normalizeId(r.id ?? '');
        const fail = (e: OrganizationUpsertError) =>
          records.push({ index, id: String(r.id ?? ''), outcome: OrganizationUpsertOutcome.FAILED, errors: [e] });
        try {
          if (!isUuid(id)) throw badInput('id must be a UUID', { field: 'id' });
          if (seen.has(id)) throw badInput('the same id appears twice in the batch', { field: 'id' });
          if (!r.name?.trim()) throw badInput('name is required', { field: 'name' });
          const { sector, ...profile } = r;
          const values = clean({ ...Object.fromEntries(HSDS_FIELDS.map((k) => [k, profile[k] ?? null])), name: r.name });
          const lower = String(values.name).toLowerCase();
          if (names.has(lower) && names.get(lower) !== id) throw badInput('another record of the batch has this name', { field: 'name' });
          const holder = holders.get(lower);
          if (holder && holder !== id) throw conflict('Another organisation has this name', { field: 'name' });
          seen.add(id);
          names.set(lower, id);
          const existing = stored.get(id);
          if (!existing) {
            em.create(Organization, { id, imperatives: [], sector: sector ?? Sector.COMMUNITY_ORGANIZATION, ...values } as any);
            records.push({ index, id, outcome: OrganizationUpsertOutcome.CREATED, errors: [] });
            continue;
          }
          const changes = { ...values, ...(sector ? { sector } : {}) } as Record<string, unknown>;
          const differs = Object.entries(changes).some(([k, v]) => ((existing as any)[k] ?? null) !== (v ?? null));
          if (!differs) {
            records.push({ index, id, outcome: OrganizationUpsertOutcome.UNCHANGED, errors: [] });
            continue;
          }
          await em.nativeUpdate(Organization, { id }, { ...changes, updatedAt: new Date() });
          records.push({ index, id, outcome: OrganizationUpsertOutcome.UPDATED, errors: [] });
        } catch (err) {
          fail(asError(err));
        }
      }
      await em.flush();
    });
    const count = (o: OrganizationUpsertOutcome) => records.filter((r) => r.outcome === o).length;
    return {
      created: count(OrganizationUpsertOutcome.CREATED),
      updated: count(OrganizationUpsertOutcome.UPDATED),
      unchanged: count(OrganizationUpsertOutcome.UNCHANGED),
      failed: count(OrganizationUpsertOutcome.FAILED),
      records,
    };
  }
}
