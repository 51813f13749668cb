import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { HubContext } from '@c2c/kernel';
import { AcademicSession } from './academic-session.entity';
import { StudentSchoolAttendanceEvent } from './attendance-event.entity';
import { Course } from './course.entity';
import { CourseTranscript } from './course-transcript.entity';
import { DisciplineIncident } from './discipline-incident.entity';
import { Organization as OrganizationRef } from './organization.stub';
import { academicSessionById, courseById } from './record.loaders';
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
