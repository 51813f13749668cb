import fs from 'node:fs';
import path from 'node:path';
import { parseCsv } from './hsds-csv';
import { hsdsValidator, type HsdsObject } from './hsds-schema';

/**
 * Reads HSDS 3.0 JSON documents (service and organization "full" documents, page envelopes
 * and plain lists) and the HSDS CSV tables, and turns them into the graph's upsert inputs.
 * Everything is read, validated against the HSDS 3.0 JSON schemas and mapped before anything
 * is sent: a file that cannot be parsed stops the import with its name, and a record that
 * breaks the schema or cannot be mapped is reported (by record and field) and left out whole.
 */

export interface TermRecord {
  id: string;
  code: string | null;
  name: string;
  description: string | null;
  parentId: string | null;
  taxonomy: string | null;
}
export interface RecordProblem {
  record: string;
  field: string | null;
  message: string;
}
export interface HsdsBatch {
  files: string[];
  /** HSDS taxonomy records (id → name): terms name their taxonomy by `taxonomy_id`. */
  taxonomies: Map<string, string>;
  /** The same records as `TaxonomyInput`s, to be stored as they are. */
  taxonomyRecords: { id: string; name: string; description: string | null; uri: string | null; version: string | null }[];
  services: any[];
  /** Organisations as `OrganizationUpsertInput`s, by HSDS id (first seen wins). */
  organizations: any[];
  terms: TermRecord[];
  errors: RecordProblem[];
  warnings: RecordProblem[];
  /** Records left out before anything was sent, counted once however many problems each had. */
  failed: { services: number; taxonomyTerms: number };
}

type Doc = Record<string, any>;
const isObj = (x: unknown): x is Doc => !!x && typeof x === 'object' && !Array.isArray(x);
const isService = (x: Doc) =>
  'service_at_locations' in x || ('status' in x && 'name' in x && !('services' in x) && !('location' in x) && !('parent_id' in x));
const isOrganization = (x: Doc) => Array.isArray(x.services) || 'legal_status' in x || 'year_incorporated' in x;
const isTerm = (x: Doc) => 'parent_id' in x || 'term_uri' in x || 'taxonomy_detail' in x || 'taxonomy_id' in x || 'code' in x;
const isTaxonomy = (x: Doc) => 'name' in x && ('uri' in x || 'version' in x) && !('status' in x) && !isTerm(x);

const str = (v: unknown): string | null => (v == null ? null : String(v).trim() || null);
const STATUS: Record<string, string> = {
  active: 'ACTIVE',
  inactive: 'INACTIVE',
  defunct: 'DEFUNCT',
  'temporarily closed': 'TEMPORARILY_CLOSED',
};
const DAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];

export interface MapOptions {
  imperative?: string;
}

function timezoneOf(v: unknown): string {
  // HSDS 3.0 gives a UTC offset in hours; Etc/GMT zones count the other way round.
  if (v == null || v === '') return 'UTC';
  const n = Number(v);
  if (Number.isInteger(n) && n >= -12 && n <= 14) return n === 0 ? 'UTC' : `Etc/GMT${n > 0 ? '-' : '+'}${Math.abs(n)}`;
  return String(v);
}
const hhmm = (v: unknown) => (v == null ? null : String(v).slice(0, 5));
const number = (v: unknown): number | null => (v == null || v === '' ? null : Number(v));

/** One HSDS service document (as in service_full.json) as an `UpsertServiceInput`. */
export function mapService(doc: Doc, o: MapOptions, warn: (field: string, message: string) => void): any {
  const id = str(doc.id);
  if (!id) throw Object.assign(new Error('id is missing'), { field: 'id' });
  const organizationId = str(doc.organization_id) ?? str(doc.organization?.id);
  if (!organizationId) throw Object.assign(new Error('organization_id is missing'), { field: 'organization_id' });
  const status = STATUS[String(doc.status ?? 'active').toLowerCase()];
  if (!status) throw Object.assign(new Error(`status ${doc.status} is not an HSDS status`), { field: 'status' });

  const sals: Doc[] = Array.isArray(doc.service_at_locations) ? doc.service_at_locations : [];
  const locations: any[] = [];
  sals.forEach((sal, i) => {
    const l = sal.location;
    if (!isObj(l) || !l.id || locations.some((x) => x.id === l.id)) return;
    const address = (Array.isArray(l.addresses) ? l.addresses : [])[0] ?? {};
    let latitude = number(l.latitude);
    let longitude = number(l.longitude);
    if (latitude != null && longitude != null && (!(Math.abs(latitude) <= 90) || !(Math.abs(longitude) <= 180))) {
      warn(
        `service_at_locations[${i}].location.latitude`,
        `coordinates ${latitude},${longitude} are out of range; the location is imported without them`,
      );
      latitude = longitude = null;
    }
    const country = str(address.country);
    locations.push({
      id: l.id,
      locationType:
        ({ physical: 'PHYSICAL', virtual: 'VIRTUAL', postal: 'POSTAL' } as Record<string, string>)[
          String(l.location_type ?? 'physical').toLowerCase()
        ] ?? 'PHYSICAL',
      name: str(l.name),
      description: str(l.description),
      url: str(l.url),
      street: [str(address.address_1), str(address.address_2)].filter(Boolean).join(', ') || null,
      city: str(address.city),
      state: str(address.state_province),
      postalCode: str(address.postal_code),
      country: country && /^[A-Za-z]{2}$/.test(country) ? country.toUpperCase() : null,
      latitude: latitude == null || longitude == null ? null : latitude,
      longitude: latitude == null || longitude == null ? null : longitude,
      accessibility: (Array.isArray(l.accessibility) ? l.accessibility : []).map((a: Doc) => ({
        description: str(a.description),
        details: str(a.details),
        url: str(a.url),
      })),
    });
  });

  const byId = <T extends Doc>(lists: [T[], string | null][]) => {
    const seen = new Set<string>();
    const out: [T, string | null][] = [];
    for (const [list, locationId] of lists)
      for (const x of Array.isArray(list) ? list : []) {
        const key = x.id ? String(x.id) : JSON.stringify(x);
        if (!seen.has(key)) {
          seen.add(key);
          out.push([x, locationId]);
        }
      }
    return out;
  };
  const schedules: any[] = [];
  byId<Doc>([[doc.schedules, null], ...sals.map((s): [Doc[], string | null] => [s.schedules, s.location?.id ?? null])]).forEach(
    ([s, given], i) => {
      // A schedule listed with the service still belongs to a location when it names one (the feed lists them so).
      const locationId = given ?? str(s.location_id);
      const freq = String(s.freq ?? 'WEEKLY').toUpperCase();
      const days = String(s.byday ?? '')
        .split(',')
        .map((d) => d.trim().toUpperCase())
        .filter(Boolean);
      if (freq !== 'WEEKLY' || !days.length || !s.opens_at || !s.closes_at || days.some((d) => !DAYS.includes(d))) {
        warn(`schedules[${i}]`, 'only weekly schedules with byday, opens_at and closes_at are imported; this one is left out');
        return;
      }
      for (const weekday of days) {
        schedules.push({
          weekday,
          opensAt: hhmm(s.opens_at),
          closesAt: hhmm(s.closes_at),
          timezone: timezoneOf(s.timezone),
          validFrom: str(s.valid_from)?.slice(0, 10) ?? null,
          validTo: str(s.valid_to)?.slice(0, 10) ?? null,
          description: str(s.description),
          locationId: locationId && locations.some((l) => l.id === locationId) ? locationId : null,
        });
      }
    },
  );
  const phones = byId<Doc>([[doc.phones, null], ...sals.map((s): [Doc[], null] => [s.phones, null])]).map(([p]) => ({
    number: String(p.number ?? '')
      .replace(/"/g, '')
      .trim(),
    extension: p.extension == null || p.extension === '' ? null : String(p.extension),
    type: str(p.type),
    description: str(p.description),
  }));
  const contacts = byId<Doc>([[doc.contacts, null], ...sals.map((s): [Doc[], null] => [s.contacts, null])]).map(([c]) => ({
    name: str(c.name),
    title: str(c.title),
    email: str(c.email),
    phone: Array.isArray(c.phones) && c.phones[0]?.number ? String(c.phones[0].number).replace(/"/g, '').trim() : null,
  }));
  const serviceAreas = (Array.isArray(doc.service_areas) ? doc.service_areas : []).map((a: Doc) => {
    const name = str(a.name);
    return { postalCode: name && /^\d{5}$/.test(name) ? name : null, name, description: str(a.description) };
  });
  const languages: string[] = [];
  // A language with a name or a note keeps them; a bare code is just a code (as the feed serves one).
  const languageDetails: { code: string; name: string | null; note: string | null }[] = [];
  (Array.isArray(doc.languages) ? doc.languages : []).forEach((l: Doc, i: number) => {
    const code = String(l.code ?? '').toLowerCase();
    if (!/^[a-z]{2}$/.test(code)) return warn(`languages[${i}].code`, `${l.code} is not a two-letter ISO 639-1 code; left out`);
    if (languages.includes(code)) return;
    languages.push(code);
    if (str(l.name) || str(l.note)) languageDetails.push({ code, name: str(l.name), note: str(l.note) });
  });
  const program = isObj(doc.program) && doc.program.id ? doc.program : null;
  if (!program && str(doc.program_id))
    warn('program_id', `program ${doc.program_id} is not in the import; the service is imported without it`);
  const costs: Doc[] = Array.isArray(doc.cost_options) ? doc.cost_options : [];
  const fees = str(doc.fees_description);
  const taxonomyTermIds = (Array.isArray(doc.attributes) ? doc.attributes : [])
    .map((a: Doc) => str(a.taxonomy_term_id) ?? str(a.taxonomy_term?.id))
    .filter((x: string | null): x is string => !!x);
  return {
    id,
    organizationId,
    name: str(doc.name) ?? '',
    description: str(doc.description) ?? str(doc.name) ?? '',
    status,
    ...(o.imperative ? { imperative: o.imperative } : {}),
    free: !fees && !costs.some((c) => Number(c.amount) > 0),
    fees,
    eligibilityDescription: str(doc.eligibility_description),
    minimumAge: number(doc.minimum_age),
    maximumAge: number(doc.maximum_age),
    applicationProcess: str(doc.application_process),
    alert: str(doc.alert),
    assuredDate: str(doc.assured_date)?.slice(0, 10) ?? null,
    url: str(doc.url),
    email: str(doc.email),
    languages,
    languageDetails,
    costOptions: costs.map((c) => ({
      option: str(c.option),
      amount: number(c.amount),
      currency: str(c.currency),
      amountDescription: str(c.amount_description),
      validFrom: str(c.valid_from)?.slice(0, 10) ?? null,
      validTo: str(c.valid_to)?.slice(0, 10) ?? null,
    })),
    funding: (Array.isArray(doc.funding) ? doc.funding : []).filter((f: Doc) => str(f.source)).map((f: Doc) => ({ source: str(f.source) })),
    requiredDocuments: (Array.isArray(doc.required_documents) ? doc.required_documents : []).map((d: Doc) => ({
      document: str(d.document),
      uri: str(d.uri),
    })),
    program: program
      ? {
          id: String(program.id),
          name: str(program.name) ?? '',
          alternateName: str(program.alternate_name),
          description: str(program.description) ?? '',
        }
      : null,
    taxonomyTermIds,
    locations,
    schedules,
    serviceAreas,
    phones,
    contacts,
  };
}

/** An HSDS organization as partners' `OrganizationUpsertInput`: its public profile, values partners would refuse left out. */
export function mapOrganization(o: Doc) {
  const location = (Array.isArray(o.locations) ? o.locations : []).find((l: Doc) => isObj(l)) ?? {};
  const address = (Array.isArray(location.addresses) ? location.addresses : [])[0] ?? {};
  const phone = (Array.isArray(o.phones) ? o.phones : []).find((p: Doc) => p?.number);
  const state = str(address.state_province)?.toUpperCase();
  const zip = str(address.postal_code);
  const website = str(o.website) ?? str(o.url);
  const email = str(o.email);
  const lat = number(location.latitude);
  const lng = number(location.longitude);
  const coords = lat != null && lng != null && Math.abs(lat) <= 90 && Math.abs(lng) <= 180;
  return {
    id: String(o.id),
    name: str(o.name) ?? '',
    description: str(o.description),
    street: [str(address.address_1), str(address.address_2)].filter(Boolean).join(', ') || null,
    city: str(address.city),
    state: state && /^[A-Z]{2}$/.test(state) ? state : null,
    zip: zip && /^\d{5}$/.test(zip) ? zip : null,
    latitude: coords ? lat : null,
    longitude: coords ? lng : null,
    website: website && /^https?:\/\/\S+$/.test(website) ? website : null,
    phone: phone ? String(phone.number).replace(/"/g, '').trim().slice(0, 40) : null,
    email: email && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) ? email : null,
  };
}

const termOf = (t: Doc, taxonomies: Map<string, string>): TermRecord => ({
  id: String(t.id),
  code: str(t.code),
  name: str(t.name) ?? '',
  description: str(t.description),
  parentId: str(t.parent_id),
  taxonomy: str(t.taxonomy) ?? str(t.taxonomy_detail?.name) ?? taxonomies.get(String(t.taxonomy_id ?? '').toLowerCase()) ?? null,
});

/**
 * A CSV cell is always a string, and an empty one means "no value": the rebuilt document drops
 * the empty cells, and the schema check coerces the rest to the types the schema names.
 */
function withoutEmptyCells(x: unknown): unknown {
  if (Array.isArray(x)) return x.map(withoutEmptyCells);
  if (!isObj(x)) return x;
  const out: Doc = {};
  for (const [k, v] of Object.entries(x)) if (v !== '' && v !== undefined) out[k] = withoutEmptyCells(v);
  return out;
}

/** Rebuilds "full" service documents from the HSDS CSV tables, so both formats share one mapping. */
function servicesFromCsv(dir: string, read: (file: string) => Record<string, string>[]) {
  const t = (name: string) => (fs.existsSync(path.join(dir, name)) ? read(name) : []);
  const sal = t('service_at_location.csv');
  const locations = t('locations.csv');
  const addresses = t('addresses.csv');
  const schedules = t('schedules.csv');
  const phones = t('phones.csv');
  const contacts = t('contacts.csv');
  const languages = t('languages.csv');
  const areas = t('service_areas.csv');
  const costs = t('cost_options.csv');
  const funding = t('funding.csv');
  const documents = t('required_documents.csv');
  const programs = t('programs.csv');
  const accessibility = t('accessibility.csv');
  const attributes = t('attributes.csv');
  const terms = t('taxonomy_terms.csv');
  const docs = t('services.csv').map((s) => {
    const sals = sal.filter((x) => x.service_id === s.id);
    return {
      ...s,
      schedules: schedules.filter((x) => x.service_id === s.id && !x.service_at_location_id),
      // A row naming the service belongs to it, whatever else (location, contact) it also names.
      phones: phones.filter((x) => x.service_id === s.id),
      contacts: contacts.filter((x) => x.service_id === s.id).map((c) => ({ ...c, phones: phones.filter((p) => p.contact_id === c.id) })),
      languages: languages.filter((x) => x.service_id === s.id),
      service_areas: areas.filter((x) => x.service_id === s.id),
      cost_options: costs.filter((x) => x.service_id === s.id),
      funding: funding.filter((x) => x.service_id === s.id),
      required_documents: documents.filter((x) => x.service_id === s.id),
      program: programs.find((x) => x.id === s.program_id),
      attributes: attributes.filter((a) => a.link_id === s.id),
      service_at_locations: sals.map((x) => ({
        ...x,
        schedules: schedules.filter((y) => y.service_at_location_id === x.id),
        phones: phones.filter((y) => y.service_at_location_id === x.id && y.service_id !== s.id),
        contacts: [],
        location: (() => {
          const l = locations.find((y) => y.id === x.location_id);
          return l
            ? {
                ...l,
                addresses: addresses.filter((a) => a.location_id === l.id),
                accessibility: accessibility.filter((a) => a.location_id === l.id),
              }
            : undefined;
        })(),
      })),
    };
  });
  const organizations = t('organizations.csv').map((o) => ({
    ...o,
    phones: phones.filter((p) => p.organization_id === o.id && !p.service_id),
    locations: locations
      .filter((l) => l.organization_id === o.id)
      .map((l) => ({ ...l, addresses: addresses.filter((a) => a.location_id === l.id) })),
  }));
  return { docs, terms, taxonomies: t('taxonomies.csv'), organizations };
}

/** Reads a file or folder into one batch. Throws (naming the file) on anything unreadable, before any record is sent. */
export function readHsds(target: string, o: MapOptions): HsdsBatch {
  const batch: HsdsBatch = {
    files: [],
    taxonomies: new Map(),
    taxonomyRecords: [],
    services: [],
    organizations: [],
    terms: [],
    errors: [],
    warnings: [],
    failed: { services: 0, taxonomyTerms: 0 },
  };
  const orgIds = new Set<string>();
  /** An organisation of the import, checked against the schema on its own fields. */
  const addOrganization = (x: Doc, where: string, csv?: boolean): boolean => {
    const { services: _services, ...own } = x;
    if (!conforms('organization', own, `organization ${x.id ?? '?'} (${where})`, csv)) return false;
    const id = String(x.id).toLowerCase();
    if (!orgIds.has(id)) {
      orgIds.add(id);
      batch.organizations.push(mapOrganization(own));
    }
    return true;
  };
  const addTaxonomy = (x: Doc, where: string, csv?: boolean) => {
    if (!conforms('taxonomy', x, `taxonomy ${x.id ?? '?'} (${where})`, csv)) return;
    const id = String(x.id).toLowerCase();
    if (batch.taxonomies.has(id)) return;
    batch.taxonomies.set(id, String(x.name).trim());
    batch.taxonomyRecords.push({
      id,
      name: String(x.name).trim(),
      description: str(x.description),
      uri: str(x.uri),
      version: str(x.version),
    });
  };
  const docs: { doc: Doc; where: string; csv?: boolean }[] = [];
  const terms: { doc: Doc; where: string; csv?: boolean }[] = [];
  const schema = hsdsValidator();
  const csvSchema = hsdsValidator(undefined, { coerceTypes: true });
  /** Reports every schema problem of one record; true when there was none. */
  const conforms = (name: HsdsObject, doc: Doc, record: string, csv?: boolean) => {
    const problems = (csv ? csvSchema : schema).problems(name, doc);
    for (const p of problems) batch.errors.push({ record, field: p.field, message: `HSDS schema: ${p.message}` });
    return problems.length === 0;
  };
  const readJson = (file: string) => {
    let data: unknown;
    try {
      data = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch (err) {
      throw new Error(`${path.basename(file)} is not valid JSON: ${(err as Error).message}`, { cause: err });
    }
    batch.files.push(file);
    const items: unknown[] = Array.isArray(data) ? data : isObj(data) && Array.isArray(data.contents) ? data.contents : [data];
    items.forEach((x, i) => {
      const where = `${path.basename(file)}${items.length > 1 || Array.isArray(data) || (isObj(data) && 'contents' in data) ? `[${i}]` : ''}`;
      if (!isObj(x)) throw new Error(`${where} is not an HSDS object`);
      if (isOrganization(x)) {
        const services: Doc[] = Array.isArray(x.services) ? x.services : [];
        // The organisation's own fields are checked on their own; its services, as services, below.
        if (!addOrganization(x, where)) {
          batch.failed.services += services.length;
          return;
        }
        for (const [k, s] of services.entries()) docs.push({ doc: { organization_id: x.id, ...s }, where: `${where}.services[${k}]` });
      } else if (isTerm(x)) terms.push({ doc: x, where });
      else if (isTaxonomy(x)) addTaxonomy(x, where);
      else if (isService(x)) docs.push({ doc: x, where });
      else if (!('service' in x && 'location' in x)) throw new Error(`${where} is not an HSDS service, organization or taxonomy term`);
    });
  };
  const stat = fs.statSync(target);
  if (stat.isDirectory()) {
    const entries = fs.readdirSync(target).sort();
    if (entries.includes('services.csv')) {
      const read = (name: string) => {
        const file = path.join(target, name);
        batch.files.push(file);
        return parseCsv(fs.readFileSync(file, 'utf8'), name);
      };
      const fromCsv = servicesFromCsv(target, read);
      fromCsv.docs.forEach((doc, i) => docs.push({ doc: withoutEmptyCells(doc) as Doc, where: `services.csv row ${i + 2}`, csv: true }));
      fromCsv.terms.forEach((doc, i) =>
        terms.push({ doc: withoutEmptyCells(doc) as Doc, where: `taxonomy_terms.csv row ${i + 2}`, csv: true }),
      );
      fromCsv.taxonomies.forEach((doc, i) => addTaxonomy(withoutEmptyCells(doc) as Doc, `taxonomies.csv row ${i + 2}`, true));
      fromCsv.organizations.forEach((doc, i) => addOrganization(withoutEmptyCells(doc) as Doc, `organizations.csv row ${i + 2}`, true));
    }
    for (const e of entries) if (e.endsWith('.json') && e !== 'datapackage.json') readJson(path.join(target, e));
  } else if (target.endsWith('.csv')) {
    throw new Error('give the folder holding the HSDS CSV tables (services.csv and the others), not one CSV file');
  } else readJson(target);

  const seen = new Map<string, string>();
  for (const { doc, where, csv } of docs) {
    const record = `service ${doc.id ?? '?'} (${where})`;
    if (!conforms('service', doc, record, csv)) {
      batch.failed.services++;
      continue;
    }
    // A service document may carry its organisation whole (service_full.json does).
    if (isObj(doc.organization) && doc.organization.id) addOrganization(doc.organization, `${where}.organization`, csv);
    // Terms carried by a service's attributes count as terms of the import too, unless the service itself is refused.
    for (const [i, a] of (Array.isArray(doc.attributes) ? doc.attributes : []).entries())
      if (isObj(a.taxonomy_term)) terms.push({ doc: a.taxonomy_term, where: `${where}.attributes[${i}].taxonomy_term`, csv });
    try {
      const mapped = mapService(doc, o, (field, message) => batch.warnings.push({ record, field, message }));
      if (seen.has(mapped.id)) {
        // The same service in several documents (a list and a full document): the first is imported.
        continue;
      }
      seen.set(mapped.id, where);
      batch.services.push(mapped);
    } catch (err) {
      batch.errors.push({ record, field: (err as { field?: string }).field ?? null, message: (err as Error).message });
      batch.failed.services++;
    }
  }

  const seenTerms = new Set<string>();
  for (const { doc, where, csv } of terms) {
    const id = String(doc.id ?? '');
    if (seenTerms.has(id)) continue;
    seenTerms.add(id);
    if (conforms('taxonomy_term', doc, `taxonomy_term ${doc.id ?? '?'} (${where})`, csv)) batch.terms.push(termOf(doc, batch.taxonomies));
    else batch.failed.taxonomyTerms++;
  }
  return batch;
}
