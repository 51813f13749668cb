import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { ApiClient } from './api-client.entity';

@ObjectType({ description: 'A new API client and its key. The key is shown here once and never again: only its hash is stored.' })
export class CreatedApiClient {
  @Field(() => ApiClient, { description: 'The client.' })
  client: ApiClient;

  @Field({ description: 'The API key. Store it now; exchange it at the gateway (`POST /auth/token`) for a short-lived token.' })
  apiKey: string;
}

@ObjectType({ description: 'What a valid API key stands for (internal: the gateway’s key exchange).' })
@Directive('@inaccessible')
export class ApiKeyGrant {
  @Field(() => ID, { description: 'The client’s id.' })
  clientId: string;

  @Field(() => ID, { description: 'The owning organisation’s id.' })
  organizationId: string;

  @Field(() => [String], { description: 'The client’s scopes.' })
  scopes: string[];
}
