import { registerEnumType } from 'type-graphql';

/**
 * The five strategic imperatives of the collaborative: top terms of the resource taxonomy,
 * what an organisation serves, and how events and partnerships are reported. Shared because
 * partners, resources and events must compose the same enum.
 */
export enum Imperative {
  EARLY_CHILDHOOD = 'EARLY_CHILDHOOD',
  K12 = 'K12',
  AFTERSCHOOL_AND_SUMMER = 'AFTERSCHOOL_AND_SUMMER',
  COLLEGE_AND_CAREER = 'COLLEGE_AND_CAREER',
  BASIC_NEEDS = 'BASIC_NEEDS',
}

registerEnumType(Imperative, {
  name: 'Imperative',
  description: 'One of the five cradle-to-career imperatives.',
  valuesConfig: {
    EARLY_CHILDHOOD: { description: 'Early childhood: birth to age eight, families as first teachers.' },
    K12: { description: 'K-12 schooling.' },
    AFTERSCHOOL_AND_SUMMER: { description: 'Afterschool and summer programmes.' },
    COLLEGE_AND_CAREER: { description: 'College and career supports.' },
    BASIC_NEEDS: { description: 'Basic needs: food, housing, health, transport.' },
  },
});

export const IMPERATIVE_LABELS: Record<Imperative, string> = {
  EARLY_CHILDHOOD: 'Early childhood',
  K12: 'K-12',
  AFTERSCHOOL_AND_SUMMER: 'Afterschool and summer',
  COLLEGE_AND_CAREER: 'College and career',
  BASIC_NEEDS: 'Basic needs',
};
