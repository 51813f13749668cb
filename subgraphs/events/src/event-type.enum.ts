import { registerEnumType } from 'type-graphql';

/** What kind of activity an event was; the "Type of Event" field of the Imperative #2 data share. */
export enum EventType {
  WORKSHOP = 'WORKSHOP',
  PLAYGROUP = 'PLAYGROUP',
  COMMUNITY_EVENT = 'COMMUNITY_EVENT',
  SCREENING = 'SCREENING',
  HOME_VISIT = 'HOME_VISIT',
  TRAINING = 'TRAINING',
  RESOURCE_FAIR = 'RESOURCE_FAIR',
  OTHER = 'OTHER',
}

registerEnumType(EventType, {
  name: 'EventType',
  description: 'The kind of activity an event was.',
  valuesConfig: {
    WORKSHOP: { description: 'A workshop or class with instruction (parenting, literacy, kindergarten readiness…).' },
    PLAYGROUP: { description: 'A playgroup or play-and-learn session for caregivers and young children.' },
    COMMUNITY_EVENT: { description: 'A community gathering: a celebration, block party, storytime in the park.' },
    SCREENING: { description: 'A developmental, vision, hearing or health screening.' },
    HOME_VISIT: { description: 'A home visit or home-visiting cohort meeting.' },
    TRAINING: { description: 'Training for caregivers, educators, providers or community champions.' },
    RESOURCE_FAIR: { description: 'A resource fair or information-sharing event.' },
    OTHER: { description: 'Any other activity.' },
  },
});
