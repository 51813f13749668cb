import 'reflect-metadata';
import path from 'node:path';
import { mergeRules, stubReference, type SubgraphDefinition } from '@c2c/kernel';
import { Disclosure } from './disclosure.entity';
import { DisclosureResolver } from './disclosure.resolver';
import { disclosureRules } from './disclosure.rules';
import { Enrollment } from './enrollment.entity';
import { EnrollmentResolver } from './enrollment.resolver';
import { postgresql } from './migrations/postgresql';
import { sqlite } from './migrations/sqlite';
import { OrganizationResolver } from './organization.resolver';
import { organizationRules } from './organization.rules';
import { ProgramParticipation } from './program-participation.entity';
import { ProgramParticipationResolver } from './program-participation.resolver';
import { programParticipationRules } from './program-participation.rules';
import { Student } from './student.entity';
import { studentReference } from './student.reference';
import { StudentResolver } from './student.resolver';
import { studentRules } from './student.rules';

/**
 * The students subgraph: owner of Student (FERPA education records), enrollments, programme
 * participation with consent, and the disclosure audit log. SIS sync, attendance, behaviour,
 * courses and assessments come later.
 */
export const students: SubgraphDefinition = {
  name: 'students',
  // First: the demo seed loads only while this entity's table is empty.
  entities: [Student, Enrollment, ProgramParticipation, Disclosure],
  migrations: { sqlite, postgresql },
  migrationsDir: path.join(__dirname, '..', 'src', 'migrations'),
  resolvers: [StudentResolver, EnrollmentResolver, ProgramParticipationResolver, OrganizationResolver, DisclosureResolver],
  referenceResolvers: { ...studentReference, ...stubReference('Organization', { normalizeKey: true }) },
  rules: mergeRules(studentRules, programParticipationRules, organizationRules, disclosureRules),
};

export { Student, Enrollment, ProgramParticipation, Disclosure };
export { RecordStatus } from './record-status.enum';
export { now, setClock, resetClock } from './clock.logic';
export {
  studentAccess,
  grantsPartnerAccess,
  partnerBasis,
  consentIsActive,
  PARTNER_STUDENT_FIELDS,
  RECORD_KIND_FIELDS,
  partnerFieldsUnder,
} from './student.access';
