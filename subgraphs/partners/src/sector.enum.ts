import { registerEnumType } from 'type-graphql';

/** What kind of organisation a partner is; drives defaults in reports and who refers to whom. */
export enum Sector {
  COMMUNITY_ORGANIZATION = 'COMMUNITY_ORGANIZATION',
  SCHOOL = 'SCHOOL',
  DISTRICT = 'DISTRICT',
  PUBLIC_SCHOOL_ACADEMY = 'PUBLIC_SCHOOL_ACADEMY',
  CITY_AGENCY = 'CITY_AGENCY',
  EARLY_LEARNING_PROVIDER = 'EARLY_LEARNING_PROVIDER',
  HEALTH = 'HEALTH',
  FUNDER = 'FUNDER',
}

registerEnumType(Sector, {
  name: 'Sector',
  description: 'The sector an organisation belongs to.',
  valuesConfig: {
    COMMUNITY_ORGANIZATION: { description: 'A community-based (non-profit) organisation.' },
    SCHOOL: { description: 'A district school.' },
    DISTRICT: { description: 'A school district.' },
    PUBLIC_SCHOOL_ACADEMY: { description: 'A charter or public school academy.' },
    CITY_AGENCY: { description: 'A city department or agency.' },
    EARLY_LEARNING_PROVIDER: { description: 'A child care, Head Start, preschool or home-visiting provider.' },
    HEALTH: { description: 'A health or mental-health provider.' },
    FUNDER: { description: 'A foundation or other funder.' },
  },
});
