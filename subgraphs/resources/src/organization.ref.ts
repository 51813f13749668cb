import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * Organization is owned by the partners subgraph; this stub carries only its key so that
 * resources can add `Organization.services` and point `Service.organization` at it.
 */
@ObjectType('Organization', { description: 'An organisation of the collaborative (owned by the partners subgraph); here, the services it offers.' })
@Directive('@key(fields: "id")')
export class Organization {
  @Field(() => ID, { description: 'Stable identifier, the federation key.' })
  id: string;
}
