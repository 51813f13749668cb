import { Arg, Ctx, Directive, ID, Mutation, Resolver } from 'type-graphql';
import { badInput, conflict, isUuid, normalizeId, notFound, unauthenticated, type HubContext } from '@c2c/kernel';
import { API_CLIENT_SCOPES, ApiClient, hashApiKey, newApiKey } from './api-client.entity';
import { ApiClientInput } from './api-client.input';
import { ApiKeyGrant, CreatedApiClient } from './api-client.types';
import { Organization } from './organization.entity';

@Resolver(() => ApiClient)
export class ApiClientMutations {
  @Mutation(() => CreatedApiClient, {
    nullable: true,
    description:
      'Creates an API client and returns its key, once. Hub operators. CONFLICT when the organisation already has a client of that name.',
  })
  async createApiClient(
    @Arg('input', () => ApiClientInput, { description: 'The client.' }) input: ApiClientInput,
    @Ctx() ctx: HubContext,
  ): Promise<CreatedApiClient> {
    const name = input.name.trim();
    if (!name || name.length > 200) throw badInput('name must be 1–200 characters', { field: 'input.name' });
    const organizationId = normalizeId(input.organizationId);
    const scopes = [...new Set(input.scopes)];
    const unknown = scopes.filter((s) => !(API_CLIENT_SCOPES as readonly string[]).includes(s));
    if (unknown.length)
      throw badInput(`Unknown scope(s) ${unknown.join(', ')}; allowed: ${API_CLIENT_SCOPES.join(', ')}`, { field: 'input.scopes' });
    if (!scopes.length) throw badInput('An API client needs at least one scope', { field: 'input.scopes' });
    return ctx.em.transactional(async (em) => {
      if (!isUuid(organizationId) || !(await em.findOne(Organization, { id: organizationId })))
        throw badInput('No such organisation', { field: 'input.organizationId' });
      if (await em.findOne(ApiClient, { organizationId, name }))
        throw conflict('The organisation already has an API client of that name', { field: 'input.name' });
      const apiKey = newApiKey();
      const client = em.create(ApiClient, { name, organizationId, scopes, keyHash: hashApiKey(apiKey), keyPrefix: apiKey.slice(0, 12) });
      await em.flush();
      return { client, apiKey };
    });
  }

  @Mutation(() => ApiClient, {
    nullable: true,
    description: 'Revokes an API client: its key gets no more tokens (tokens already issued lapse within minutes). Hub operators.',
  })
  async revokeApiClient(@Arg('id', () => ID, { description: 'API client id.' }) id: string, @Ctx() ctx: HubContext) {
    return ctx.em.transactional(async (em) => {
      const key = normalizeId(id);
      const client = isUuid(key) ? await em.findOne(ApiClient, { id: key }) : null;
      if (!client) throw notFound('ApiClient', id);
      if (client.revokedAt) throw conflict('The API client is already revoked', { field: 'id' });
      client.revokedAt = new Date();
      client.revokedBy = ctx.viewer.sub ?? 'unknown';
      await em.flush();
      return client;
    });
  }

  /**
   * The gateway's key exchange. `@inaccessible`: it is not in the gateway's API schema, so
   * no client query can reach it through the gateway; only a direct call with the subgraph
   * secret can, and the rule further refuses any caller that sends a user token.
   */
  @Mutation(() => ApiKeyGrant, {
    nullable: true,
    description: 'Checks an API key and records its use (internal: the gateway’s key exchange; not part of the public API).',
  })
  @Directive('@inaccessible')
  async exchangeApiKey(@Arg('apiKey', { description: 'The key.' }) apiKey: string, @Ctx() ctx: HubContext): Promise<ApiKeyGrant> {
    const client = apiKey.length <= 200 ? await ctx.em.findOne(ApiClient, { keyHash: hashApiKey(apiKey) }) : null;
    if (!client || client.revokedAt) throw unauthenticated('Invalid or revoked API key');
    client.lastUsedAt = new Date();
    await ctx.em.flush();
    return { clientId: client.id, organizationId: client.organizationId, scopes: client.scopes };
  }
}
