import { registerEnumType } from 'type-graphql';

/** Ordered from no concern to the most: sorting and "worst of" compare by this order. */
export enum FlagLevel {
  NONE = 'NONE',
  WARNING = 'WARNING',
  AT_RISK = 'AT_RISK',
}

registerEnumType(FlagLevel, {
  name: 'FlagLevel',
  description: 'An early-warning level (Ed-Fi early-warning indicators).',
  valuesConfig: {
    NONE: { description: 'Within the thresholds, or nothing to judge by.' },
    WARNING: { description: 'Past the warning threshold: watch.' },
    AT_RISK: { description: 'Past the at-risk threshold: act.' },
  },
});
