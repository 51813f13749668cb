import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { HubContext } from '@c2c/kernel';
import { Class } from './class.entity';
import { Enrollment } from './enrollment.entity';
import { Organization as OrganizationRef } from './organization.stub';
import { classById } from './record.loaders';

@Resolver(() => Enrollment)
export class EnrollmentResolver {
  @FieldResolver(() => OrganizationRef, { description: 'The school of the enrollment.' })
  school(@Root() enrollment: Enrollment): OrganizationRef {
    return { id: enrollment.schoolId };
  }

  @FieldResolver(() => Class, {
    nullable: true,
    description: 'The class of the enrollment (classSourcedId); null for a school-level enrollment.',
  })
  class(@Root() enrollment: Enrollment, @Ctx() ctx: HubContext) {
    return enrollment.classId ? classById(ctx).load(enrollment.classId) : null;
  }
}
