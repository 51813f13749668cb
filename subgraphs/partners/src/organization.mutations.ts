import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { raw } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';
import { badInput, conflict, forbidden, hasRole, isUuid, normalizeId, notFound, type HubContext } from '@c2c/kernel';
import { Organization } from './organization.entity';
import { ADMIN_FIELDS, OrganizationUpdateInput, PROFILE_FIELDS } from './organization.input';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Checks and normalises the given fields; throws BAD_USER_INPUT naming the first one at fault. */
export function clean(input: OrganizationUpdateInput): Partial<Organization> {
  const out: Record<string, unknown> = {};
  const text = (key: keyof OrganizationUpdateInput, max: number, test?: RegExp, what?: string) => {
    const v = input[key];
    if (v === undefined) return;
    if (v === null) {
      if (key === 'name') throw badInput('name may not be removed', { field: `input.${key}` });
      out[key] = null;
      return;
    }
    const t = String(v).trim();
    if ((key === 'name' && !t) || t.length > max || (t && test && !test.test(t)))
      throw badInput(`${key} must be ${what ?? `at most ${max} characters`}`, { field: `input.${key}` });
    out[key] = t || null;
  };
  text('name', 200, undefined, '1–200 characters');
  text('description', 4000);
  text('street', 200);
  text('city', 100);
  text('state', 2, /^[A-Z]{2}$/, 'a two-letter state code');
  text('zip', 10, /^\d{5}$/, 'a five-digit ZIP code');
  text('website', 300, /^https?:\/\/\S+$/, 'an http(s) URL');
  text('phone', 40);
  text('email', 200, EMAIL, 'an email address');
  text('legalName', 300);
  text('contactName', 200);
  text('contactEmail', 200, EMAIL, 'an email address');
  text('contactPhone', 40);
  if (input.latitude != null && !(input.latitude >= -90 && input.latitude <= 90))
    throw badInput('latitude must be from -90 to 90', { field: 'input.latitude' });
  if (input.longitude != null && !(input.longitude >= -180 && input.longitude <= 180))
    throw badInput('longitude must be from -180 to 180', { field: 'input.longitude' });
  if (input.latitude !== undefined) out.latitude = input.latitude;
  if (input.longitude !== undefined) out.longitude = input.longitude;
  if (input.sector != null) out.sector = input.sector;
  if (input.imperatives != null) out.imperatives = [...new Set(input.imperatives)];
  return out;
}

async function assertUniqueName(em: EntityManager, name: string | undefined | null, selfId?: string) {
  if (!name) return;
  const same = await em.findOne(Organization, { [raw((a) => `lower(${a}.name) = ?`, [name.toLowerCase()])]: [] });
  if (same && same.id !== selfId) throw conflict('Another organisation has this name', { field: 'input.name' });
}

@Resolver(() => Organization)
export class OrganizationMutations {
  @Mutation(() => Organization, {
    nullable: true,
    description: 'Adds an organisation. Hub operators. Needs name and sector; CONFLICT when the name is taken.',
  })
  async createOrganization(
    @Arg('input', () => OrganizationUpdateInput, { description: 'The organisation.' }) input: OrganizationUpdateInput,
    @Ctx() ctx: HubContext,
  ) {
    if (!input.name?.trim()) throw badInput('name is required', { field: 'input.name' });
    if (!input.sector) throw badInput('sector is required', { field: 'input.sector' });
    const values = clean(input);
    return ctx.em.transactional(async (em) => {
      await assertUniqueName(em, values.name);
      const org = em.create(Organization, { imperatives: [], ...values } as any);
      await em.flush();
      return org;
    });
  }

  @Mutation(() => Organization, {
    nullable: true,
    description:
      'Changes an organisation. Its own staff may change the public profile fields; hub operators every field. FORBIDDEN for another organisation’s staff or a private field; CONFLICT when the new name is taken.',
  })
  async updateOrganization(
    @Arg('id', () => ID, { description: 'Organisation id.' }) id: string,
    @Arg('input', () => OrganizationUpdateInput, { description: 'The fields to change.' }) input: OrganizationUpdateInput,
    @Ctx() ctx: HubContext,
  ) {
    const key = normalizeId(id);
    const admin = hasRole(ctx.viewer, 'cec_admin');
    if (!admin) {
      if (!hasRole(ctx.viewer, 'partner_staff') || ctx.viewer.org !== key)
        throw forbidden('Staff may change their own organisation’s profile only');
      const privateField = ADMIN_FIELDS.find((f) => input[f] !== undefined);
      if (privateField) throw forbidden(`Only hub operators change ${privateField}`);
    }
    const values = clean(input);
    void PROFILE_FIELDS;
    return ctx.em.transactional(async (em) => {
      const org = isUuid(key) ? await em.findOne(Organization, { id: key }) : null;
      if (!org) throw notFound('Organization', id);
      await assertUniqueName(em, values.name, org.id);
      em.assign(org, values);
      await em.flush();
      return org;
    });
  }
}
