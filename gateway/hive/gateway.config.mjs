// Hive Gateway (the Guild's federation engine) on the same committed supergraph, unchanged.
// Everything C2C needs from an engine is header propagation:
//   - the caller's `authorization` header, as it came: each subgraph verifies the token itself,
//     so the engine needs neither the JWT secret nor any identity logic;
//   - `x-c2c-subgraph-secret`: the deployment's subgraph secret, which the engine adds and
//     clients never see (a subgraph answers nobody without it);
//   - `x-request-id`, so logs join up across services.
// Nothing else from the client's request is forwarded.
//
//   C2C_SUBGRAPH_SECRET=… npx hive-gateway supergraph schema/supergraph.graphql -c gateway/hive/gateway.config.mjs
//
// Subgraph addresses default to the supergraph's; `C2C_<SUBGRAPH>_URL` overrides one.
// Apollo Router's equivalent is a `headers` section: `propagate: authorization, x-request-id`
// and `insert: x-c2c-subgraph-secret` for `all` subgraphs.
import { defineConfig } from '@graphql-hive/gateway';

const SUBGRAPHS = ['partners', 'resources', 'referrals', 'events', 'students'];
const secret = process.env.C2C_SUBGRAPH_SECRET;
if (!secret) throw new Error('C2C_SUBGRAPH_SECRET is required: subgraphs answer only callers that carry it');

export const gatewayConfig = defineConfig({
  propagateHeaders: {
    fromClientToSubgraphs: ({ request }) => ({
      authorization: request.headers.get('authorization') ?? undefined,
      'x-request-id': request.headers.get('x-request-id') ?? undefined,
      'x-c2c-subgraph-secret': secret,
    }),
  },
  transportEntries: Object.fromEntries(
    SUBGRAPHS.filter((name) => process.env[`C2C_${name.toUpperCase()}_URL`]).map((name) => [
      name,
      { location: process.env[`C2C_${name.toUpperCase()}_URL`] },
    ]),
  ),
  graphiql: false,
  landingPage: false,
  maskedErrors: true,
});
