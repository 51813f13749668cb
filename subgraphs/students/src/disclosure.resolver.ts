import { Args, ArgsType, Ctx, Field, ID, Query, Resolver } from 'type-graphql';
import type { FilterQuery } from '@mikro-orm/core';
import { badInput, Connection, connectionOf, isUuid, normalizeId, PageArgs, pageWindow, type HubContext } from '@c2c/kernel';
import { Disclosure } from './disclosure.entity';
import { isIsoDate } from './sync-values.logic';

export const DisclosureConnection = Connection(Disclosure, 'Disclosure', 'A page of the disclosure audit log, newest first.');

/** The most rows one export returns: a year of a large partner's reads; more asks for a narrower range. */
export const MAX_DISCLOSURE_EXPORT = 50_000;

@ArgsType()
export class DisclosureLogFilter {
  @Field(() => ID, { nullable: true, description: 'Only disclosures of this student (a parent’s FERPA request).' })
  studentId?: string;

  @Field(() => ID, { nullable: true, description: 'Only disclosures to readers of this partner organisation.' })
  organizationId?: string;

  @Field(() => String, { nullable: true, description: 'Only disclosures on or after this day (UTC), YYYY-MM-DD.' })
  from?: string;

  @Field(() => String, { nullable: true, description: 'Only disclosures on or before this day (UTC), YYYY-MM-DD.' })
  to?: string;
}

/** The log's filter as a query, each argument checked and named when wrong. */
function whereOf(args: DisclosureLogFilter): FilterQuery<Disclosure> {
  const where: FilterQuery<Disclosure> & Record<string, unknown> = {};
  for (const [arg, column, what] of [
    ['studentId', 'studentId', 'a Student id'],
    ['organizationId', 'viewerOrganizationId', 'an Organization id'],
  ] as const) {
    const v = args[arg];
    if (v === undefined || v === null) continue;
    const id = normalizeId(v);
    if (!isUuid(id)) throw badInput(`${arg} must be ${what}`, { field: arg });
    where[column] = id;
  }
  for (const arg of ['from', 'to'] as const) {
    const v = args[arg];
    if (v !== undefined && v !== null && !isIsoDate(v)) throw badInput(`${arg} must be a date, YYYY-MM-DD`, { field: arg });
  }
  if (args.from && args.to && args.from > args.to) throw badInput('from must not be after to', { field: 'from' });
  const createdAt: Record<string, Date> = {};
  if (args.from) createdAt.$gte = new Date(`${args.from}T00:00:00.000Z`);
  // Days are whole: up to the first instant of the next one.
  if (args.to) createdAt.$lt = new Date(Date.parse(`${args.to}T00:00:00.000Z`) + 86_400_000);
  if (args.from || args.to) where.createdAt = createdAt;
  return where;
}

@Resolver(() => Disclosure)
export class DisclosureResolver {
  @Query(() => DisclosureConnection, {
    nullable: true,
    description:
      'The disclosure audit log: every read of student records by someone outside the district, newest first, per student, per partner organisation and by day. District administrators only.',
  })
  async disclosures(@Args() args: DisclosureLogFilter, @Args() paging: PageArgs, @Ctx() ctx: HubContext) {
    const page = pageWindow(paging);
    const [items, total] = await ctx.em.findAndCount(Disclosure, whereOf(args), {
      orderBy: { createdAt: 'desc', id: 'asc' },
      limit: page.limit,
      offset: page.offset,
    });
    return connectionOf(items, total, page);
  }

  @Query(() => [Disclosure], {
    nullable: true,
    description: `The disclosure log filtered as in \`disclosures\`, whole and oldest first, for an export (\`GET /reports/disclosures.csv\`): at most ${MAX_DISCLOSURE_EXPORT} rows, BAD_USER_INPUT (naming \`from\`) with more. District administrators only.`,
  })
  async disclosureExport(@Args() args: DisclosureLogFilter, @Ctx() ctx: HubContext) {
    const rows = await ctx.em.find(Disclosure, whereOf(args), {
      orderBy: { createdAt: 'asc', id: 'asc' },
      limit: MAX_DISCLOSURE_EXPORT + 1,
    });
    if (rows.length > MAX_DISCLOSURE_EXPORT)
      throw badInput(`more than ${MAX_DISCLOSURE_EXPORT} disclosures match: narrow the range with from and to`, { field: 'from' });
    return rows;
  }
}
