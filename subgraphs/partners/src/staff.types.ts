import { Field, ID, ObjectType } from 'type-graphql';

@ObjectType({ description: 'The staff record a partner-role token is bound to (internal: asked by the other subgraphs).' })
export class ViewerIdentity {
  @Field(() => ID, { description: 'The staff record.' })
  staffId: string;

  @Field(() => ID, { description: 'Its organisation.' })
  organizationId: string;
}
