import * as demo from '@c2c/demo';

/** Facts about the seeded demo data that the tests assert against. */
export const universe = demo.demoUniverse();
export const PUBLIC = ['ACTIVE', 'TEMPORARILY_CLOSED'];
export const isPublic = (s: { status: string }) => PUBLIC.includes(s.status);
export const publicServices = universe.services.filter(isPublic);

/** An organisation with both an INACTIVE and a DEFUNCT service, and those services. */
export const hiddenOrgId = universe.services.find(
  (s) => s.status === 'INACTIVE' && universe.services.some((t) => t.organizationId === s.organizationId && t.status === 'DEFUNCT'),
)!.organizationId;
export const inactive = universe.services.find((s) => s.organizationId === hiddenOrgId && s.status === 'INACTIVE')!;
export const defunct = universe.services.find((s) => s.organizationId === hiddenOrgId && s.status === 'DEFUNCT')!;
export const otherOrgId = universe.organizations.find(
  (o) => o.id !== hiddenOrgId && universe.services.some((s) => s.organizationId === o.id),
)!.id;

export const SERVICE_FIELDS =
  'id name status imperative minimumAge maximumAge free fees languages url email phone street city state zip latitude longitude organization { id }';
