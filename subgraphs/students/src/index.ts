import { EquityRelease } from './equity-release.entity';
import { StudentsRevision } from './students-revision.entity';
import 'reflect-metadata';
import path from 'node:path';
import { mergeRules, stubReference, type SubgraphDefinition } from '@c2c/kernel';
import { CaseloadMutations } from './caseload.mutations';
import { caseloadRules } from './caseload.rules';
import { Disclosure } from './disclosure.entity';
import { DisclosureResolver } from './disclosure.resolver';
import { disclosureRules } from './disclosure.rules';
import { Enrollment } from './enrollment.entity';
import { EquityResolver } from './equity.resolver';
import { equityRules } from './equity.rules';
import { EnrollmentResolver } from './enrollment.resolver';
import { postgresql } from './migrations/postgresql';
import { PortalResolver, PortalStudentResolver } from './portal.resolver';
import { portalRules } from './portal.rules';
import { sqlite } from './migrations/sqlite';
import { OrganizationResolver } from './organization.resolver';
import { organizationRules } from './organization.rules';
import { ProgramParticipation } from './program-participation.entity';
import { ProgramParticipationResolver } from './program-participation.resolver';
import { ProgramParticipationMutations } from './program-participation.mutations';
import { ParticipationChange } from './participation-change.entity';
import { programParticipationRules } from './program-participation.rules';
import { Student } from './student.entity';
import { studentReference } from './student.reference';
import { StudentResolver } from './student.resolver';
import { studentRules } from './student.rules';
import { School } from './school.entity';
import { AcademicSession } from './academic-session.entity';
import { Class } from './class.entity';
import { Course } from './course.entity';
import { StudentDemographics } from './student-demographics.entity';
import { StudentSchoolAttendanceEvent } from './attendance-event.entity';
import { DisciplineIncident } from './discipline-incident.entity';
import { StudentAssessment } from './student-assessment.entity';
import { CourseTranscript } from './course-transcript.entity';
import { SyncRun } from './sync-run.entity';
import { SyncResolver } from './sync.mutations';
import { syncRules } from './sync.rules';
import {
  AttendanceEventResolver,
  ClassResolver,
  CourseResolver,
  CourseTranscriptResolver,
  DisciplineIncidentResolver,
  SchoolResolver,
} from './record.resolver';

/**
 * The students subgraph: owner of Student (FERPA education records), enrollments, programme
 * participation with consent, the disclosure audit log, and the records the SIS sync writes
 * (schools, sessions, courses, classes, demographics, attendance, incidents, assessments, transcripts).
 */
export const students: SubgraphDefinition = {
  name: 'students',
  // First: the demo seed loads only while this entity's table is empty.
  entities: [
    Student,
    Enrollment,
    ProgramParticipation,
    Disclosure,
    School,
    AcademicSession,
    Course,
    Class,
    StudentDemographics,
    StudentSchoolAttendanceEvent,
    DisciplineIncident,
    StudentAssessment,
    CourseTranscript,
    SyncRun,
    ParticipationChange,
    EquityRelease,
    StudentsRevision,
  ],
  migrations: { sqlite, postgresql },
  // The gateway never shares students fetches (each read is a disclosure): this subgraph does, and audits each.
  shareIdenticalRequests: true,
  migrationsDir: path.join(__dirname, '..', 'src', 'migrations'),
  resolvers: [
    StudentResolver,
    EnrollmentResolver,
    ProgramParticipationResolver,
    ProgramParticipationMutations,
    CaseloadMutations,
    OrganizationResolver,
    DisclosureResolver,
    SyncResolver,
    AttendanceEventResolver,
    DisciplineIncidentResolver,
    CourseTranscriptResolver,
    CourseResolver,
    ClassResolver,
    SchoolResolver,
    EquityResolver,
    PortalStudentResolver,
    PortalResolver,
  ],
  referenceResolvers: { ...studentReference, ...stubReference('Organization', { normalizeKey: true }) },
  rules: mergeRules(
    studentRules,
    programParticipationRules,
    caseloadRules,
    organizationRules,
    disclosureRules,
    syncRules,
    equityRules,
    portalRules,
  ),
  // Caseload assignments ask partners whether the staff member is an active one of the organisation.
  peers: ['partners'],
};

export { Student, Enrollment, ProgramParticipation, Disclosure, School, StudentSchoolAttendanceEvent, SyncRun };
export { KINDS as SYNC_KINDS, MAX_BATCH as SYNC_MAX_BATCH } from './sync.logic';
export { RecordStatus } from './record-status.enum';
export { now, setClock, resetClock } from './clock.logic';
export { publishRelease, releaseStructure, TOTAL as EQUITY_TOTAL, type GroupRow as EquityGroupRow } from './equity.logic';
export { EquityDimension } from './equity-dimension.enum';
export {
  studentAccess,
  grantsPartnerAccess,
  onViewersCaseload,
  partnerBasis,
  consentIsActive,
  PARTNER_STUDENT_FIELDS,
  RECORD_KIND_FIELDS,
  partnerFieldsUnder,
} from './student.access';
export { ED_FI_THRESHOLDS, deploymentThresholds } from './early-warning.logic';
