import { Arg, Args, ArgsType, Ctx, Field, ID, InputType, Mutation, Query, Resolver } from 'type-graphql';
import type { FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';
import { badInput, conflict, Connection, connectionOf, forbidden, hasRole, isUuid, normalizeId, notFound, PageArgs, pageWindow, type HubContext } from '@c2c/kernel';
import { Organization } from './organization.entity';
import { Staff, STAFF_ROLES } from './staff.entity';

export const StaffConnection = Connection(Staff, 'Staff', 'A page of staff.');

@InputType({ description: 'A staff record. Validated as a whole; nothing is saved if any field is wrong.' })
export class StaffInput {
  @Field({ description: 'Full name, 1–200 characters.' })
  name: string;

  @Field({ description: 'Work email; unique in the hub.' })
  email: string;

  @Field(() => ID, { nullable: true, description: 'The organisation; required for partner_staff, district_sis and district_admin.' })
  organizationId?: string | null;

  @Field(() => [String], { description: 'One or more of partner_staff, district_sis, district_admin, cec_admin, evaluator.' })
  roles: string[];

  @Field(() => String, { nullable: true, description: 'The identity provider’s subject (`sub`), unique in the hub.' })
  subject?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Active; true when omitted.' })
  active?: boolean | null;
}

@ArgsType()
export class StaffFilter extends PageArgs {
  @Field(() => ID, { nullable: true, description: 'Only this organisation’s staff. Partner staff may only name their own (and get it when omitting it).' })
  organizationId?: string;

  @Field(() => Boolean, { nullable: true, description: 'Only active (true) or inactive (false) staff.' })
  active?: boolean;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

async function validStaff(em: EntityManager, input: StaffInput, selfId?: string) {
  const name = input.name.trim();
  if (!name || name.length > 200) throw badInput('name must be 1–200 characters', { field: 'input.name' });
  const email = input.email.trim().toLowerCase();
  if (!EMAIL.test(email) || email.length > 200) throw badInput('email must be an email address', { field: 'input.email' });
  const roles = [...new Set(input.roles)];
  const unknown = roles.filter((r) => !(STAFF_ROLES as readonly string[]).includes(r));
  if (unknown.length) throw badInput(`Unknown role(s) ${unknown.join(', ')}; allowed: ${STAFF_ROLES.join(', ')}`, { field: 'input.roles' });
  if (!roles.length) throw badInput('A staff record holds at least one role', { field: 'input.roles' });
  let organizationId: string | null = null;
  if (input.organizationId != null) {
    organizationId = normalizeId(input.organizationId);
    if (!isUuid(organizationId) || !(await em.findOne(Organization, { id: organizationId }))) throw badInput('No such organisation', { field: 'input.organizationId' });
  }
  if (!organizationId && roles.some((r) => ['partner_staff', 'district_sis', 'district_admin'].includes(r))) {
    throw badInput('partner_staff, district_sis and district_admin staff belong to an organisation', { field: 'input.organizationId' });
  }
  const subject = input.subject?.trim() || null;
  if (subject && subject.length > 200) throw badInput('subject must be at most 200 characters', { field: 'input.subject' });
  const sameEmail = await em.findOne(Staff, { email });
  if (sameEmail && sameEmail.id !== selfId) throw conflict('Another staff record has this email', { field: 'input.email' });
  if (subject) {
    const sameSubject = await em.findOne(Staff, { subject });
    if (sameSubject && sameSubject.id !== selfId) throw conflict('Another staff record is matched to this subject', { field: 'input.subject' });
  }
  return { name, email, roles, organizationId, subject, active: input.active ?? true };
}

@Resolver(() => Staff)
export class StaffResolver {
  @Query(() => StaffConnection, { nullable: true, description: 'Staff by name. Hub operators read every organisation’s; partner staff their own organisation’s.' })
  async staffMembers(@Args() args: StaffFilter, @Ctx() ctx: HubContext) {
    const page = pageWindow(args);
    const where: FilterQuery<Staff> = {};
    let org = args.organizationId != null ? normalizeId(args.organizationId) : undefined;
    if (!hasRole(ctx.viewer, 'cec_admin')) {
      if (org !== undefined && org !== ctx.viewer.org) throw forbidden('Partner staff read their own organisation’s staff only');
      org = ctx.viewer.org!;
    }
    if (org !== undefined) {
      if (!isUuid(org)) throw badInput('organizationId must be an Organization id', { field: 'organizationId' });
      where.organizationId = org;
    }
    if (args.active != null) where.active = args.active;
    const [items, total] = await ctx.em.findAndCount(Staff, where, { orderBy: { name: 'asc', id: 'asc' }, limit: page.limit, offset: page.offset });
    return connectionOf(items, total, page);
  }

  @Query(() => Staff, { nullable: true, description: 'The caller’s own staff record, matched by the token’s subject (`sub`); null when none matches.' })
  async viewerStaff(@Ctx() ctx: HubContext) {
    return ctx.viewer.sub ? ctx.em.findOne(Staff, { subject: ctx.viewer.sub }) : null;
  }

  @Mutation(() => Staff, { nullable: true, description: 'Adds a staff record. Hub operators. CONFLICT for a duplicate email or subject.' })
  async createStaff(@Arg('input', () => StaffInput, { description: 'The record.' }) input: StaffInput, @Ctx() ctx: HubContext) {
    return ctx.em.transactional(async (em) => {
      const staff = em.create(Staff, await validStaff(em as EntityManager, input));
      await em.flush();
      return staff;
    });
  }

  @Mutation(() => Staff, { nullable: true, description: 'Replaces a staff record (deactivate with active: false). Hub operators.' })
  async updateStaff(
    @Arg('id', () => ID, { description: 'Staff id.' }) id: string,
    @Arg('input', () => StaffInput, { description: 'The new values of every field.' }) input: StaffInput,
    @Ctx() ctx: HubContext,
  ) {
    return ctx.em.transactional(async (em) => {
      const key = normalizeId(id);
      const staff = isUuid(key) ? await em.findOne(Staff, { id: key }) : null;
      if (!staff) throw notFound('Staff', id);
      em.assign(staff, await validStaff(em as EntityManager, input, staff.id));
      await em.flush();
      return staff;
    });
  }
}
