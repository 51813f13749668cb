import { Organization as OrganizationRef } from './organization.stub';
import { FieldResolver, Resolver, Root } from 'type-graphql';
import { Enrollment } from './enrollment.entity';

@Resolver(() => Enrollment)
export class EnrollmentResolver {
  @FieldResolver(() => OrganizationRef, { description: 'The school of the enrollment.' })
  school(@Root() enrollment: Enrollment): OrganizationRef {
    return { id: enrollment.schoolId };
  }
}
