import { allowAll, hasAnyRole } from '@c2c/kernel';

const readers = hasAnyRole('district_admin', 'cec_admin');
const districtAdmin = hasAnyRole('district_admin');

/** Partnerships and their alignment: the district's administrators manage them; they and hub operators read them. */
export const partnershipRules = {
  Query: { partnerships: readers, partnershipAlignmentReport: readers },
  Mutation: { createPartnership: districtAdmin, reviewPartnershipAlignment: districtAdmin },
  Partnership: readers,
  AlignmentReview: readers,
  ...allowAll('PartnershipConnection', 'PartnershipEdge', 'AlignmentReport', 'AlignmentCountsRow', 'FocusAreaAlignment', 'SchoolAlignment'),
};
