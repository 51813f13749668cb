import { Field, ID, InputType } from 'type-graphql';

@InputType({ description: 'A taxonomy record (HSDS taxonomy), created or replaced by id.' })
export class TaxonomyInput {
  @Field(() => ID, { description: 'Stable id (a UUID).' })
  id: string;

  @Field({ description: 'Name, 1–100 characters, unique in the hub; its terms name it so.' })
  name: string;

  @Field(() => String, { nullable: true, description: 'Description (at most 2000 characters).' })
  description?: string | null;

  @Field(() => String, { nullable: true, description: 'An http(s) URI where it is published.' })
  uri?: string | null;

  @Field(() => String, { nullable: true, description: 'Version (at most 100 characters).' })
  version?: string | null;
}
