import * as demo from '../dataset';
import type { EntityManager } from '@mikro-orm/knex';
import {
  Agreement,
  Alignment,
  AlignmentReview,
  FocusArea,
  Organization,
  Partnership,
  PartnershipStatus,
  Sector,
  Staff,
} from '@c2c/partners';

export async function seedPartners(em: EntityManager) {
  const u = demo.demoUniverse();
  const contactOf = (orgId: string) => {
    const s = u.staff.find((x) => x.organizationId === orgId);
    return s ? { contactName: s.name, contactEmail: s.email, contactPhone: null } : {};
  };
  for (const o of u.organizations) {
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
      // Private fields, derived from the demo data: the legal name, and the first staff member as the hub's contact.
      legalName: o.sector === 'COMMUNITY_ORGANIZATION' ? `${o.name}, Inc.` : o.name,
      ...contactOf(o.id),
    });
  }
  for (const a of u.agreements) {
    em.create(Agreement, {
      id: a.id,
      organizationId: a.organizationId,
      scopes: a.scopes,
      recordKinds: a.recordKinds,
      signatory: a.signatory,
      signedAt: new Date(a.signedAt),
      effectiveFrom: new Date(a.effectiveFrom),
      expiresAt: new Date(a.expiresAt!),
      revokedAt: a.revokedAt ? new Date(a.revokedAt) : null,
      revokedBy: a.revokedBy,
      revokeReason: a.revokeReason,
    });
  }
  for (const p of u.staff) em.create(Staff, { ...p });
  // The demo data spells the enum values as strings, the very values the columns store.
  for (const p of u.partnerships)
    em.create(Partnership, { ...p, focusAreas: p.focusAreas as FocusArea[], status: p.status as PartnershipStatus });
  // Recorded in review order, so a later review also has the later createdAt.
  u.alignmentReviews.forEach((r, i) =>
    em.create(AlignmentReview, { ...r, alignment: r.alignment as Alignment, createdAt: new Date(Date.UTC(2026, 0, 1) + i * 1000) }),
  );
  await em.flush();
}
