import * as demo from '../dataset';
import type { EntityManager } from '@mikro-orm/knex';
import { Enrollment, ProgramParticipation, RecordStatus, Student } from '@c2c/students';

const SCHOOL_YEAR = '2026-2027';
const at = (iso: string | null) => (iso ? new Date(iso) : null);

/** The demo universe's students, this year's enrollment of each, and every programme participation, with the universe's ids. */
export async function seedStudents(em: EntityManager) {
  const universe = demo.demoUniverse();
  for (const s of universe.students) {
    const student = em.create(Student, {
      id: s.id,
      sourcedId: s.sourcedId,
      givenName: s.givenName,
      familyName: s.familyName,
      birthDate: s.birthDate,
      grade: s.grade,
      schoolId: s.schoolId,
      gender: s.gender,
    });
    em.create(Enrollment, {
      student,
      schoolId: s.schoolId,
      schoolYear: SCHOOL_YEAR,
      grade: s.grade,
      entryDate: s.entryDate,
      status: RecordStatus.ACTIVE,
    });
  }
  for (const p of universe.participations) {
    em.create(ProgramParticipation, {
      id: p.id,
      student: p.studentId,
      organizationId: p.organizationId,
      programName: p.programName,
      startDate: p.startDate,
      endDate: p.endDate,
      consentGivenAt: at(p.consentGivenAt),
      consentExpiresAt: at(p.consentExpiresAt),
      consentRevokedAt: at(p.consentRevokedAt),
      consentGivenBy: p.consentGivenBy,
      assignedStaffIds: p.assignedStaffIds,
    });
  }
  await em.flush();
}
