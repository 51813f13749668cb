import type { EntityManager } from '@mikro-orm/knex';
import { badInput, stableId, isUuid, normalizeId } from '@c2c/kernel';
import { GraphQLError } from 'graphql';
import { Accessibility } from './accessibility.entity';
import { CostOption } from './cost-option.entity';
import { Funding } from './funding.entity';
import { isTimeZone } from './local-time.logic';
import { Location } from './location.entity';
import { LocationType } from './location-type.enum';
import { Program } from './program.entity';
import { RequiredDocument } from './required-document.entity';
import { Schedule } from './schedule.entity';
import { ServiceArea } from './service-area.entity';
import { ServiceAtLocation } from './service-at-location.entity';
import { ServiceContact } from './service-contact.entity';
import { ServiceLanguage } from './service-language.entity';
import { Service } from './service.entity';
import { ServicePhone } from './service-phone.entity';
import { ServiceStatus } from './service-status.enum';
import { ServiceTaxonomy } from './service-taxonomy.entity';
import type { UpsertServiceInput } from './service-upsert.input';
import { validateServiceInput, type ServicePatch } from './service.validation';
import type { TaxonomyIndex } from './taxonomy.loaders';
import { classify, type Crosswalk } from './taxonomy-mapping.logic';

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const PHONE_TYPES = ['voice', 'fax', 'text', 'cell', 'video', 'pager', 'textphone'];
const PHONE = /^\+?[0-9().\-\s]{3,30}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const HTTP_URL = /^https?:\/\/[^\s]+$/;

type Row<T> = Omit<T, 'id'>;

/** A record checked and turned into rows; ids of child rows are derived, so an unchanged record compares equal. */
export interface CheckedRecord {
  id: string;
  service: ServicePatch & {
    organizationId: string;
    applicationProcess: string | null;
    alert: string | null;
    assuredDate: string | null;
    programId: string | null;
  };
  termIds: string[];
  locations: Location[];
  /** Accessibility of each location, by location id (a location's rows are replaced with it). */
  accessibility: Map<string, Row<Accessibility>[]>;
  program: Program | null;
  schedules: Row<Schedule>[];
  areas: Row<ServiceArea>[];
  phones: Row<ServicePhone>[];
  contacts: Row<ServiceContact>[];
  costOptions: Row<CostOption>[];
  funding: Row<Funding>[];
  requiredDocuments: Row<RequiredDocument>[];
  languageDetails: Row<ServiceLanguage>[];
}

const text = (field: string, value: string | null | undefined, max: number, required = false): string | null => {
  const v = value?.trim() ?? '';
  if (!v) {
    if (required) throw badInput(`${field} must not be blank`, { field });
    return null;
  }
  if (v.length > max) throw badInput(`${field} must be at most ${max} characters`, { field });
  return v;
};

const url = (field: string, value: string | null | undefined) => {
  const v = text(field, value, 500);
  if (v && !HTTP_URL.test(v)) throw badInput(`${field} must be an http or https URL`, { field });
  return v;
};

const date = (field: string, value: string | null | undefined) => {
  const v = text(field, value, 10);
  if (v && !DATE.test(v)) throw badInput(`${field} must be a date YYYY-MM-DD`, { field });
  return v;
};

const atMost = (list: unknown[], max: number, field: string) => {
  if (list.length > max) throw badInput(`${field} lists at most ${max} entries`, { field });
};

/** Checks one whole record; the first problem is thrown as BAD_USER_INPUT naming its path inside the record. */
export function checkRecord(input: UpsertServiceInput, terms: TaxonomyIndex, crosswalk: Crosswalk): CheckedRecord {
  const id = normalizeId(input.id ?? '');
  if (!isUuid(id)) throw badInput('id must be a UUID', { field: 'id' });
  const organizationId = normalizeId(input.organizationId ?? '');
  if (!isUuid(organizationId)) throw badInput('organizationId must be an organisation id (a UUID)', { field: 'organizationId' });

  const termIds = [...new Set((input.taxonomyTermIds ?? []).map(normalizeId))];
  termIds.forEach((t, i) => {
    if (!terms.byId.has(t)) throw badInput(`taxonomyTermIds[${i}] is not a taxonomy term`, { field: `taxonomyTermIds[${i}]` });
  });
  // Given, or from the terms (an imperative above one, or the crosswalk of a foreign taxonomy); else unclassified.
  const imperative = input.imperative ?? classify(termIds, terms, crosswalk);

  const accessibility = new Map<string, Row<Accessibility>[]>();
  const locations = (input.locations ?? []).map((l, i) => {
    const at = `locations[${i}]`;
    const lid = normalizeId(l.id ?? '');
    if (!isUuid(lid)) throw badInput(`${at}.id must be a UUID`, { field: `${at}.id` });
    for (const [k, min, max] of [
      ['latitude', -90, 90],
      ['longitude', -180, 180],
    ] as const) {
      const v = l[k];
      if (v != null && (!Number.isFinite(v) || v < min || v > max))
        throw badInput(`${at}.${k} must be between ${min} and ${max}`, { field: `${at}.${k}` });
    }
    if ((l.latitude == null) !== (l.longitude == null))
      throw badInput(`${at}.latitude and longitude go together`, { field: `${at}.${l.latitude == null ? 'latitude' : 'longitude'}` });
    const country = text(`${at}.country`, l.country, 2);
    if (country && !/^[A-Z]{2}$/.test(country))
      throw badInput(`${at}.country must be a two-letter uppercase code`, { field: `${at}.country` });
    const access = (l.accessibility ?? []).map((a, k): Row<Accessibility> => {
      const where = `${at}.accessibility[${k}]`;
      const row = {
        locationId: lid,
        description: text(`${where}.description`, a.description, 2000),
        details: text(`${where}.details`, a.details, 2000),
        url: url(`${where}.url`, a.url),
      };
      if (!row.description && !row.url) throw badInput(`${where} needs a description or a url`, { field: `${where}.description` });
      return row;
    });
    atMost(access, 20, `${at}.accessibility`);
    accessibility.set(lid, access);
    return Object.assign(new Location(), {
      id: lid,
      organizationId,
      locationType: l.locationType ?? LocationType.PHYSICAL,
      name: text(`${at}.name`, l.name, 200),
      description: text(`${at}.description`, l.description, 2000),
      url: url(`${at}.url`, l.url),
      street: text(`${at}.street`, l.street, 200),
      city: text(`${at}.city`, l.city, 100),
      state: text(`${at}.state`, l.state, 100),
      postalCode: text(`${at}.postalCode`, l.postalCode, 20),
      country,
      latitude: l.latitude ?? null,
      longitude: l.longitude ?? null,
    });
  });
  if (new Set(locations.map((l) => l.id)).size !== locations.length)
    throw badInput('locations lists a location twice', { field: 'locations' });

  const schedules = (input.schedules ?? []).map((s, i): Row<Schedule> => {
    const at = `schedules[${i}]`;
    if (!isTimeZone(s.timezone ?? '')) throw badInput(`${at}.timezone must be an IANA time zone`, { field: `${at}.timezone` });
    for (const k of ['validFrom', 'validTo'] as const) {
      if (s[k] != null && !DATE.test(s[k])) throw badInput(`${at}.${k} must be a date YYYY-MM-DD`, { field: `${at}.${k}` });
    }
    if (s.validFrom && s.validTo && s.validTo < s.validFrom)
      throw badInput(`${at}.validTo must not be before validFrom`, { field: `${at}.validTo` });
    const locationId = s.locationId ? normalizeId(s.locationId) : null;
    if (locationId && !locations.some((l) => l.id === locationId))
      throw badInput(`${at}.locationId must be one of the record's locations`, { field: `${at}.locationId` });
    const base = {
      serviceId: id,
      locationId,
      timezone: s.timezone,
      validFrom: s.validFrom ?? null,
      validTo: s.validTo ?? null,
      description: text(`${at}.description`, s.description, 2000),
    };
    if (s.closed) {
      if (!s.validFrom || !s.validTo)
        throw badInput(`${at}: a closure needs validFrom and validTo`, { field: `${at}.${s.validFrom ? 'validTo' : 'validFrom'}` });
      if (s.weekday || s.opensAt || s.closesAt) throw badInput(`${at}: a closure has no weekday or times`, { field: `${at}.weekday` });
      return { ...base, closed: true, weekday: null, opensAt: null, closesAt: null };
    }
    if (!s.weekday) throw badInput(`${at}.weekday is needed for an opening`, { field: `${at}.weekday` });
    for (const k of ['opensAt', 'closesAt'] as const) {
      if (!s[k] || !TIME.test(s[k])) throw badInput(`${at}.${k} must be a time HH:MM`, { field: `${at}.${k}` });
    }
    // An earlier closing time is the next morning (hours past midnight); the same time is no opening at all.
    if (s.closesAt === s.opensAt) throw badInput(`${at}.closesAt must differ from opensAt`, { field: `${at}.closesAt` });
    return { ...base, closed: false, weekday: s.weekday, opensAt: s.opensAt!, closesAt: s.closesAt! };
  });
  if (schedules.length > 100) throw badInput('schedules lists at most 100 entries', { field: 'schedules' });

  const areas = (input.serviceAreas ?? []).map((a, i): Row<ServiceArea> => {
    const at = `serviceAreas[${i}]`;
    const postalCode = text(`${at}.postalCode`, a.postalCode, 20);
    const name = text(`${at}.name`, a.name, 200);
    if (!postalCode && !name) throw badInput(`${at} needs a postalCode or a name`, { field: `${at}.postalCode` });
    return { serviceId: id, postalCode, name, description: text(`${at}.description`, a.description, 2000) };
  });
  if (areas.length > 200) throw badInput('serviceAreas lists at most 200 areas', { field: 'serviceAreas' });

  const phones = (input.phones ?? []).map((p, i): Row<ServicePhone> => {
    const at = `phones[${i}]`;
    const number = text(`${at}.number`, p.number, 40, true)!;
    if (!PHONE.test(number)) throw badInput(`${at}.number must be a phone number`, { field: `${at}.number` });
    const extension = text(`${at}.extension`, p.extension, 10);
    if (extension && !/^\d+$/.test(extension)) throw badInput(`${at}.extension must be digits`, { field: `${at}.extension` });
    const type = p.type?.trim().toLowerCase() || 'voice';
    if (!PHONE_TYPES.includes(type)) throw badInput(`${at}.type must be one of ${PHONE_TYPES.join(', ')}`, { field: `${at}.type` });
    return { serviceId: id, number, extension, type, description: text(`${at}.description`, p.description, 2000) };
  });
  const contacts = (input.contacts ?? []).map((c, i): Row<ServiceContact> => {
    const at = `contacts[${i}]`;
    const email = text(`${at}.email`, c.email, 200);
    if (email && !EMAIL.test(email)) throw badInput(`${at}.email must be an email address`, { field: `${at}.email` });
    return {
      serviceId: id,
      name: text(`${at}.name`, c.name, 200),
      title: text(`${at}.title`, c.title, 200),
      email,
      phone: text(`${at}.phone`, c.phone, 40),
    };
  });
  if (phones.length > 20 || contacts.length > 20)
    throw badInput('at most 20 phones and 20 contacts', { field: phones.length > 20 ? 'phones' : 'contacts' });

  const assuredDate = date('assuredDate', input.assuredDate);

  const costOptions = (input.costOptions ?? []).map((c, i): Row<CostOption> => {
    const at = `costOptions[${i}]`;
    const amount = c.amount ?? null;
    if (amount != null && (!Number.isFinite(amount) || amount < 0 || amount > 1e9))
      throw badInput(`${at}.amount must be a number from 0`, { field: `${at}.amount` });
    const currency = text(`${at}.currency`, c.currency, 3)?.toUpperCase() ?? null;
    if (currency && !/^[A-Z]{3}$/.test(currency)) throw badInput(`${at}.currency must be a three-letter code`, { field: `${at}.currency` });
    if (amount != null && !currency) throw badInput(`${at}.currency is needed with an amount`, { field: `${at}.currency` });
    const option = text(`${at}.option`, c.option, 500);
    if (amount == null && !option) throw badInput(`${at} needs an amount or an option`, { field: `${at}.amount` });
    const validFrom = date(`${at}.validFrom`, c.validFrom);
    const validTo = date(`${at}.validTo`, c.validTo);
    if (validFrom && validTo && validTo < validFrom)
      throw badInput(`${at}.validTo must not be before validFrom`, { field: `${at}.validTo` });
    return {
      serviceId: id,
      option,
      amount,
      currency,
      amountDescription: text(`${at}.amountDescription`, c.amountDescription, 500),
      validFrom,
      validTo,
    };
  });
  atMost(costOptions, 50, 'costOptions');
  const funding = (input.funding ?? []).map((f, i): Row<Funding> => ({
    serviceId: id,
    source: text(`funding[${i}].source`, f.source, 2000, true)!,
  }));
  atMost(funding, 20, 'funding');
  const requiredDocuments = (input.requiredDocuments ?? []).map((d, i): Row<RequiredDocument> => {
    const at = `requiredDocuments[${i}]`;
    const row = { serviceId: id, document: text(`${at}.document`, d.document, 2000), uri: url(`${at}.uri`, d.uri) };
    if (!row.document && !row.uri) throw badInput(`${at} needs a document or a uri`, { field: `${at}.document` });
    return row;
  });
  atMost(requiredDocuments, 50, 'requiredDocuments');
  const languageDetails = (input.languageDetails ?? []).map((l, i): Row<ServiceLanguage> => {
    const at = `languageDetails[${i}]`;
    const code = (l.code ?? '').trim().toLowerCase();
    if (!/^[a-z]{2}$/.test(code)) throw badInput(`${at}.code must be a 2-letter ISO 639-1 code`, { field: `${at}.code` });
    return { serviceId: id, code, name: text(`${at}.name`, l.name, 100), note: text(`${at}.note`, l.note, 2000) };
  });
  atMost(languageDetails, 20, 'languageDetails');
  languageDetails.forEach((l, i) => {
    if (languageDetails.findIndex((x) => x.code === l.code) !== i)
      throw badInput(`languageDetails[${i}].code lists ${l.code} twice`, { field: `languageDetails[${i}].code` });
    if (input.languages && !input.languages.includes(l.code))
      throw badInput(`languageDetails[${i}].code ${l.code} is not one of languages`, { field: `languageDetails[${i}].code` });
  });

  let program: Program | null = null;
  if (input.program) {
    const pid = normalizeId(input.program.id ?? '');
    if (!isUuid(pid)) throw badInput('program.id must be a UUID', { field: 'program.id' });
    program = Object.assign(new Program(), {
      id: pid,
      organizationId,
      name: text('program.name', input.program.name, 200, true)!,
      alternateName: text('program.alternateName', input.program.alternateName, 200),
      description: text('program.description', input.program.description, 2000, true)!,
    });
  }

  // The primary site (what search measures distance and ZIP from) is the first physical location with coordinates.
  const site = locations.find((l) => l.locationType === LocationType.PHYSICAL && l.latitude != null);
  const fields = {
    street: site?.street ?? null,
    city: site?.city ?? null,
    state: site?.state && /^[A-Z]{2}$/.test(site.state) ? site.state : null,
    zip: site?.postalCode && /^\d{5}$/.test(site.postalCode) ? site.postalCode : null,
    latitude: site?.latitude ?? null,
    longitude: site?.longitude ?? null,
  };
  let service: ServicePatch;
  try {
    service = validateServiceInput({
      ...input,
      ...fields,
      status: input.status ?? ServiceStatus.ACTIVE,
      imperative: imperative ?? undefined,
      // Without codes of their own, the languages are those the details name.
      languages: input.languages ?? languageDetails.map((l) => l.code),
    });
    service.imperative = imperative;
  } catch (err) {
    // validateServiceInput names fields as `input.x`; inside a batch the record is the root.
    if (err instanceof GraphQLError && typeof err.extensions.field === 'string') {
      throw badInput(err.message, { field: err.extensions.field.replace(/^input\./, '') });
    }
    throw err;
  }
  return {
    id,
    service: {
      ...service,
      organizationId,
      applicationProcess: text('applicationProcess', input.applicationProcess, 2000),
      alert: text('alert', input.alert, 2000),
      assuredDate,
      programId: program?.id ?? null,
    },
    termIds,
    locations,
    accessibility,
    program,
    schedules,
    areas,
    phones,
    contacts,
    costOptions,
    funding,
    requiredDocuments,
    languageDetails,
  };
}

const SERVICE_KEYS = [
  'organizationId',
  'name',
  'description',
  'status',
  'imperative',
  'eligibilityDescription',
  'minimumAge',
  'maximumAge',
  'free',
  'fees',
  'languages',
  'url',
  'email',
  'phone',
  'street',
  'city',
  'state',
  'zip',
  'latitude',
  'longitude',
  'applicationProcess',
  'alert',
  'assuredDate',
  'programId',
] as const;
const PROGRAM_KEYS = ['organizationId', 'name', 'alternateName', 'description'] as const;
const LOCATION_KEYS = [
  'locationType',
  'name',
  'description',
  'url',
  'street',
  'city',
  'state',
  'postalCode',
  'country',
  'latitude',
  'longitude',
] as const;
const pick = (o: any, keys: readonly string[]) => keys.map((k) => (o[k] === undefined ? null : o[k]));
const rows = (list: any[], drop: string[]) =>
  list
    .map((r) =>
      JSON.stringify(
        Object.keys(r)
          .filter((k) => !drop.includes(k))
          .sort()
          .map((k) => [k, r[k] ?? null]),
      ),
    )
    .sort();

/** The stored state of a record in one comparable form, so an identical re-import writes nothing. */
export function fingerprint(r: Omit<CheckedRecord, 'id'>): string {
  return JSON.stringify([
    pick(r.service, SERVICE_KEYS),
    [...r.termIds].sort(),
    r.locations
      .map((l) => JSON.stringify([l.id, ...pick(l, LOCATION_KEYS), rows(r.accessibility.get(l.id) ?? [], ['id', 'locationId'])]))
      .sort(),
    r.program ? [r.program.id, ...pick(r.program, PROGRAM_KEYS)] : null,
    rows(r.schedules, ['id', 'serviceId']),
    rows(r.areas, ['id', 'serviceId']),
    rows(r.phones, ['id', 'serviceId']),
    rows(r.contacts, ['id', 'serviceId']),
    rows(r.costOptions, ['id', 'serviceId']),
    rows(r.funding, ['id', 'serviceId']),
    rows(r.requiredDocuments, ['id', 'serviceId']),
    rows(r.languageDetails, ['id', 'serviceId']),
  ]);
}

/** Loads what is stored for these service ids, in one statement per table. */
export async function storedRecords(em: EntityManager, ids: string[]) {
  // Read outside the identity map: comparing must never leave managed entities that a later
  // flush could treat as changed (and stamp updatedAt on an UNCHANGED record).
  const [services, links, sals, schedules, areas, phones, contacts, costs, funding, documents, languages] = await Promise.all([
    em.find(Service, { id: { $in: ids } }, { disableIdentityMap: true }),
    em.find(ServiceTaxonomy, { serviceId: { $in: ids }, direct: true }, { disableIdentityMap: true }),
    em.find(ServiceAtLocation, { serviceId: { $in: ids } }, { disableIdentityMap: true }),
    em.find(Schedule, { serviceId: { $in: ids } }, { disableIdentityMap: true }),
    em.find(ServiceArea, { serviceId: { $in: ids } }, { disableIdentityMap: true }),
    em.find(ServicePhone, { serviceId: { $in: ids } }, { disableIdentityMap: true }),
    em.find(ServiceContact, { serviceId: { $in: ids } }, { disableIdentityMap: true }),
    em.find(CostOption, { serviceId: { $in: ids } }, { disableIdentityMap: true }),
    em.find(Funding, { serviceId: { $in: ids } }, { disableIdentityMap: true }),
    em.find(RequiredDocument, { serviceId: { $in: ids } }, { disableIdentityMap: true }),
    em.find(ServiceLanguage, { serviceId: { $in: ids } }, { disableIdentityMap: true }),
  ]);
  const locationIds = [...new Set(sals.map((s) => s.locationId))];
  const programIds = [...new Set(services.map((s) => s.programId).filter((p): p is string => !!p))];
  const [locations, access, programs] = await Promise.all([
    locationIds.length ? em.find(Location, { id: { $in: locationIds } }, { disableIdentityMap: true }) : [],
    locationIds.length ? em.find(Accessibility, { locationId: { $in: locationIds } }, { disableIdentityMap: true }) : [],
    programIds.length ? em.find(Program, { id: { $in: programIds } }, { disableIdentityMap: true }) : [],
  ]);
  const plain = <T extends object>(e: T) => ({ ...e });
  const accessibility = new Map(locationIds.map((l) => [l, access.filter((a) => a.locationId === l).map(plain)]));
  return new Map(
    services.map((s) => [
      s.id,
      {
        service: s,
        fingerprint: fingerprint({
          service: s as any,
          termIds: links.filter((l) => l.serviceId === s.id).map((l) => l.termId),
          locations: sals
            .filter((x) => x.serviceId === s.id)
            .map((x) => locations.find((l) => l.id === x.locationId)!)
            .filter(Boolean),
          schedules: schedules.filter((x) => x.serviceId === s.id).map(plain),
          areas: areas.filter((x) => x.serviceId === s.id).map(plain),
          phones: phones.filter((x) => x.serviceId === s.id).map(plain),
          contacts: contacts.filter((x) => x.serviceId === s.id).map(plain),
          accessibility,
          program: programs.find((p) => p.id === s.programId) ?? null,
          costOptions: costs.filter((x) => x.serviceId === s.id).map(plain),
          funding: funding.filter((x) => x.serviceId === s.id).map(plain),
          requiredDocuments: documents.filter((x) => x.serviceId === s.id).map(plain),
          languageDetails: languages.filter((x) => x.serviceId === s.id).map(plain),
        }),
      },
    ]),
  );
}

// Derived, not random: importing the same record twice writes the same child rows.
const childId = (kind: string, serviceId: string, n: number) => stableId('c2c-import', kind, serviceId, n);

/**
 * Replaces a service's record inside the caller's transaction: the service row, then every child list.
 * `shared` holds the ids of locations and programmes this transaction already wrote: the first
 * record of a batch naming one writes it (and a location's accessibility), so two never collide.
 */
export async function writeRecord(
  em: EntityManager,
  r: CheckedRecord,
  existing: Service | undefined,
  terms: TaxonomyIndex,
  shared = new Set<string>(),
) {
  if (r.program && !shared.has(r.program.id)) {
    shared.add(r.program.id);
    await em.upsert(Program, { ...r.program });
  }
  if (existing) em.assign(await em.findOneOrFail(Service, { id: r.id }), r.service);
  else em.create(Service, { id: r.id, ...(r.service as any) });
  for (const entity of [
    ServiceTaxonomy,
    ServiceAtLocation,
    Schedule,
    ServiceArea,
    ServicePhone,
    ServiceContact,
    CostOption,
    Funding,
    RequiredDocument,
    ServiceLanguage,
  ]) {
    await em.nativeDelete(entity as any, { serviceId: r.id });
  }
  const tagged = new Map<string, boolean>();
  for (const t of r.termIds) {
    tagged.set(t, true);
    for (const a of terms.ancestors(t)) if (!tagged.has(a.id)) tagged.set(a.id, false);
  }
  for (const [termId, direct] of tagged)
    em.create(ServiceTaxonomy, { id: childId('term', r.id, [...tagged.keys()].indexOf(termId)), serviceId: r.id, termId, direct });
  for (const l of r.locations) {
    if (!shared.has(l.id)) {
      shared.add(l.id);
      await em.upsert(Location, { ...l });
      await em.nativeDelete(Accessibility, { locationId: l.id });
      (r.accessibility.get(l.id) ?? []).forEach((a, i) =>
        em.create(Accessibility, { id: stableId('c2c-import', 'accessibility', l.id, i), ...a }),
      );
    }
    em.create(ServiceAtLocation, { id: stableId('c2c-import', 'sal', r.id, l.id), serviceId: r.id, locationId: l.id });
  }
  r.schedules.forEach((s, i) => em.create(Schedule, { id: childId('schedule', r.id, i), ...s }));
  r.areas.forEach((a, i) => em.create(ServiceArea, { id: childId('area', r.id, i), ...a }));
  r.phones.forEach((p, i) => em.create(ServicePhone, { id: childId('phone', r.id, i), ...p }));
  r.contacts.forEach((c, i) => em.create(ServiceContact, { id: childId('contact', r.id, i), ...c }));
  r.costOptions.forEach((c, i) => em.create(CostOption, { id: childId('cost', r.id, i), ...c }));
  r.funding.forEach((f, i) => em.create(Funding, { id: childId('funding', r.id, i), ...f }));
  r.requiredDocuments.forEach((d, i) => em.create(RequiredDocument, { id: childId('document', r.id, i), ...d }));
  r.languageDetails.forEach((l, i) => em.create(ServiceLanguage, { id: childId('language', r.id, i), ...l }));
}
