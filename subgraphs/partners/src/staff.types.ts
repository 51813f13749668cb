import { Field, ID, ObjectType } from 'type-graphql';

@ObjectType({ description: 'The staff record a partner-role token is bound to (internal: asked by the other subgraphs).' })
export class ViewerIdentity {
  @Field(() => ID, { description: 'The staff record.' })
  staffId: string;

  @Field(() => ID, { description: 'Its organisation.' })
  organizationId: string;

  @Field(() => [String], { description: 'The roles the record holds: what a caller may do with the token is bounded by them.' })
  roles: string[];
}

@ObjectType({
  description:
    'Whether a staff record belongs to the caller’s organisation and is active (internal: the students subgraph asks it before putting the person on a caseload).',
})
export class StaffMembership {
  @Field(() => ID, { description: 'The staff record.' })
  staffId: string;

  @Field(() => ID, { description: 'Its organisation.' })
  organizationId: string;

  @Field({ description: 'Whether the person is active.' })
  active: boolean;
}
