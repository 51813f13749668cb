import { allowAll, hasAnyRole } from '@c2c/kernel';

/** The disclosure log is the district's oversight tool; not even the district's SIS service account reads it. */
const districtAdmin = hasAnyRole('district_admin');

export const disclosureRules = {
  Query: { disclosures: districtAdmin, disclosureExport: districtAdmin },
  Disclosure: districtAdmin,
  ...allowAll('DisclosureConnection', 'DisclosureEdge'),
};
