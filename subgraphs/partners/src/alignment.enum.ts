import { registerEnumType } from 'type-graphql';

/** The verdict of an alignment review. Stored as its name in a plain string column. */
export enum Alignment {
  ALIGNED = 'ALIGNED',
  PARTLY_ALIGNED = 'PARTLY_ALIGNED',
  NOT_ALIGNED = 'NOT_ALIGNED',
}

registerEnumType(Alignment, {
  name: 'Alignment',
  description: 'How well a partnership aligns with the district’s priorities, as an alignment review found.',
  valuesConfig: {
    ALIGNED: { description: 'Aligned with the district’s priorities.' },
    PARTLY_ALIGNED: { description: 'Partly aligned with the district’s priorities.' },
    NOT_ALIGNED: { description: 'Not aligned with the district’s priorities.' },
  },
});
