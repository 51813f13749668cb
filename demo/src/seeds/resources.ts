import * as demo from '../dataset';
import type { EntityManager } from '@mikro-orm/knex';
import {
  CostOption,
  Location,
  LocationType,
  Schedule,
  Service,
  ServiceArea,
  ServiceAtLocation,
  ServiceContact,
  ServicePhone,
  ServiceStatus,
  ServiceTaxonomy,
  TaxonomyTerm,
} from '@c2c/resources';
import {
  demoClosures,
  demoDirectory,
  demoServiceAreas,
  demoWeekly,
  DEMO_TIMEZONE,
  locationIdOf,
  programmeOf,
  serviceTermCode,
  termId,
} from '../directory';

const ENTITY_ID = (kind: string, serviceId: string, n: number | string) => demo.demoId(kind, `${serviceId}:${n}`);

/** The demo universe's services, with its ids so referrals and organisations line up, and the directory around them. */
export async function seedResources(em: EntityManager) {
  const u = demo.demoUniverse();
  const { terms, zips } = demoDirectory();
  const orgName = new Map(u.organizations.map((o) => [o.id, o.name]));
  for (const t of terms) em.create(TaxonomyTerm, { ...t, taxonomy: 'c2c' });
  const locations = new Set<string>();
  for (const s of u.services) {
    const ageText = s.minimumAge == null ? 'All ages.' : `Ages ${s.minimumAge}${s.maximumAge === s.minimumAge ? '' : `–${s.maximumAge}`}.`;
    em.create(Service, {
      id: s.id,
      organizationId: s.organizationId,
      name: s.name,
      description: s.description,
      status: s.status as ServiceStatus,
      imperative: s.imperative,
      eligibilityDescription: `${ageText} Families living or going to school in the city.`,
      applicationProcess: s.free
        ? 'Call or walk in during opening hours; no referral needed.'
        : 'Call to register; ask about help with fees.',
      alert: s.status === 'TEMPORARILY_CLOSED' ? 'Paused this month while the site is renovated; call for the reopening date.' : null,
      assuredDate: '2026-09-01',
      minimumAge: s.minimumAge,
      maximumAge: s.maximumAge,
      free: s.free,
      fees: s.fees,
      languages: s.languages,
      url: s.url,
      email: s.email,
      phone: s.phone,
      street: s.street,
      city: s.city,
      state: s.state,
      zip: s.zip,
      latitude: s.latitude,
      longitude: s.longitude,
    });
    const code = serviceTermCode(s);
    em.create(ServiceTaxonomy, { id: ENTITY_ID('service_taxonomy', s.id, code), serviceId: s.id, termId: termId(code), direct: true });
    const top = terms.find((t) => t.id === termId(code))!.parentId!;
    em.create(ServiceTaxonomy, { id: ENTITY_ID('service_taxonomy', s.id, top), serviceId: s.id, termId: top, direct: false });

    const locationId = locationIdOf(s);
    if (!locations.has(locationId)) {
      locations.add(locationId);
      em.create(Location, {
        id: locationId,
        organizationId: s.organizationId,
        locationType: LocationType.PHYSICAL,
        name: orgName.get(s.organizationId) ?? programmeOf(s),
        street: s.street,
        city: s.city,
        state: s.state,
        postalCode: s.zip,
        country: 'US',
        latitude: s.latitude,
        longitude: s.longitude,
      });
    }
    em.create(ServiceAtLocation, { id: ENTITY_ID('service_at_location', s.id, locationId), serviceId: s.id, locationId });
    demoWeekly(s).forEach((w, i) =>
      em.create(Schedule, {
        id: ENTITY_ID('schedule', s.id, i),
        serviceId: s.id,
        locationId,
        timezone: DEMO_TIMEZONE,
        closed: false,
        ...w,
      }),
    );
    demoClosures(s).forEach((c, i) =>
      em.create(Schedule, { id: ENTITY_ID('closure', s.id, i), serviceId: s.id, locationId, timezone: DEMO_TIMEZONE, closed: true, ...c }),
    );
    for (const zip of demoServiceAreas(s, zips))
      em.create(ServiceArea, { id: ENTITY_ID('service_area', s.id, zip), serviceId: s.id, postalCode: zip, name: `ZIP ${zip}` });
    em.create(ServicePhone, {
      id: ENTITY_ID('phone', s.id, 0),
      serviceId: s.id,
      number: s.phone,
      type: 'voice',
      description: 'Front desk, during opening hours.',
    });
    s.costOptions.forEach((c, i) => em.create(CostOption, { id: ENTITY_ID('cost_option', s.id, i), serviceId: s.id, ...c }));
    em.create(ServiceContact, {
      id: ENTITY_ID('contact', s.id, 0),
      serviceId: s.id,
      name: 'Intake coordinator',
      title: 'Family intake',
      email: s.email,
      phone: s.phone,
    });
  }
  await em.flush();
}
