import { registerEnumType } from 'type-graphql';

/** How the guardian's consent reached the district or the partner: FERPA wants it signed and dated, and the form kept. */
export enum GuardianConsentMethod {
  PAPER_FORM = 'PAPER_FORM',
  ELECTRONIC_SIGNATURE = 'ELECTRONIC_SIGNATURE',
  DISTRICT_PORTAL = 'DISTRICT_PORTAL',
}

registerEnumType(GuardianConsentMethod, {
  name: 'GuardianConsentMethod',
  description: 'How a parent or guardian gave consent to share a student’s school data with a programme partner.',
  valuesConfig: {
    PAPER_FORM: { description: 'A signed and dated paper form, kept by whoever recorded it.' },
    ELECTRONIC_SIGNATURE: { description: 'A signed and dated electronic form.' },
    DISTRICT_PORTAL: { description: 'Given through the district’s own parent portal.' },
  },
});
