import { badInput } from '@c2c/kernel';

/** OneRoster grade codes this hub serves: kindergarten and grades 1 to 12. */
export const GRADE_CODES = ['KG', '01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12'] as const;
export type GradeCode = (typeof GRADE_CODES)[number];

/**
 * Grade codes are not a GraphQL enum because "01".."12" are not valid enum names; a
 * filter on a code outside the list would silently match nothing, so it is refused.
 */
export function assertGrade(value: string, field: string): GradeCode {
  if (!(GRADE_CODES as readonly string[]).includes(value)) {
    throw badInput(`${field} must be a OneRoster grade code (${GRADE_CODES.join(', ')})`, { field });
  }
  return value as GradeCode;
}
