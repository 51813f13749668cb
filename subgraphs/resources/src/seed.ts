import { demo, type Imperative } from '@c2c/kernel';
import type { EntityManager } from '@mikro-orm/knex';
import { Service } from './service.entity';
import { ServiceStatus } from './service-status.enum';

/** The demo universe's services, with its ids so referrals and organisations line up. */
export async function seedResources(em: EntityManager) {
  for (const s of demo.demoUniverse().services) {
    em.create(Service, {
      id: s.id,
      organizationId: s.organizationId,
      name: s.name,
      description: s.description,
      status: s.status as ServiceStatus,
      imperative: s.imperative as Imperative,
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
  }
  await em.flush();
}
