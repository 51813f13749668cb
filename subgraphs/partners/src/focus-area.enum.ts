import { registerEnumType } from 'type-graphql';

/** The district priority a partnership works on. Stored as its name in a JSON list. */
export enum FocusArea {
  AFTERSCHOOL_AND_SUMMER = 'AFTERSCHOOL_AND_SUMMER',
  MENTAL_HEALTH = 'MENTAL_HEALTH',
  EARLY_CHILDHOOD = 'EARLY_CHILDHOOD',
  FAMILY_ENGAGEMENT = 'FAMILY_ENGAGEMENT',
  COLLEGE_AND_CAREER = 'COLLEGE_AND_CAREER',
  BASIC_NEEDS = 'BASIC_NEEDS',
}

registerEnumType(FocusArea, {
  name: 'FocusArea',
  description: 'An area of the district’s priorities a partnership works in.',
  valuesConfig: {
    AFTERSCHOOL_AND_SUMMER: { description: 'Afterschool and summer programmes.' },
    MENTAL_HEALTH: { description: 'Mental health and wellbeing.' },
    EARLY_CHILDHOOD: { description: 'Early childhood and school readiness.' },
    FAMILY_ENGAGEMENT: { description: 'Family and community engagement.' },
    COLLEGE_AND_CAREER: { description: 'College and career readiness.' },
    BASIC_NEEDS: { description: 'Basic needs: food, clothing, housing, transport.' },
  },
});

/** Every focus area, in the fixed order the alignment report lists them. */
export const FOCUS_AREAS: FocusArea[] = Object.values(FocusArea);
