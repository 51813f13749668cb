import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { HubContext } from '@c2c/kernel';
import { AcademicSession } from './academic-session.entity';
import { StudentSchoolAttendanceEvent } from './attendance-event.entity';
import { Class } from './class.entity';
import { Course } from './course.entity';
import { CourseTranscript } from './course-transcript.entity';
import { DisciplineIncident } from './discipline-incident.entity';
import { Organization as OrganizationRef } from './organization.stub';
import { academicSessionById, courseById } from './record.loaders';
import { listOf } from './sync-values.logic';
import { School } from './school.entity';

@Resolver(() => StudentSchoolAttendanceEvent)
export class AttendanceEventResolver {
  @FieldResolver(() => OrganizationRef, { description: 'The school the attendance was taken at.' })
  school(@Root() e: StudentSchoolAttendanceEvent): OrganizationRef {
    return { id: e.schoolId };
  }
}

@Resolver(() => DisciplineIncident)
export class DisciplineIncidentResolver {
  @FieldResolver(() => OrganizationRef, { description: 'The school where the incident happened.' })
  school(@Root() e: DisciplineIncident): OrganizationRef {
    return { id: e.schoolId };
  }
}

@Resolver(() => CourseTranscript)
export class CourseTranscriptResolver {
  @FieldResolver(() => Course, { nullable: true, description: 'The course taken.' })
  course(@Root() t: CourseTranscript, @Ctx() ctx: HubContext) {
    return courseById(ctx).load(t.courseId);
  }

  @FieldResolver(() => AcademicSession, { nullable: true, description: 'The term or other session the mark was given in.' })
  academicSession(@Root() t: CourseTranscript, @Ctx() ctx: HubContext) {
    return academicSessionById(ctx).load(t.academicSessionId);
  }
}

@Resolver(() => School)
export class SchoolResolver {
  @FieldResolver(() => OrganizationRef, { description: 'The school as the hub’s Organization, by the key partners know it by.' })
  organization(@Root() s: School): OrganizationRef {
    return { id: s.id };
  }
}

@Resolver(() => Course)
export class CourseResolver {
  @FieldResolver(() => [String], {
    description: 'Grades the course is for, as OneRoster grade codes (KG, 01 to 12); empty when the SIS gives none.',
  })
  grades(@Root() c: Course): string[] {
    return listOf(c.grades);
  }

  @FieldResolver(() => [String], { description: 'Subjects of the course, e.g. ["Mathematics"].' })
  subjects(@Root() c: Course): string[] {
    return listOf(c.subjects);
  }

  @FieldResolver(() => [String], { description: 'Subject codes (e.g. SCED), in the order of subjects.' })
  subjectCodes(@Root() c: Course): string[] {
    return listOf(c.subjectCodes);
  }
}

@Resolver(() => Class)
export class ClassResolver {
  @FieldResolver(() => [String], { description: 'Grades of the class, as OneRoster grade codes; empty when the SIS gives none.' })
  grades(@Root() c: Class): string[] {
    return listOf(c.grades);
  }

  @FieldResolver(() => [String], { description: 'Subjects of the class.' })
  subjects(@Root() c: Class): string[] {
    return listOf(c.subjects);
  }

  @FieldResolver(() => [String], { description: 'Subject codes, in the order of subjects.' })
  subjectCodes(@Root() c: Class): string[] {
    return listOf(c.subjectCodes);
  }

  @FieldResolver(() => [String], {
    description: 'sourcedIds of the terms (academic sessions) the class runs in, as the SIS sent them (not checked against the sessions).',
  })
  termSourcedIds(@Root() c: Class): string[] {
    return listOf(c.termSourcedIds);
  }

  @FieldResolver(() => [String], { description: 'The periods the class meets in.' })
  periods(@Root() c: Class): string[] {
    return listOf(c.periods);
  }

  @FieldResolver(() => Course, { nullable: true, description: 'The course the class offers; null when the SIS names none.' })
  course(@Root() c: Class, @Ctx() ctx: HubContext) {
    return c.courseId ? courseById(ctx).load(c.courseId) : null;
  }

  @FieldResolver(() => OrganizationRef, { description: 'The school the class is taught at.' })
  school(@Root() c: Class): OrganizationRef {
    return { id: c.schoolId };
  }
}
