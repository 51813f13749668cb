import { allowAll, hasAnyRole } from '@c2c/kernel';
import { districtOnly } from './student.rules';

/** Only the SIS team writes the district's records. */
const districtSis = hasAnyRole('district_sis');
/**
 * Record types are reached only through a Student field, which studentAccess has already
 * gated by role, consent, agreement and record kind; their own fields add no further check.
 */
const throughStudent = hasAnyRole('district_sis', 'district_admin', 'partner_staff');

export const syncRules = {
  Query: { syncRun: districtOnly, syncRuns: districtOnly, schools: districtOnly },
  Mutation: {
    startSyncRun: districtSis,
    upsertSchools: districtSis,
    upsertAcademicSessions: districtSis,
    upsertCourses: districtSis,
    upsertClasses: districtSis,
    upsertStudents: districtSis,
    upsertDemographics: districtSis,
    upsertEnrollments: districtSis,
    upsertAttendanceEvents: districtSis,
    upsertDisciplineIncidents: districtSis,
    upsertStudentAssessments: districtSis,
    upsertCourseTranscripts: districtSis,
    syncRows: districtSis,
    finishSyncFile: districtSis,
    reportSyncRows: districtSis,
    finishSyncRun: districtSis,
  },
  SyncRun: districtOnly,
  SyncRowError: districtOnly,
  SyncFileCounts: districtOnly,
  SyncBatchResult: districtSis,
  SyncRowResult: districtSis,
  School: districtOnly,
  StudentDemographics: districtOnly,
  StudentSchoolAttendanceEvent: throughStudent,
  DisciplineIncident: throughStudent,
  StudentAssessment: throughStudent,
  CourseTranscript: throughStudent,
  Course: throughStudent,
  Class: throughStudent,
  AcademicSession: throughStudent,
  ...allowAll('SyncRunConnection', 'SyncRunEdge', 'SchoolConnection', 'SchoolEdge'),
};
