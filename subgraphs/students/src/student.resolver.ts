import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { FilterQuery } from '@mikro-orm/core';
import { badInput, Connection, connectionOf, isUuid, normalizeId, notFound, PageArgs, pageWindow, type HubContext } from '@c2c/kernel';
import { Organization as OrganizationRef } from './organization.stub';
import { Enrollment } from './enrollment.entity';
import { assertGrade } from './grade.validation';
import { ProgramParticipation } from './program-participation.entity';
import { isDistrict, readableStudent } from './student.access';
import { Student } from './student.entity';
import { enrollmentsByStudent, ownOrganizationParticipationsByStudent, participationsByStudent } from './student.loaders';

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
      'One student by id. The district reads any student; partner staff only a participant of their organisation’s programmes with active consent (FORBIDDEN otherwise).',
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
