/**
 * Graph results as HSDS 3.0 JSON: the field names and shapes of the Open Referral schema
 * (snake_case, lowercase statuses, addresses under locations, schedules with byday).
 */

export const SERVICE_FIELDS = `id name description status url email eligibilityDescription applicationProcess alert assuredDate minimumAge maximumAge fees free languages lastModified
  organization { id }
  taxonomyTerms { id code name description parentId taxonomy }
  locations { id locationType name description url street city state postalCode country latitude longitude }
  schedules { id locationId weekday opensAt closesAt timezone validFrom validTo closed description }
  serviceAreas { id postalCode name description }
  phones { id number extension type description }
  contacts { id name title email phone }`;

const lower = (s: string | null | undefined) => (s == null ? null : s.toLowerCase().replace(/_/g, ' '));

export function hsdsTerm(t: any) {
  return {
    id: t.id,
    code: t.code,
    name: t.name,
    description: t.description ?? null,
    parent_id: t.parentId ?? null,
    taxonomy: t.taxonomy ?? null,
    language: 'en',
    term_uri: null,
  };
}

export function hsdsLocation(l: any) {
  return {
    id: l.id,
    location_type: lower(l.locationType),
    name: l.name,
    description: l.description,
    url: l.url,
    latitude: l.latitude,
    longitude: l.longitude,
    addresses:
      l.street || l.city || l.postalCode
        ? [
            {
              id: `${l.id}-address`,
              location_id: l.id,
              address_1: l.street,
              city: l.city,
              state_province: l.state,
              postal_code: l.postalCode,
              country: l.country,
              address_type: 'physical',
            },
          ]
        : [],
  };
}

function hsdsSchedule(s: any, serviceId: string) {
  return {
    id: s.id,
    service_id: serviceId,
    location_id: s.locationId ?? null,
    valid_from: s.validFrom,
    valid_to: s.validTo,
    // HSDS 3.0 has no closure flag: a closure is a schedule without opening times, described.
    freq: s.closed ? null : 'WEEKLY',
    byday: s.weekday,
    opens_at: s.opensAt ? `${s.opensAt}:00` : null,
    closes_at: s.closesAt ? `${s.closesAt}:00` : null,
    timezone: s.timezone,
    description: s.description ?? (s.closed ? 'Closed' : null),
    notes: s.closed ? 'closed' : null,
  };
}

export function hsdsService(s: any) {
  return {
    id: s.id,
    organization_id: s.organization?.id ?? null,
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
    languages: (s.languages as string[]).map((code) => ({ code })),
    phones: s.phones.map((p: any) => ({
      id: p.id,
      service_id: s.id,
      number: p.number,
      extension: p.extension,
      type: p.type,
      description: p.description,
    })),
    contacts: s.contacts.map((c: any) => ({
      id: c.id,
      service_id: s.id,
      name: c.name,
      title: c.title,
      email: c.email,
      phones: c.phone ? [{ number: c.phone }] : [],
    })),
    schedules: s.schedules.map((x: any) => hsdsSchedule(x, s.id)),
    service_areas: s.serviceAreas.map((a: any) => ({
      id: a.id,
      service_id: s.id,
      name: a.name ?? a.postalCode,
      description: a.description,
      extent: a.postalCode,
      extent_type: a.postalCode ? 'postcode' : null,
    })),
    service_at_locations: s.locations.map((l: any) => ({
      id: `${s.id}:${l.id}`,
      service_id: s.id,
      location_id: l.id,
      location: hsdsLocation(l),
    })),
    attributes: s.taxonomyTerms.map((t: any) => ({
      id: `${s.id}:${t.id}`,
      link_id: s.id,
      link_type: 'service',
      link_entity: 'service',
      taxonomy_term_id: t.id,
      taxonomy_term: hsdsTerm(t),
    })),
  };
}

export function hsdsOrganization(o: any) {
  return {
    id: o.id,
    name: o.name,
    description: o.description,
    email: o.email,
    website: o.website,
    phones: o.phone ? [{ number: o.phone }] : [],
    locations: o.street
      ? [
          hsdsLocation({
            id: `${o.id}-hq`,
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
  };
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
