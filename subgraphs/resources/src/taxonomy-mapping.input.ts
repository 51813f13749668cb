import { Imperative } from '@c2c/kernel';
import { Field, InputType } from 'type-graphql';

@InputType({ description: 'One crosswalk line: exactly one of `termCode` and `codePrefix`, and the imperative.' })
export class TaxonomyMappingInput {
  @Field(() => String, { nullable: true, description: 'The code of one term of the taxonomy.' })
  termCode?: string | null;

  @Field(() => String, { nullable: true, description: 'A prefix of term codes: every term of the taxonomy whose code starts with it.' })
  codePrefix?: string | null;

  @Field(() => Imperative, { description: 'The imperative those terms are classified under.' })
  imperative: Imperative;
}
