import { Field, ID, InputType } from 'type-graphql';

@InputType({ description: 'A new API client. Validated as a whole; nothing is saved if any field is wrong.' })
export class ApiClientInput {
  @Field({ description: 'Name of the app, 1–200 characters, unique within the organisation.' })
  name: string;

  @Field(() => ID, { description: 'The organisation that owns the app.' })
  organizationId: string;

  @Field(() => [String], { description: 'One or more of PUBLIC_LISTINGS.' })
  scopes: string[];
}
