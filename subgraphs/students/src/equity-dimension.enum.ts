import { registerEnumType } from 'type-graphql';

/** The breakdowns of an equity release; every release carries all of them (see equity.logic.ts). */
export enum EquityDimension {
  RACE_ETHNICITY = 'RACE_ETHNICITY',
  SEX = 'SEX',
  ECONOMICALLY_DISADVANTAGED = 'ECONOMICALLY_DISADVANTAGED',
  DISABILITY = 'DISABILITY',
  ENGLISH_LEARNER = 'ENGLISH_LEARNER',
  GRADE = 'GRADE',
  SCHOOL = 'SCHOOL',
  HOME_ZIP = 'HOME_ZIP',
  SCHOOL_GRADE = 'SCHOOL_GRADE',
  PARTICIPATION = 'PARTICIPATION',
}

registerEnumType(EquityDimension, {
  name: 'EquityDimension',
  description: 'A breakdown of the students of an equity report.',
  valuesConfig: {
    RACE_ETHNICITY: {
      description:
        'Federal race/ethnicity, groups named by their OneRoster field: Hispanic or Latino of any race first, then a student with several races (or demographicRaceTwoOrMoreRaces) as demographicRaceTwoOrMoreRaces, then the one race; "unknown" when none is recorded.',
    },
    SEX: { description: 'OneRoster sex: male, female, other or unspecified.' },
    ECONOMICALLY_DISADVANTAGED: { description: 'Economically disadvantaged: "true", "false" or "unknown".' },
    DISABILITY: { description: 'Has a disability: "true", "false" or "unknown".' },
    ENGLISH_LEARNER: { description: 'English learner: "true", "false" or "unknown".' },
    GRADE: { description: 'Current grade as a OneRoster grade code, or "unknown".' },
    SCHOOL: { description: 'Current school, by School id.' },
    HOME_ZIP: { description: 'Home zip code, or "unknown".' },
    SCHOOL_GRADE: { description: 'Grade within school: the group is the grade, `schoolId` names the school.' },
    PARTICIPATION: {
      description: 'Programme participation in the period: "participant" or "nonParticipant" (the separate participation view).',
    },
  },
});
