import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The resources subgraph owns services and checks who may read them; a referral only names one. */
@ObjectType('Service', { description: 'A service of a provider (owned by the resources subgraph).' })
@Directive('@key(fields: "id", resolvable: false)')
export class Service {
  @Field(() => ID, { description: 'Stable identifier, the federation key.' })
  id: string;
}
