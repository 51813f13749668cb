import { stableId } from '@c2c/kernel';

/**
 * Graph results as HSDS 3.0 JSON: the field names and shapes of the Open Referral schema
 * (snake_case, lowercase statuses, addresses under locations, schedules with byday).
 * Every document validates against the published schemas: a field we have no value for is
 * left out (the schemas type fields, they do not allow null), and every sub-record has a UUID:
 * the graph's own where it keeps a row (service_at_location included), derived with `stableId`
 * where it does not (address, attribute, language, contact phone), so it is the same on every request.
 */

export const LOCATION_FIELDS =
  'id locationType name description url street city state postalCode country latitude longitude accessibility { id description details url }';

export const SERVICE_FIELDS = `id name description status url email eligibilityDescription applicationProcess alert assuredDate minimumAge maximumAge fees free languages lastModified
  organization { id }
  taxonomyTerms { id code name description parentId taxonomy taxonomyId }
  serviceAtLocations { id location { ${LOCATION_FIELDS} } }
  schedules { id locationId weekday opensAt closesAt timezone validFrom validTo closed description }
  serviceAreas { id postalCode name description }
  phones { id number extension type description }
  contacts { id name title email phone }
  costOptions { id option amount currency amountDescription validFrom validTo }
  funding { id source }
  requiredDocuments { id document uri }
  languageDetails { id code name note }
  program { id name alternateName description }`;

/** Drops the keys whose value is null or undefined: HSDS wants them absent. */
export function compact<T extends Record<string, unknown>>(o: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) if (v !== null && v !== undefined) out[k] = v;
  return out as T;
}

const lower = (s: string | null | undefined) => (s == null ? null : s.toLowerCase().replace(/_/g, ' '));

/** A graph Taxonomy as an HSDS taxonomy record (HSDS requires a description). */
export function hsdsTaxonomy(t: any) {
  return compact({ id: t.id, name: t.name, description: t.description || t.name, uri: t.uri, version: t.version });
}

export function hsdsTerm(t: any) {
  return compact({
    id: t.id,
    code: t.code,
    name: t.name,
    // HSDS requires a description; a term without one is described by its name.
    description: t.description || t.name,
    parent_id: t.parentId,
    taxonomy: t.taxonomy,
    taxonomy_id: t.taxonomyId,
    language: 'en',
  });
}

const offsets = new Map<string, number | null>();
/**
 * HSDS 3.0 gives a schedule's time zone as one UTC offset in hours, where the graph keeps the
 * IANA zone. A zone with daylight saving is given its standard offset (the smaller of January's
 * and July's), so the document does not change twice a year.
 */
export function utcOffsetHours(zone: string): number | null {
  if (offsets.has(zone)) return offsets.get(zone) ?? null;
  let hours: number | null;
  try {
    const f = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' });
    const at = (d: string) => {
      const name = f.formatToParts(new Date(d)).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
      const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
      return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) + Number(m[3]) / 60) : 0;
    };
    hours = Math.min(at('2025-01-15T12:00:00Z'), at('2025-07-15T12:00:00Z'));
  } catch {
    hours = null;
  }
  offsets.set(zone, hours);
  return hours;
}

const extension = (v: string | null | undefined) => (v && /^\d+$/.test(v) ? Number(v) : null);

function hsdsAddress(locationId: string, l: any) {
  if (!(l.street || l.city || l.postalCode)) return [];
  // The schema requires all five parts; one the graph does not know is an empty string.
  return [
    {
      id: stableId('hsds-address', locationId),
      location_id: locationId,
      address_1: l.street ?? '',
      city: l.city ?? '',
      state_province: l.state ?? '',
      postal_code: l.postalCode ?? '',
      country: l.country ?? '',
      address_type: 'physical',
    },
  ];
}

export function hsdsLocation(l: any) {
  return compact({
    id: l.id,
    location_type: lower(l.locationType) ?? 'physical',
    name: l.name,
    description: l.description,
    url: l.url,
    latitude: l.latitude,
    longitude: l.longitude,
    addresses: hsdsAddress(l.id, l),
    // Absent when not asked for (an organisation's headquarters has none in the graph).
    accessibility: l.accessibility?.map((a: any) =>
      compact({ id: a.id, location_id: l.id, description: a.description, details: a.details, url: a.url }),
    ),
  });
}

function hsdsSchedule(s: any, serviceId: string) {
  return compact({
    id: s.id,
    service_id: serviceId,
    location_id: s.locationId,
    valid_from: s.validFrom,
    valid_to: s.validTo,
    // HSDS 3.0 has no closure flag: a closure is a schedule without opening times, described.
    freq: s.closed ? null : 'WEEKLY',
    byday: s.weekday,
    opens_at: s.opensAt ? `${s.opensAt}:00` : null,
    closes_at: s.closesAt ? `${s.closesAt}:00` : null,
    timezone: s.timezone ? utcOffsetHours(s.timezone) : null,
    description: s.description ?? (s.closed ? 'Closed' : null),
    notes: s.closed ? 'closed' : null,
  });
}

/** A graph ServiceAtLocation ({ id, location }) of service `serviceId`. */
export function hsdsServiceAtLocation(serviceId: string, sal: any) {
  return { id: sal.id, service_id: serviceId, location_id: sal.location.id, location: hsdsLocation(sal.location) };
}

export function hsdsService(s: any) {
  return compact({
    id: s.id,
    organization_id: s.organization?.id,
    name: s.name,
    description: s.description,
    url: s.url,
    email: s.email,
    status: lower(s.status),
    application_process: s.applicationProcess,
    fees_description: s.fees,
    eligibility_description: s.eligibilityDescription,
    minimum_age: s.minimumAge,
    maximum_age: s.maximumAge,
    assured_date: s.assuredDate,
    alert: s.alert,
    last_modified: s.lastModified,
    program_id: s.program?.id,
    // A code with a stored row (its name and note) is that row; a bare code gets an id derived from it.
    languages: (s.languages as string[]).map((code) => {
      const row = (s.languageDetails ?? []).find((l: any) => l.code === code);
      return compact({ id: row?.id ?? stableId('hsds-language', s.id, code), service_id: s.id, code, name: row?.name, note: row?.note });
    }),
    cost_options: (s.costOptions ?? []).map((c: any) =>
      compact({
        id: c.id,
        service_id: s.id,
        valid_from: c.validFrom,
        valid_to: c.validTo,
        option: c.option,
        currency: c.currency,
        amount: c.amount,
        amount_description: c.amountDescription,
      }),
    ),
    funding: (s.funding ?? []).map((f: any) => ({ id: f.id, service_id: s.id, source: f.source })),
    required_documents: (s.requiredDocuments ?? []).map((d: any) =>
      compact({ id: d.id, service_id: s.id, document: d.document, uri: d.uri }),
    ),
    program: s.program
      ? compact({
          id: s.program.id,
          organization_id: s.organization?.id,
          name: s.program.name,
          alternate_name: s.program.alternateName,
          description: s.program.description,
        })
      : null,
    phones: s.phones.map((p: any) =>
      compact({
        id: p.id,
        service_id: s.id,
        number: p.number,
        extension: extension(p.extension),
        type: p.type,
        description: p.description,
      }),
    ),
    contacts: s.contacts.map((c: any) =>
      compact({
        id: c.id,
        service_id: s.id,
        name: c.name,
        title: c.title,
        email: c.email,
        phones: c.phone ? [{ id: stableId('hsds-contact-phone', c.id), contact_id: c.id, number: c.phone }] : [],
      }),
    ),
    schedules: s.schedules.map((x: any) => hsdsSchedule(x, s.id)),
    service_areas: s.serviceAreas.map((a: any) =>
      compact({
        id: a.id,
        service_id: s.id,
        name: a.name ?? a.postalCode,
        description: a.description,
        extent: a.postalCode,
        extent_type: a.postalCode ? 'postcode' : null,
      }),
    ),
    service_at_locations: s.serviceAtLocations.map((x: any) => hsdsServiceAtLocation(s.id, x)),
    attributes: s.taxonomyTerms.map((t: any) => ({
      id: stableId('hsds-attribute', s.id, t.id),
      link_id: s.id,
      link_type: 'service',
      link_entity: 'service',
      taxonomy_term_id: t.id,
      taxonomy_term: hsdsTerm(t),
    })),
  });
}

export function hsdsOrganization(o: any) {
  const hq = stableId('hsds-organization-location', o.id);
  return compact({
    id: o.id,
    name: o.name,
    // HSDS requires a description; an organisation without one is described by its name.
    description: o.description || o.name,
    email: o.email,
    website: o.website,
    phones: o.phone ? [{ id: stableId('hsds-organization-phone', o.id), organization_id: o.id, number: o.phone }] : [],
    locations: o.street
      ? [
          hsdsLocation({
            id: hq,
            locationType: 'PHYSICAL',
            name: o.name,
            street: o.street,
            city: o.city,
            state: o.state,
            postalCode: o.zip,
            country: 'US',
            latitude: o.latitude,
            longitude: o.longitude,
          }),
        ]
      : [],
  });
}

/** The HSDS API's page envelope. `page` is 1-based. */
export function envelope<T>(contents: T[], total: number, page: number, size: number) {
  const totalPages = Math.max(1, Math.ceil(total / size));
  return {
    total_items: total,
    total_pages: totalPages,
    page_number: page,
    size,
    first_page: page === 1,
    last_page: page >= totalPages,
    empty: contents.length === 0,
    contents,
  };
}
