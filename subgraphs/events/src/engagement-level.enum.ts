import { registerEnumType } from 'type-graphql';

/**
 * How deeply participants engaged, as the Imperative #2 data share defines it. The
 * collaborative's first indicator counts events per level, so the definitions are the
 * partners' own wording.
 */
export enum EngagementLevel {
  TOUCHPOINT = 'TOUCHPOINT',
  LEVEL_ONE = 'LEVEL_ONE',
  LEVEL_TWO = 'LEVEL_TWO',
  DAY_OF_THE_YOUNG_CHILD = 'DAY_OF_THE_YOUNG_CHILD',
}

registerEnumType(EngagementLevel, {
  name: 'EngagementLevel',
  description: 'How deeply participants engaged in an event (the Imperative #2 engagement levels).',
  valuesConfig: {
    TOUCHPOINT: {
      description:
        'ECE-related give-aways, calls, flyers, or attendance at a large or small information-sharing event without instruction, all in support of awareness of healthy child development.',
    },
    LEVEL_ONE: {
      description:
        'Participation in an activity, training, support group or learning opportunity of 2 hours or less, showing minimal mastery of information and concepts.',
    },
    LEVEL_TWO: {
      description:
        'Participation of 2 hours or more showing commitment to mastery of information and concepts; includes participants who use what they learned to lead, train, or host the activity.',
    },
    DAY_OF_THE_YOUNG_CHILD: { description: 'A Day of the Young Child event.' },
  },
});

/** Every level, in the order reports list them. */
export const ENGAGEMENT_LEVELS: EngagementLevel[] = Object.values(EngagementLevel);
