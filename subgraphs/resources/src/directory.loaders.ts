import { QueryOrder } from '@mikro-orm/core';
import { byKey, groupByKey, type HubContext } from '@c2c/kernel';
import { Accessibility } from './accessibility.entity';
import { CostOption } from './cost-option.entity';
import { Funding } from './funding.entity';
import { Location } from './location.entity';
import { Program } from './program.entity';
import { RequiredDocument } from './required-document.entity';
import { Schedule } from './schedule.entity';
import { ServiceArea } from './service-area.entity';
import { ServiceContact } from './service-contact.entity';
import { ServiceLanguage } from './service-language.entity';
import { ServicePhone } from './service-phone.entity';
import { ServiceTaxonomy } from './service-taxonomy.entity';

// Both dialects put a missing value first, so a list reads the same on SQLite and PostgreSQL.
const FIRST = QueryOrder.ASC_NULLS_FIRST;

/** A one-to-many loader keyed by service id: one statement per batch, whatever the page size. */
function byService<T extends { serviceId: string }>(ctx: HubContext, name: string, load: (ids: string[]) => Promise<T[]>) {
  return ctx.loaders.get<string, T[]>(name, async (ids) => groupByKey(ids, await load([...new Set(ids)]), (r) => r.serviceId));
}

export const schedulesOf = (ctx: HubContext) =>
  byService(ctx, 'schedulesOf', (ids) =>
    ctx.em.find(
      Schedule,
      { serviceId: { $in: ids } },
      { orderBy: { closed: 'asc', validFrom: 'asc', weekday: 'asc', opensAt: 'asc', id: 'asc' } },
    ),
  );

export const serviceAreasOf = (ctx: HubContext) =>
  byService(ctx, 'serviceAreasOf', (ids) => ctx.em.find(ServiceArea, { serviceId: { $in: ids } }, { orderBy: { postalCode: 'asc' } }));

export const phonesOf = (ctx: HubContext) =>
  byService(ctx, 'phonesOf', (ids) => ctx.em.find(ServicePhone, { serviceId: { $in: ids } }, { orderBy: { number: 'asc', id: 'asc' } }));

export const contactsOf = (ctx: HubContext) =>
  byService(ctx, 'contactsOf', (ids) => ctx.em.find(ServiceContact, { serviceId: { $in: ids } }, { orderBy: { name: 'asc', id: 'asc' } }));

export const costOptionsOf = (ctx: HubContext) =>
  byService(ctx, 'costOptionsOf', (ids) =>
    ctx.em.find(CostOption, { serviceId: { $in: ids } }, { orderBy: { validFrom: FIRST, option: FIRST, amount: FIRST, id: 'asc' } }),
  );

export const fundingOf = (ctx: HubContext) =>
  byService(ctx, 'fundingOf', (ids) => ctx.em.find(Funding, { serviceId: { $in: ids } }, { orderBy: { source: 'asc', id: 'asc' } }));

export const requiredDocumentsOf = (ctx: HubContext) =>
  byService(ctx, 'requiredDocumentsOf', (ids) =>
    ctx.em.find(RequiredDocument, { serviceId: { $in: ids } }, { orderBy: { document: FIRST, id: 'asc' } }),
  );

export const languageDetailsOf = (ctx: HubContext) =>
  byService(ctx, 'languageDetailsOf', (ids) => ctx.em.find(ServiceLanguage, { serviceId: { $in: ids } }, { orderBy: { code: 'asc' } }));

/** Programmes by id, one statement per batch. */
export const programById = (ctx: HubContext) =>
  ctx.loaders.get<string, Program | null>('programById', async (ids) => {
    const wanted = [...new Set(ids)];
    return byKey(ids, wanted.length ? await ctx.em.find(Program, { id: { $in: wanted } }) : [], (p) => p.id);
  });

/** Accessibility arrangements of many locations, one statement per batch. */
export const accessibilityOf = (ctx: HubContext) =>
  ctx.loaders.get<string, Accessibility[]>('accessibilityOf', async (ids) => {
    const rows = await ctx.em.find(
      Accessibility,
      { locationId: { $in: [...new Set(ids)] } },
      { orderBy: { description: FIRST, id: 'asc' } },
    );
    return groupByKey(ids, rows, (r) => r.locationId);
  });

export const directTermsOf = (ctx: HubContext) =>
  byService(ctx, 'directTermsOf', (ids) =>
    ctx.em.find(ServiceTaxonomy, { serviceId: { $in: ids }, direct: true }, { orderBy: { termId: 'asc' } }),
  );

/** Locations of many services through service_at_location, in one joined statement. */
export const locationsOf = (ctx: HubContext) =>
  ctx.loaders.get<string, Location[]>('locationsOf', async (ids) => {
    const knex = ctx.em.getKnex();
    const rows = (await knex('location as l')
      .join('service_at_location as sal', 'sal.location_id', 'l.id')
      .whereIn('sal.service_id', [...new Set(ids)])
      .select('l.*', 'sal.service_id as sal_service_id')
      .orderBy([
        { column: 'l.name', order: 'asc' },
        { column: 'l.id', order: 'asc' },
      ])) as Record<string, unknown>[];
    const mapped = rows.map((r) => {
      const { sal_service_id, ...row } = r;
      return { serviceId: String(sal_service_id), location: ctx.em.map(Location, row) };
    });
    return groupByKey(ids, mapped, (r) => r.serviceId).map((list) => list.map((r) => r.location));
  });
