import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { FilterQuery } from '@mikro-orm/core';
import { badInput, Connection, connectionOf, isUuid, normalizeId, notFound, PageArgs, pageWindow, type HubContext } from '@c2c/kernel';
import { Organization as OrganizationRef } from './organization.stub';
import { Enrollment } from './enrollment.entity';
import { assertGrade } from './grade.validation';
import { StudentSchoolAttendanceEvent } from './attendance-event.entity';
import { CourseTranscript } from './course-transcript.entity';
import { DisciplineIncident } from './discipline-incident.entity';
import { StudentAssessment } from './student-assessment.entity';
import { StudentDemographics } from './student-demographics.entity';
import { Class } from './class.entity';
import {
  assessmentsByStudent,
  attendanceByStudent,
  classesByStudent,
  demographicsByStudent,
  incidentsByStudent,
  transcriptsByStudent,
} from './record.loaders';
import { isIsoDate } from './sync-values.logic';
import { ProgramParticipation } from './program-participation.entity';
import { isDistrict, readableStudent } from './student.access';
import { Student } from './student.entity';
import { enrollmentsByStudent, ownOrganizationParticipationsByStudent, participationsByStudent } from './student.loaders';

@ArgsType()
export class DateRangeArgs {
  @Field(() => String, { nullable: true, description: 'First day to include, YYYY-MM-DD.' })
  from?: string | null;

  @Field(() => String, { nullable: true, description: 'Last day to include, YYYY-MM-DD.' })
  to?: string | null;
}

function checkedRange(args: DateRangeArgs) {
  for (const field of ['from', 'to'] as const) {
    const v = args[field];
    if (v !== undefined && v !== null && !isIsoDate(v)) throw badInput(`${field} must be a date, YYYY-MM-DD`, { field });
  }
  if (args.from && args.to && args.from > args.to) throw badInput('from must not be after to', { field: 'from' });
  return { from: args.from ?? null, to: args.to ?? null };
}

export const StudentConnection = Connection(Student, 'Student', 'A page of students.');

@ArgsType()
export class StudentFilter extends PageArgs {
  @Field(() => ID, { nullable: true, description: 'Only students of this school (an Organization id).' })
  schoolId?: string;

  @Field(() => String, { nullable: true, description: 'Only students in this OneRoster grade (KG, 01 to 12).' })
  grade?: string;
}

@Resolver(() => Student)
export class StudentResolver {
  @Query(() => Student, {
    nullable: true,
    description:
      'One student by id. The district reads any student; partner staff only a participant of their organisation’s programmes with active consent, on their caseload (a partner administrator: any participant of the organisation); FORBIDDEN otherwise.',
  })
  async student(@Arg('id', () => ID, { description: 'Student id.' }) id: string, @Ctx() ctx: HubContext) {
    const student = await readableStudent(ctx, id);
    if (!student) throw notFound('Student', id);
    return student;
  }

  @Query(() => StudentConnection, { nullable: true, description: 'Students by family name, then given name. District only.' })
  async students(@Args() args: StudentFilter, @Ctx() ctx: HubContext) {
    const page = pageWindow(args);
    const where: FilterQuery<Student> = {};
    if (args.schoolId !== undefined && args.schoolId !== null) {
      const schoolId = normalizeId(args.schoolId);
      if (!isUuid(schoolId)) throw badInput('schoolId must be an Organization id', { field: 'schoolId' });
      where.schoolId = schoolId;
    }
    if (args.grade !== undefined && args.grade !== null) where.grade = assertGrade(args.grade, 'grade');
    const [items, total] = await ctx.em.findAndCount(Student, where, {
      orderBy: { familyName: 'asc', givenName: 'asc', id: 'asc' },
      limit: page.limit,
      offset: page.offset,
    });
    return connectionOf(items, total, page);
  }

  @FieldResolver(() => OrganizationRef, { nullable: true, description: 'The school the student attends.' })
  school(@Root() student: Student): OrganizationRef {
    return { id: student.schoolId };
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'Date of birth, YYYY-MM-DD (from OneRoster demographics when synchronised). District only.',
  })
  async birthDate(@Root() student: Student, @Ctx() ctx: HubContext) {
    // The demographics row is read only when the student row has no birth date of its own.
    return student.birthDate ?? (await demographicsByStudent(ctx).load(student.id))?.birthDate ?? null;
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'Gender as recorded by the student information system (OneRoster demographics sex). District only.',
  })
  async gender(@Root() student: Student, @Ctx() ctx: HubContext) {
    return student.gender ?? (await demographicsByStudent(ctx).load(student.id))?.sex ?? null;
  }

  @FieldResolver(() => String, { nullable: true, description: 'Home zip code (demographics metadata.homeZip). District only.' })
  async homeZip(@Root() student: Student, @Ctx() ctx: HubContext) {
    return (await demographicsByStudent(ctx).load(student.id))?.homeZip ?? null;
  }

  @FieldResolver(() => StudentDemographics, {
    nullable: true,
    description: 'Race, ethnicity, sex and programme indicators as OneRoster demographics gives them; null before a sync. District only.',
  })
  demographics(@Root() student: Student, @Ctx() ctx: HubContext) {
    return demographicsByStudent(ctx).load(student.id);
  }

  @FieldResolver(() => [StudentSchoolAttendanceEvent], {
    nullable: true,
    description:
      'Daily attendance, oldest first, optionally within a date range. The district; partners whose agreement and consent cover ATTENDANCE.',
  })
  studentSchoolAttendanceEvents(@Root() student: Student, @Args() range: DateRangeArgs, @Ctx() ctx: HubContext) {
    return attendanceByStudent(ctx, checkedRange(range)).load(student.id);
  }

  @FieldResolver(() => [DisciplineIncident], {
    nullable: true,
    description: 'Behaviour incidents, oldest first, optionally within a date range. The district; partners covered for BEHAVIOUR.',
  })
  disciplineIncidents(@Root() student: Student, @Args() range: DateRangeArgs, @Ctx() ctx: HubContext) {
    return incidentsByStudent(ctx, checkedRange(range)).load(student.id);
  }

  @FieldResolver(() => [StudentAssessment], {
    nullable: true,
    description: 'Assessment results, oldest first, optionally within a date range. The district; partners covered for ASSESSMENTS.',
  })
  studentAssessments(@Root() student: Student, @Args() range: DateRangeArgs, @Ctx() ctx: HubContext) {
    return assessmentsByStudent(ctx, checkedRange(range)).load(student.id);
  }

  @FieldResolver(() => [CourseTranscript], {
    nullable: true,
    description: 'Course history: each course taken with its mark and credits. The district; partners covered for COURSES.',
  })
  courseTranscripts(@Root() student: Student, @Ctx() ctx: HubContext) {
    return transcriptsByStudent(ctx).load(student.id);
  }

  @FieldResolver(() => [Class], {
    nullable: true,
    description:
      'The active classes the student is enrolled in (OneRoster classes; Ed-Fi sections), by title. The district; partners covered for COURSES.',
  })
  classes(@Root() student: Student, @Ctx() ctx: HubContext) {
    return classesByStudent(ctx).load(student.id);
  }

  @FieldResolver(() => [Enrollment], {
    nullable: true,
    description: 'The student’s school enrollments, oldest school year first. District only.',
  })
  enrollments(@Root() student: Student, @Ctx() ctx: HubContext) {
    return enrollmentsByStudent(ctx).load(student.id);
  }

  @FieldResolver(() => [ProgramParticipation], {
    nullable: true,
    description:
      'The student’s programme participations, oldest first. The district sees every organisation’s; partner staff only their own organisation’s.',
  })
  programParticipations(@Root() student: Student, @Ctx() ctx: HubContext) {
    // Another organisation's participation is never loaded for a partner, so not even its existence leaks.
    return isDistrict(ctx.viewer)
      ? participationsByStudent(ctx).load(student.id)
      : ownOrganizationParticipationsByStudent(ctx).load(student.id);
  }
}
