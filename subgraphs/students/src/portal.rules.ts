import { allowAll, hasAnyRole } from '@c2c/kernel';

export const portalRules = {
  Query: {
    // The resolver narrows to the rows the student access rules allow; these roles may ask at all.
    caseloadOverview: hasAnyRole('district_sis', 'district_admin', 'partner_staff'),
  },
  // Reached only through a Student field (guarded by `readStudentField`) or a caseload row (checked per student by the query).
  ...allowAll(
    'AttendanceDay',
    'AttendanceWeek',
    'AttendanceWeekDay',
    'AttendanceSummary',
    'AttendanceMonth',
    'EarlyWarning',
    'EarlyWarningIndicator',
    'EnrollmentPeriod',
    'CaseloadRow',
    'CaseloadRowConnection',
    'CaseloadRowEdge',
  ),
};
