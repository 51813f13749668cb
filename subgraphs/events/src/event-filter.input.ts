import { PageArgs } from '@c2c/kernel';
import { ArgsType, Field } from 'type-graphql';

@ArgsType()
export class EventWindowArgs extends PageArgs {
  @Field(() => String, { nullable: true, description: 'Only events on or after this date (YYYY-MM-DD, inclusive).' })
  from?: string | null;

  @Field(() => String, { nullable: true, description: 'Only events on or before this date (YYYY-MM-DD, inclusive).' })
  to?: string | null;
}
