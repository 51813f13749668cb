import fs from 'node:fs';
import path from 'node:path';
import Ajv, { type ErrorObject } from 'ajv';
import addFormats from 'ajv-formats';
import { Kind, parse, type EnumTypeDefinitionNode } from 'graphql';
import {
  envelope,
  hsdsLocation,
  hsdsOrganization,
  hsdsService,
  hsdsServiceAtLocation,
  hsdsTaxonomy,
  hsdsTerm,
  SERVICE_FIELDS,
  utcOffsetHours,
} from '../src/hsds/hsds.mapping';

const HSDS = path.resolve(__dirname, '../../test/fixtures/standards/hsds/schema');
const RESOURCES_SDL = fs.readFileSync(path.resolve(__dirname, '../../schema/resources.graphql'), 'utf8');
const hsdsSchema = (file: string) => JSON.parse(fs.readFileSync(path.join(HSDS, file), 'utf8'));

const SERVICE_ID = 'ac148810-d857-441c-9679-408f346de14b';
const OTHER_SERVICE_ID = '5e0c2f7a-1b3d-4e5f-8a9b-0c1d2e3f4a5b';
const ORG_ID = 'd9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610';
const LOCATION_ID = '3a19ff88-4620-4d17-9830-ac1d859eb5d5';
const SAL_ID = '7c6d5e4f-3a2b-4c1d-9e0f-a1b2c3d4e5f6';
const TERM_ID = '3f7b145d-84af-42d7-8fae-eaca714b02b2';
const PARENT_TERM_ID = '0b1e2d3c-4f5a-4b6c-8d7e-9f0a1b2c3d4e';
const TAXONOMY_ID = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
const SCHEDULE_ID = 'b1f1c3a2-5d6e-4f70-8a91-b2c3d4e5f601';
const CLOSURE_ID = 'b1f1c3a2-5d6e-4f70-8a91-b2c3d4e5f602';
const AREA_ID = 'c2a2d4b3-6e7f-4a81-9b02-c3d4e5f60701';
const PHONE_ID = 'd3b3e5c4-7f80-4b92-8c13-d4e5f6070801';
const CONTACT_ID = 'e4c4f6d5-8091-4ca3-9d24-e5f607080901';
const NO_PHONE_CONTACT_ID = 'f5d5a7e6-91a2-4db4-8e35-f60708090a01';
const COST_ID = '1fdf4d39-3d80-484d-9f92-a8ffa08621e7';
const FUNDING_ID = '1f2df32c-bf08-4b8e-bd6f-e834014b19bc';
const DOCUMENT_ID = 'f6ad7e69-b9c8-42ce-92db-92cedb4c05c0';
const LANGUAGE_ID = '2989d3ed-c547-48f8-8f9d-432d81c7892e';
const PROGRAM_ID = 'e7ec2e57-4540-43fa-b2c7-6be5a0ef7f42';
const ACCESS_ID = 'afcf296e-1cb2-4139-9c88-33d587d1a50b';

/** What a derived id must look like: a UUID (ajv-formats' `uuid`), never one of the graph's own ids. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const derivedId = () => expect.stringMatching(UUID);
const OWN_IDS = [
  SCHEDULE_ID,
  CLOSURE_ID,
  AREA_ID,
  SERVICE_ID,
  ORG_ID,
  LOCATION_ID,
  SAL_ID,
  TERM_ID,
  PARENT_TERM_ID,
  TAXONOMY_ID,
  CONTACT_ID,
  NO_PHONE_CONTACT_ID,
  PHONE_ID,
  COST_ID,
  FUNDING_ID,
  DOCUMENT_ID,
  LANGUAGE_ID,
  PROGRAM_ID,
  ACCESS_ID,
];

const graphLocation = () => ({
  id: LOCATION_ID,
  locationType: 'PHYSICAL',
  name: 'Civic Center',
  description: 'Ground floor',
  url: 'https://example.org/civic',
  street: '1 Main St',
  city: 'Detroit',
  state: 'MI',
  postalCode: '48201',
  country: 'US',
  latitude: 42.33,
  longitude: -83.05,
  accessibility: [{ id: ACCESS_ID, description: 'Step-free entrance', details: 'Lift to all floors', url: 'https://example.org/access' }],
});

/** A service as the graph answers `service { ${SERVICE_FIELDS} }`, every field filled in. */
const graphService = () => ({
  id: SERVICE_ID,
  name: 'Community Counselling',
  description: 'Counselling for families.',
  status: 'ACTIVE',
  url: 'https://example.org/counselling',
  email: 'help@example.org',
  eligibilityDescription: 'Families in Detroit',
  applicationProcess: 'Walk in',
  alert: 'Closed on holidays',
  assuredDate: '2025-01-01',
  minimumAge: 12,
  maximumAge: 100,
  fees: 'Sliding scale',
  free: false,
  languages: ['en', 'es'],
  lastModified: '2025-06-01T12:00:00.000Z',
  organization: { id: ORG_ID },
  taxonomyTerms: [
    {
      id: TERM_ID,
      code: 'counselling',
      name: 'Counselling',
      description: 'Mental health support',
      parentId: PARENT_TERM_ID,
      taxonomy: 'c2c',
      taxonomyId: TAXONOMY_ID,
    },
  ],
  serviceAtLocations: [{ id: SAL_ID, location: graphLocation() }],
  schedules: [
    {
      id: SCHEDULE_ID,
      locationId: LOCATION_ID,
      weekday: 'MO',
      opensAt: '09:00',
      closesAt: '17:00',
      timezone: 'America/Detroit',
      validFrom: '2025-01-01',
      validTo: '2025-12-31',
      closed: false,
      description: 'Mornings by appointment',
    },
    {
      id: CLOSURE_ID,
      locationId: null,
      weekday: null,
      opensAt: null,
      closesAt: null,
      timezone: 'America/Detroit',
      validFrom: '2025-12-24',
      validTo: '2025-12-26',
      closed: true,
      description: null,
    },
  ],
  serviceAreas: [{ id: AREA_ID, postalCode: '48201', name: null, description: 'Downtown' }],
  phones: [{ id: PHONE_ID, number: '+1 313 555 0100', extension: '12', type: 'voice', description: 'Front desk' }],
  contacts: [
    { id: CONTACT_ID, name: 'Ann Persona', title: 'Reception Manager', email: 'ann@example.org', phone: '+1 313 555 0101' },
    { id: NO_PHONE_CONTACT_ID, name: 'No Phone', title: 'Volunteer', email: 'np@example.org', phone: null },
  ],
  costOptions: [
    {
      id: COST_ID,
      option: 'Under 18s',
      amount: 35,
      currency: 'USD',
      amountDescription: 'per session',
      validFrom: '2025-01-01',
      validTo: '2025-12-31',
    },
  ],
  funding: [{ id: FUNDING_ID, source: 'City grant' }],
  requiredDocuments: [{ id: DOCUMENT_ID, document: 'Proof of address', uri: 'https://example.org/docs' }],
  // Spanish has a name and a note; English is a bare code.
  languageDetails: [{ id: LANGUAGE_ID, code: 'es', name: 'Spanish', note: 'Tuesdays' }],
  program: { id: PROGRAM_ID, name: 'Family Support', alternateName: 'FS', description: 'Support for families.' },
});

/**
 * The same service with every field the graph may leave empty left empty (null, or an empty
 * list); what the graph always has (id, name, description, status, organisation) is kept.
 */
const sparseGraphService = () => ({
  ...graphService(),
  url: null,
  email: null,
  eligibilityDescription: null,
  applicationProcess: null,
  alert: null,
  assuredDate: null,
  minimumAge: null,
  maximumAge: null,
  fees: null,
  free: true,
  languages: [],
  taxonomyTerms: [],
  serviceAtLocations: [],
  schedules: [
    {
      id: SCHEDULE_ID,
      locationId: null,
      weekday: 'TU',
      opensAt: '10:00',
      closesAt: '12:00',
      timezone: null,
      validFrom: null,
      validTo: null,
      closed: false,
      description: null,
    },
  ],
  serviceAreas: [{ id: AREA_ID, postalCode: null, name: 'Wayne County', description: null }],
  phones: [{ id: PHONE_ID, number: '+1 313 555 0100', extension: null, type: null, description: null }],
  contacts: [{ id: CONTACT_ID, name: null, title: null, email: null, phone: null }],
  costOptions: [{ id: COST_ID, option: 'Donation', amount: null, currency: null, amountDescription: null, validFrom: null, validTo: null }],
  funding: [],
  requiredDocuments: [{ id: DOCUMENT_ID, document: null, uri: 'https://example.org/docs' }],
  languageDetails: [],
  program: null,
});

const graphOrganization = () => ({
  id: ORG_ID,
  name: 'Robotics for All',
  description: 'Robots',
  email: 'hi@robotics.example',
  website: 'https://robotics.example',
  phone: '+1 313 555 0199',
  street: '2 Main St',
  city: 'Detroit',
  state: 'MI',
  zip: '48202',
  latitude: 42.36,
  longitude: -83.07,
});

const EXPECTED_LOCATION = {
  id: LOCATION_ID,
  location_type: 'physical',
  name: 'Civic Center',
  description: 'Ground floor',
  url: 'https://example.org/civic',
  latitude: 42.33,
  longitude: -83.05,
  addresses: [
    {
      id: derivedId(),
      location_id: LOCATION_ID,
      address_1: '1 Main St',
      city: 'Detroit',
      state_province: 'MI',
      postal_code: '48201',
      country: 'US',
      address_type: 'physical',
    },
  ],
  accessibility: [
    {
      id: ACCESS_ID,
      location_id: LOCATION_ID,
      description: 'Step-free entrance',
      details: 'Lift to all floors',
      url: 'https://example.org/access',
    },
  ],
};

/** Every key anywhere in `doc` whose value is null or undefined, as a path. */
function nullsIn(doc: unknown, at = ''): string[] {
  if (doc === null || doc === undefined) return [at];
  if (Array.isArray(doc)) return doc.flatMap((v, i) => nullsIn(v, `${at}/${i}`));
  if (typeof doc === 'object') return Object.entries(doc).flatMap(([k, v]) => nullsIn(v, `${at}/${k}`));
  return [];
}

/** Every `id` anywhere in `doc` that is not one of the graph's own ids: the derived ones. */
function derivedIdsIn(doc: unknown): string[] {
  if (Array.isArray(doc)) return doc.flatMap(derivedIdsIn);
  if (doc && typeof doc === 'object')
    return Object.entries(doc).flatMap(([k, v]) => (k === 'id' && typeof v === 'string' && !OWN_IDS.includes(v) ? [v] : derivedIdsIn(v)));
  return [];
}

describe('hsdsTerm', () => {
  it('renames to snake_case and adds the language', () => {
    expect(hsdsTerm(graphService().taxonomyTerms[0])).toStrictEqual({
      id: TERM_ID,
      code: 'counselling',
      name: 'Counselling',
      description: 'Mental health support',
      parent_id: PARENT_TERM_ID,
      taxonomy: 'c2c',
      taxonomy_id: TAXONOMY_ID,
      language: 'en',
    });
  });

  it('leaves out a missing parent, taxonomy or code, and describes a term without a description by its name', () => {
    const t = hsdsTerm({ id: TERM_ID, name: 'Top' });
    expect(t).toStrictEqual({ id: TERM_ID, name: 'Top', description: 'Top', language: 'en' });
    for (const k of ['code', 'parent_id', 'taxonomy', 'taxonomy_id', 'term_uri']) expect(k in t).toBe(false);
    expect(
      hsdsTerm({ id: TERM_ID, code: null, name: 'Top', description: null, parentId: null, taxonomy: null, taxonomyId: null }),
    ).toStrictEqual(t);
    expect(hsdsTerm({ id: TERM_ID, name: 'Top', description: '' }).description).toBe('Top');
  });
});

describe('hsdsTaxonomy', () => {
  it('keeps its own id, and describes a taxonomy without a description by its name', () => {
    const full = { id: TAXONOMY_ID, name: 'Open Eligibility', description: 'AIRS-like', uri: 'https://example.org/oe', version: '2.0' };
    expect(hsdsTaxonomy(full)).toStrictEqual(full);
    const bare = hsdsTaxonomy({ id: TAXONOMY_ID, name: 'c2c', description: null, uri: null, version: null });
    expect(bare).toStrictEqual({ id: TAXONOMY_ID, name: 'c2c', description: 'c2c' });
    expect('uri' in bare || 'version' in bare).toBe(false);
  });
});

describe('hsdsLocation', () => {
  it('lowercases the location type and puts the street address under addresses, with a derived UUID', () => {
    expect(hsdsLocation(graphLocation())).toStrictEqual(EXPECTED_LOCATION);
  });

  it('derives the address id stably from the location, different for another location and from the location’s own id', () => {
    const a = hsdsLocation(graphLocation()).addresses[0].id;
    expect(hsdsLocation(graphLocation()).addresses[0].id).toBe(a);
    expect(hsdsLocation({ ...graphLocation(), street: '9 Other St', city: 'Flint' }).addresses[0].id).toBe(a);
    expect(hsdsLocation({ ...graphLocation(), id: SAL_ID }).addresses[0].id).not.toBe(a);
    expect(a).not.toBe(LOCATION_ID);
  });

  it('maps every LocationType of the graph to an HSDS location_type', () => {
    const hsdsTypes: string[] = hsdsSchema('location.json').properties.location_type.enum;
    const graphTypes = enumValues('LocationType');
    expect(graphTypes).toEqual(['PHYSICAL', 'VIRTUAL', 'POSTAL']);
    const mapped = graphTypes.map((t) => hsdsLocation({ id: LOCATION_ID, locationType: t }).location_type);
    expect(mapped).toEqual(['physical', 'virtual', 'postal']);
    expect([...mapped].sort()).toEqual([...hsdsTypes].sort());
  });

  it('has no address without street, city or postal code, one with any of them, and leaves absent values out', () => {
    const virtual = hsdsLocation({
      id: LOCATION_ID,
      locationType: 'VIRTUAL',
      name: 'Online',
      url: 'https://example.org/meet',
      description: null,
      latitude: null,
      longitude: null,
      state: 'MI',
      country: 'US',
    });
    expect(virtual).toStrictEqual({
      id: LOCATION_ID,
      location_type: 'virtual',
      name: 'Online',
      url: 'https://example.org/meet',
      addresses: [],
    });
    for (const k of ['description', 'latitude', 'longitude']) expect(k in virtual).toBe(false);
    for (const only of [{ street: '1 Main St' }, { city: 'Detroit' }, { postalCode: '48201' }]) {
      const l = hsdsLocation({ id: LOCATION_ID, locationType: 'PHYSICAL', ...only });
      expect(l.addresses).toHaveLength(1);
      // The schema requires all five parts; the ones the graph does not know are empty strings.
      expect(l.addresses[0]).toStrictEqual({
        id: derivedId(),
        location_id: LOCATION_ID,
        address_1: only.street ?? '',
        city: only.city ?? '',
        state_province: '',
        postal_code: only.postalCode ?? '',
        country: '',
        address_type: 'physical',
      });
    }
    expect(hsdsLocation({ id: LOCATION_ID, locationType: 'PHYSICAL', street: '', city: '', postalCode: '' }).addresses).toEqual([]);
  });

  it('gives a location without a type the type HSDS requires, physical', () => {
    expect(hsdsLocation({ id: LOCATION_ID }).location_type).toBe('physical');
    expect(hsdsLocation({ id: LOCATION_ID, locationType: null }).location_type).toBe('physical');
  });
});

describe('utcOffsetHours', () => {
  it('gives the standard offset of a zone in hours, winter or summer, north or south', () => {
    expect(utcOffsetHours('America/Detroit')).toBe(-5);
    expect(utcOffsetHours('UTC')).toBe(0);
    expect(utcOffsetHours('Asia/Kolkata')).toBe(5.5);
    // Southern hemisphere: standard time is in July.
    expect(utcOffsetHours('Australia/Sydney')).toBe(10);
    expect(utcOffsetHours('Not/AZone')).toBeNull();
  });
});

describe('hsdsService', () => {
  it('maps a whole service to HSDS 3 field names and shapes', () => {
    expect(hsdsService(graphService())).toStrictEqual({
      id: SERVICE_ID,
      organization_id: ORG_ID,
      name: 'Community Counselling',
      description: 'Counselling for families.',
      url: 'https://example.org/counselling',
      email: 'help@example.org',
      status: 'active',
      application_process: 'Walk in',
      fees_description: 'Sliding scale',
      eligibility_description: 'Families in Detroit',
      minimum_age: 12,
      maximum_age: 100,
      assured_date: '2025-01-01',
      alert: 'Closed on holidays',
      last_modified: '2025-06-01T12:00:00.000Z',
      program_id: PROGRAM_ID,
      languages: [
        { id: derivedId(), service_id: SERVICE_ID, code: 'en' },
        { id: LANGUAGE_ID, service_id: SERVICE_ID, code: 'es', name: 'Spanish', note: 'Tuesdays' },
      ],
      cost_options: [
        {
          id: COST_ID,
          service_id: SERVICE_ID,
          valid_from: '2025-01-01',
          valid_to: '2025-12-31',
          option: 'Under 18s',
          currency: 'USD',
          amount: 35,
          amount_description: 'per session',
        },
      ],
      funding: [{ id: FUNDING_ID, service_id: SERVICE_ID, source: 'City grant' }],
      required_documents: [{ id: DOCUMENT_ID, service_id: SERVICE_ID, document: 'Proof of address', uri: 'https://example.org/docs' }],
      program: {
        id: PROGRAM_ID,
        organization_id: ORG_ID,
        name: 'Family Support',
        alternate_name: 'FS',
        description: 'Support for families.',
      },
      // HSDS 3.0 types the extension as a number.
      phones: [
        { id: PHONE_ID, service_id: SERVICE_ID, number: '+1 313 555 0100', extension: 12, type: 'voice', description: 'Front desk' },
      ],
      contacts: [
        {
          id: CONTACT_ID,
          service_id: SERVICE_ID,
          name: 'Ann Persona',
          title: 'Reception Manager',
          email: 'ann@example.org',
          phones: [{ id: derivedId(), contact_id: CONTACT_ID, number: '+1 313 555 0101' }],
        },
        { id: NO_PHONE_CONTACT_ID, service_id: SERVICE_ID, name: 'No Phone', title: 'Volunteer', email: 'np@example.org', phones: [] },
      ],
      schedules: [
        {
          id: SCHEDULE_ID,
          service_id: SERVICE_ID,
          location_id: LOCATION_ID,
          valid_from: '2025-01-01',
          valid_to: '2025-12-31',
          freq: 'WEEKLY',
          byday: 'MO',
          opens_at: '09:00:00',
          closes_at: '17:00:00',
          // America/Detroit as HSDS 3.0's UTC offset in hours (its standard time).
          timezone: -5,
          description: 'Mornings by appointment',
        },
        // HSDS has no closure flag: no frequency, no weekday, no times, described as closed.
        {
          id: CLOSURE_ID,
          service_id: SERVICE_ID,
          valid_from: '2025-12-24',
          valid_to: '2025-12-26',
          timezone: -5,
          description: 'Closed',
          notes: 'closed',
        },
      ],
      // No name: the postal code names the area.
      service_areas: [
        { id: AREA_ID, service_id: SERVICE_ID, name: '48201', description: 'Downtown', extent: '48201', extent_type: 'postcode' },
      ],
      service_at_locations: [{ id: SAL_ID, service_id: SERVICE_ID, location_id: LOCATION_ID, location: EXPECTED_LOCATION }],
      attributes: [
        {
          id: derivedId(),
          link_id: SERVICE_ID,
          link_type: 'service',
          link_entity: 'service',
          taxonomy_term_id: TERM_ID,
          taxonomy_term: {
            id: TERM_ID,
            code: 'counselling',
            name: 'Counselling',
            description: 'Mental health support',
            parent_id: PARENT_TERM_ID,
            taxonomy: 'c2c',
            taxonomy_id: TAXONOMY_ID,
            language: 'en',
          },
        },
      ],
    });
  });

  it('leaves every absent value out (the key is not there), never null or undefined', () => {
    const sparse = hsdsService(sparseGraphService());
    expect(sparse).toStrictEqual({
      id: SERVICE_ID,
      organization_id: ORG_ID,
      name: 'Community Counselling',
      description: 'Counselling for families.',
      status: 'active',
      last_modified: '2025-06-01T12:00:00.000Z',
      languages: [],
      cost_options: [{ id: COST_ID, service_id: SERVICE_ID, option: 'Donation' }],
      funding: [],
      required_documents: [{ id: DOCUMENT_ID, service_id: SERVICE_ID, uri: 'https://example.org/docs' }],
      phones: [{ id: PHONE_ID, service_id: SERVICE_ID, number: '+1 313 555 0100' }],
      contacts: [{ id: CONTACT_ID, service_id: SERVICE_ID, phones: [] }],
      schedules: [{ id: SCHEDULE_ID, service_id: SERVICE_ID, freq: 'WEEKLY', byday: 'TU', opens_at: '10:00:00', closes_at: '12:00:00' }],
      service_areas: [{ id: AREA_ID, service_id: SERVICE_ID, name: 'Wayne County' }],
      service_at_locations: [],
      attributes: [],
    });
    expect(nullsIn(sparse)).toEqual([]);
    for (const k of [
      'url',
      'email',
      'application_process',
      'fees_description',
      'eligibility_description',
      'minimum_age',
      'maximum_age',
      'assured_date',
      'alert',
      'program',
      'program_id',
    ])
      expect(k in sparse).toBe(false);
    for (const k of ['location_id', 'valid_from', 'valid_to', 'timezone', 'description', 'notes'])
      expect(k in sparse.schedules[0]).toBe(false);
    for (const k of ['extent', 'extent_type', 'description']) expect(k in sparse.service_areas[0]).toBe(false);
    for (const k of ['extension', 'type', 'description']) expect(k in sparse.phones[0]).toBe(false);
    for (const k of ['name', 'title', 'email']) expect(k in sparse.contacts[0]).toBe(false);
    // The fully filled-in service has no null anywhere either (the closure's missing times included).
    expect(nullsIn(hsdsService(graphService()))).toEqual([]);
  });

  it('leaves out a missing organisation, an unknown time zone and an extension that is not a number', () => {
    const s = graphService();
    for (const organization of [null, undefined]) expect('organization_id' in hsdsService({ ...s, organization })).toBe(false);
    const [schedule] = hsdsService({ ...s, schedules: [{ ...s.schedules[0], timezone: 'Not/AZone' }] }).schedules;
    expect('timezone' in schedule).toBe(false);
    for (const extension of ['ext. 12', '', null]) {
      const [phone] = hsdsService({ ...s, phones: [{ ...s.phones[0], extension }] }).phones;
      expect('extension' in phone).toBe(false);
    }
    expect(hsdsService({ ...s, phones: [{ ...s.phones[0], extension: '0042' }] }).phones[0].extension).toBe(42);
    // A closure keeps its own description.
    const closure = hsdsService({ ...s, schedules: [{ ...s.schedules[1], description: 'Holidays' }] }).schedules[0];
    expect(closure).toMatchObject({ description: 'Holidays', notes: 'closed' });
    expect('freq' in closure || 'opens_at' in closure || 'byday' in closure).toBe(false);
  });

  it('derives its language, contact phone and attribute ids as UUIDs, the same on every call, different for different inputs', () => {
    const a = hsdsService(graphService());
    const again = hsdsService(graphService());
    const derived = derivedIdsIn(a);
    // en, Ann's phone, the attribute, the location's address (es is a stored row, with its own id).
    expect(derived).toHaveLength(4);
    for (const id of derived) expect(id).toMatch(UUID);
    expect(new Set(derived).size).toBe(derived.length);
    expect(derivedIdsIn(again)).toEqual(derived);

    // Another service: its languages and attributes are its own, the contact's phone and the address follow the contact and location.
    const other = hsdsService({ ...graphService(), id: OTHER_SERVICE_ID, languageDetails: [] });
    expect(other.languages.map((l: any) => l.id)).not.toContain(a.languages[0].id);
    expect(other.languages.map((l: any) => l.id)).not.toContain(a.languages[1].id);
    expect(a.languages[1].id).toBe(LANGUAGE_ID);
    expect(other.attributes[0].id).not.toBe(a.attributes[0].id);
    expect(other.contacts[0].phones[0].id).toBe(a.contacts[0].phones[0].id);
    // Another term on the same service is another attribute; another contact has another phone id.
    const s = graphService();
    const otherTerm = hsdsService({ ...s, taxonomyTerms: [{ ...s.taxonomyTerms[0], id: PARENT_TERM_ID }] });
    expect(otherTerm.attributes[0].id).not.toBe(a.attributes[0].id);
    const otherContact = hsdsService({ ...s, contacts: [{ ...s.contacts[0], id: NO_PHONE_CONTACT_ID }] });
    expect(otherContact.contacts[0].phones[0].id).not.toBe(a.contacts[0].phones[0].id);
  });

  it('maps every ServiceStatus of the graph to an HSDS status, TEMPORARILY_CLOSED to "temporarily closed"', () => {
    const hsdsStatuses: string[] = hsdsSchema('service.json').properties.status.enum;
    const graphStatuses = enumValues('ServiceStatus');
    expect(graphStatuses).toEqual(['ACTIVE', 'INACTIVE', 'DEFUNCT', 'TEMPORARILY_CLOSED']);
    const mapped = graphStatuses.map((status) => hsdsService({ ...graphService(), status }).status);
    expect(mapped).toEqual(['active', 'inactive', 'defunct', 'temporarily closed']);
    expect([...mapped].sort()).toEqual([...hsdsStatuses].sort());
  });

  it('maps every Weekday of the graph to an iCal byday HSDS accepts', () => {
    const wkst: string[] = hsdsSchema('schedule.json').properties.wkst.enum;
    const s = graphService();
    for (const weekday of enumValues('Weekday')) {
      const [schedule] = hsdsService({ ...s, schedules: [{ ...s.schedules[0], weekday }] }).schedules;
      expect(wkst).toContain(schedule.byday);
    }
  });

  it('selects from the graph every field the mapping reads', () => {
    const selected = new Set(SERVICE_FIELDS.replace(/[{}]/g, ' ').split(/\s+/).filter(Boolean));
    const read = [
      ...Object.keys(graphService()),
      ...Object.keys(graphService().taxonomyTerms[0]),
      ...Object.keys(graphService().serviceAtLocations[0]),
      ...Object.keys(graphLocation()),
      ...Object.keys(graphService().schedules[0]),
      ...Object.keys(graphService().serviceAreas[0]),
      ...Object.keys(graphService().phones[0]),
      ...Object.keys(graphService().contacts[0]),
      ...Object.keys(graphService().costOptions[0]),
      ...Object.keys(graphService().funding[0]),
      ...Object.keys(graphService().requiredDocuments[0]),
      ...Object.keys(graphService().languageDetails[0]),
      ...Object.keys(graphService().program),
      ...Object.keys(graphLocation().accessibility[0]),
    ];
    expect(read.filter((f) => !selected.has(f))).toEqual([]);
    // And SERVICE_FIELDS is a valid selection on the committed resources schema's Service type.
    expect(() => parse(`{ service(id: "x") { ${SERVICE_FIELDS} } }`)).not.toThrow();
    const serviceType = parse(RESOURCES_SDL).definitions.find(
      (d) => d.kind === Kind.OBJECT_TYPE_DEFINITION && d.name.value === 'Service',
    ) as any;
    const serviceFields = serviceType.fields.map((f: any) => f.name.value);
    // Strip the nested selections, innermost first, down to the top-level fields.
    let topLevelText = SERVICE_FIELDS;
    while (/\{[^{}]*\}/.test(topLevelText)) topLevelText = topLevelText.replace(/\{[^{}]*\}/g, ' ');
    const topLevel = topLevelText.split(/\s+/).filter(Boolean);
    expect(topLevel).toContain('serviceAtLocations');
    expect(topLevel.filter((f) => !serviceFields.includes(f))).toEqual([]);
  });
});

describe('hsdsServiceAtLocation', () => {
  it('keeps the graph’s own id and links the service and the location', () => {
    expect(hsdsServiceAtLocation(SERVICE_ID, { id: SAL_ID, location: graphLocation() })).toStrictEqual({
      id: SAL_ID,
      service_id: SERVICE_ID,
      location_id: LOCATION_ID,
      location: EXPECTED_LOCATION,
    });
  });
});

describe('hsdsOrganization', () => {
  it('maps the profile, its phone, and its street address as a headquarters location in the US', () => {
    expect(hsdsOrganization(graphOrganization())).toStrictEqual({
      id: ORG_ID,
      name: 'Robotics for All',
      description: 'Robots',
      email: 'hi@robotics.example',
      website: 'https://robotics.example',
      phones: [{ id: derivedId(), organization_id: ORG_ID, number: '+1 313 555 0199' }],
      locations: [
        {
          id: derivedId(),
          location_type: 'physical',
          name: 'Robotics for All',
          latitude: 42.36,
          longitude: -83.07,
          addresses: [
            {
              id: derivedId(),
              location_id: derivedId(),
              address_1: '2 Main St',
              city: 'Detroit',
              state_province: 'MI',
              postal_code: '48202',
              country: 'US',
              address_type: 'physical',
            },
          ],
        },
      ],
    });
    const o = hsdsOrganization(graphOrganization());
    expect(o.locations[0].addresses[0].location_id).toBe(o.locations[0].id);
  });

  it('derives its phone, location and address ids as UUIDs, the same on every call, different for another organisation', () => {
    const ids = (o: any) => [o.phones[0].id, o.locations[0].id, o.locations[0].addresses[0].id];
    const a = ids(hsdsOrganization(graphOrganization()));
    for (const id of a) expect(id).toMatch(UUID);
    expect(new Set([...a, ORG_ID]).size).toBe(4);
    expect(ids(hsdsOrganization(graphOrganization()))).toEqual(a);
    const b = ids(hsdsOrganization({ ...graphOrganization(), id: OTHER_SERVICE_ID }));
    expect(b.filter((id) => a.includes(id))).toEqual([]);
  });

  it('has no phones without a phone, no location without a street (a city alone is not enough), and no absent keys', () => {
    const bare = hsdsOrganization({ ...graphOrganization(), phone: null, street: null, email: null, website: null });
    expect(bare).toStrictEqual({ id: ORG_ID, name: 'Robotics for All', description: 'Robots', phones: [], locations: [] });
    expect(hsdsOrganization({ id: ORG_ID, name: 'X', city: 'Detroit', zip: '48202' })).toStrictEqual({
      id: ORG_ID,
      name: 'X',
      // HSDS requires a description; an organisation without one is described by its name.
      description: 'X',
      phones: [],
      locations: [],
    });
  });
});

describe('envelope: the HSDS page', () => {
  const items = (n: number) => Array.from({ length: n }, (_, i) => ({ id: i }));

  it('a first, full page of several', () => {
    const contents = items(20);
    const e = envelope(contents, 45, 1, 20);
    expect(e).toEqual({
      total_items: 45,
      total_pages: 3,
      page_number: 1,
      size: 20,
      first_page: true,
      last_page: false,
      empty: false,
      contents,
    });
    expect(e.contents).toBe(contents);
  });

  it('a middle page and the short last page', () => {
    expect(envelope(items(20), 45, 2, 20)).toMatchObject({
      total_pages: 3,
      page_number: 2,
      first_page: false,
      last_page: false,
      empty: false,
    });
    // `size` is the page size asked for, not the number on this page (HSDS's openapi.json
    // describes it as "the number of entities in the current page").
    expect(envelope(items(5), 45, 3, 20)).toMatchObject({
      total_items: 45,
      total_pages: 3,
      page_number: 3,
      size: 20,
      first_page: false,
      last_page: true,
      empty: false,
    });
  });

  it('an exact multiple has no extra page', () => {
    expect(envelope(items(20), 40, 2, 20)).toMatchObject({ total_pages: 2, last_page: true });
    expect(envelope(items(1), 1, 1, 1)).toMatchObject({ total_pages: 1, first_page: true, last_page: true });
  });

  it('nothing found is one empty page, first and last', () => {
    expect(envelope([], 0, 1, 20)).toEqual({
      total_items: 0,
      total_pages: 1,
      page_number: 1,
      size: 20,
      first_page: true,
      last_page: true,
      empty: true,
      contents: [],
    });
  });

  it('a page past the end is empty and last', () => {
    expect(envelope([], 45, 7, 20)).toEqual({
      total_items: 45,
      total_pages: 3,
      page_number: 7,
      size: 20,
      first_page: false,
      last_page: true,
      empty: true,
      contents: [],
    });
  });

  it('matches the Page schema of HSDS’s openapi.json', () => {
    const page = hsdsSchema('openapi.json').components.schemas.Page;
    const validate = new Ajv({ strict: false, allErrors: true }).compile({ ...page, required: Object.keys(page.properties) });
    for (const e of [envelope(items(5), 45, 3, 20), envelope([], 0, 1, 20)])
      expect({ valid: validate(e), errors: validate.errors ?? null }).toEqual({ valid: true, errors: null });
  });
});

describe('against the HSDS 3.0 JSON schemas (test/fixtures/standards/hsds/schema)', () => {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  for (const file of fs.readdirSync(HSDS)) if (file.endsWith('.json') && file !== 'openapi.json') ajv.addSchema(hsdsSchema(file), file);
  /** Each validation error as "path keyword", array indices as `*`. */
  const problems = (schema: string, doc: unknown) => {
    const validate = ajv.getSchema(schema)!;
    validate(doc);
    return [
      ...new Set(
        (validate.errors ?? []).map(
          (e: ErrorObject) =>
            `${e.instancePath.replace(/\/\d+/g, '/*')} ${e.keyword}${e.keyword === 'required' ? ` ${e.params.missingProperty}` : ''}`,
        ),
      ),
    ].sort();
  };

  it('finds real problems (the schemas are loaded and strict)', () => {
    expect(problems('service.json', { id: 'not-a-uuid', status: 'paused' })).toEqual([' required name', '/id format', '/status enum']);
    // The shapes the old mapping wrote are refused: null for absent, a string extension, an IANA zone, an id-less language.
    const s = hsdsService(graphService());
    expect(
      problems('service.json', {
        ...s,
        url: null,
        phones: [{ ...s.phones[0], extension: '12' }],
        schedules: [{ ...s.schedules[0], timezone: 'America/Detroit' }],
        languages: [{ code: 'en' }],
        attributes: [{ ...s.attributes[0], id: `${SERVICE_ID}:${TERM_ID}` }],
      }),
    ).toEqual([
      '/attributes/*/id format',
      '/languages/* required id',
      '/phones/*/extension type',
      '/schedules/*/timezone type',
      '/url type',
    ]);
  });

  it('a fully filled-in service validates with no errors', () => {
    expect(problems('service.json', hsdsService(graphService()))).toEqual([]);
  });

  it('a sparse service validates with no errors', () => {
    expect(problems('service.json', hsdsService(sparseGraphService()))).toEqual([]);
  });

  it('a service with every status, and with a closure only, validates with no errors', () => {
    const s = graphService();
    for (const status of enumValues('ServiceStatus')) expect(problems('service.json', hsdsService({ ...s, status }))).toEqual([]);
    expect(problems('service.json', hsdsService({ ...s, schedules: [s.schedules[1]] }))).toEqual([]);
  });

  it('an organisation, with and without its phone and address, validates with no errors', () => {
    expect(problems('organization.json', hsdsOrganization(graphOrganization()))).toEqual([]);
    expect(problems('organization.json', hsdsOrganization({ id: ORG_ID, name: 'X', city: 'Detroit' }))).toEqual([]);
  });

  it('a taxonomy term, full and bare, and a taxonomy validate with no errors', () => {
    expect(problems('taxonomy_term.json', hsdsTerm(graphService().taxonomyTerms[0]))).toEqual([]);
    expect(problems('taxonomy_term.json', hsdsTerm({ id: TERM_ID, name: 'Top' }))).toEqual([]);
    expect(problems('taxonomy.json', hsdsTaxonomy({ id: TAXONOMY_ID, name: 'c2c', description: null, uri: null, version: null }))).toEqual(
      [],
    );
  });

  it('a location of every type, and a service_at_location, validate with no errors', () => {
    for (const locationType of enumValues('LocationType'))
      expect(problems('location.json', hsdsLocation({ ...graphLocation(), locationType }))).toEqual([]);
    expect(problems('location.json', hsdsLocation({ id: LOCATION_ID, locationType: 'VIRTUAL', url: 'https://example.org/meet' }))).toEqual(
      [],
    );
    expect(problems('location.json', hsdsLocation({ id: LOCATION_ID, city: 'Detroit' }))).toEqual([]);
    expect(problems('service_at_location.json', hsdsServiceAtLocation(SERVICE_ID, { id: SAL_ID, location: graphLocation() }))).toEqual([]);
  });
});

/** The values of an enum in the committed resources SDL, in order. */
function enumValues(name: string): string[] {
  const def = parse(RESOURCES_SDL).definitions.find(
    (d): d is EnumTypeDefinitionNode => d.kind === Kind.ENUM_TYPE_DEFINITION && d.name.value === name,
  );
  return (def?.values ?? []).map((v) => v.name.value);
}
