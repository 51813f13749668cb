import { allow, allowAll, forbidden, hasAnyRole, rule, type HubContext } from '@c2c/kernel';

const cecAdmin = hasAnyRole('cec_admin');

/**
 * Only a caller with no user token may exchange a key: the gateway's `/auth/token` route,
 * which calls partners directly with the subgraph secret (checked before GraphQL runs). The
 * field is also `@inaccessible`, so the gateway never plans a client's query onto it.
 */
export const isKeyExchange = rule('isKeyExchange', { cache: 'contextual' })((_p, _a, ctx: HubContext) =>
  ctx.viewer.anonymous ? true : forbidden('API keys are exchanged by the gateway only'),
);

export const apiClientRules = {
  Query: { apiClients: cecAdmin },
  Mutation: { createApiClient: cecAdmin, revokeApiClient: cecAdmin, exchangeApiKey: isKeyExchange },
  ApiClient: cecAdmin,
  CreatedApiClient: cecAdmin,
  ApiKeyGrant: allow,
  ...allowAll('ApiClientConnection', 'ApiClientEdge'),
};
