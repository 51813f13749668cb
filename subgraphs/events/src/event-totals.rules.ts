import { allowAll, hasAnyRole } from '@c2c/kernel';

/**
 * Aggregates only, never rows. Partners will get them once their organisation holds an
 * active data-sharing agreement covering them (not built yet), so for now they are refused.
 */
export const eventTotalsRules = {
  Query: { eventTotals: hasAnyRole('cec_admin', 'evaluator') },
  ...allowAll('EventTotals', 'EventTotalsCell'),
};
