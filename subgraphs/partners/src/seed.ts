import { demo } from '@c2c/kernel';
import type { EntityManager } from '@mikro-orm/knex';
import { Organization } from './organization.entity';
import { Sector } from './sector.enum';

export async function seedPartners(em: EntityManager) {
  for (const o of demo.demoUniverse().organizations) {
    em.create(Organization, {
      id: o.id,
      name: o.name,
      sector: o.sector as Sector,
      imperatives: o.imperatives,
      description: o.description,
      street: o.street,
      city: o.city,
      state: o.state,
      zip: o.zip,
      latitude: o.latitude,
      longitude: o.longitude,
      website: o.website,
      phone: o.phone,
      email: o.email,
    });
  }
  await em.flush();
}
