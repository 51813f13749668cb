import { mintToken, SUBGRAPH_SECRET_HEADER } from '@c2c/kernel';
import express, { type Response } from 'express';
import type { RouteRegistrar } from '../routes';
import { embedCors } from '../embed/embed.cors';
import { signEmbedToken } from './signing-keys';

/** Lifetime of a token issued for an API key: short, so a revoked client's last token lapses soon. */
export const API_TOKEN_TTL_SECONDS = 300;

const EXCHANGE = 'mutation($apiKey: String!) { exchangeApiKey(apiKey: $apiKey) { clientId organizationId scopes } }';

function fail(res: Response, status: number, code: string, message: string, extra: Record<string, unknown> = {}) {
  res
    .status(status)
    .set('cache-control', 'no-store')
    .json({ errors: [{ message, extensions: { code, ...extra } }] });
}

/**
 * `POST /auth/token` with `{ "apiKey": "…" }`: the gateway exchanges a third-party app's API
 * key for a short-lived JWT (role `embed`, sub `client:<id>`, org, scope), which reads what
 * the role table gives `embed`: public listings only. It is signed with the gateway's own key
 * (issuer `C2C_GATEWAY_ISSUER`, public keys at /.well-known/jwks.json: signing-keys.ts), or
 * HS256 with the shared secret when the gateway has no key and no identity provider is set.
 *
 * The key is checked by the partners subgraph's `exchangeApiKey`, called directly with the
 * subgraph secret and no user token. That field is `@inaccessible`: it is not in the API
 * schema, so no client query through /graphql can reach it, and partners refuses it to any
 * caller that sends a user token. A revoked client's key gets no token from then on.
 */
export const apiKeyExchange: RouteRegistrar = (app, { config, log, protect }) => {
  // The gateway's own front line (rate limit per IP), when the gateway provides it: keys are not guessed at speed.
  // Embedders exchange their key from their own pages: the same origin allowlist as the embed routes.
  const cors = embedCors();
  app.options('/auth/token', cors);
  app.post('/auth/token', cors, ...protect, express.json({ limit: '4kb' }), async (req, res) => {
    const apiKey = req.body?.apiKey;
    if (typeof apiKey !== 'string' || !apiKey || apiKey.length > 200) {
      return fail(res, 400, 'BAD_USER_INPUT', 'Send { "apiKey": "<your key>" }', { field: 'apiKey' });
    }
    // The gateway's own key when it has one (always with an identity provider); else HS256 with the shared secret.
    const { signingKeys } = config;
    const secret = config.env.jwtSecret;
    if (!signingKeys && !secret) return fail(res, 503, 'INTERNAL_SERVER_ERROR', 'API key exchange needs a signing key on the gateway');
    let body: any;
    try {
      const answer = await fetch(config.subgraphUrls.partners, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [SUBGRAPH_SECRET_HEADER]: config.env.subgraphSecret },
        body: JSON.stringify({ query: EXCHANGE, variables: { apiKey } }),
        signal: AbortSignal.timeout(config.subgraphTimeoutMs),
      });
      body = await answer.json();
    } catch (err) {
      log.error({ err: String((err as Error)?.message ?? err) }, 'API key exchange: partners did not answer');
      return fail(res, 503, 'INTERNAL_SERVER_ERROR', 'The key could not be checked; try again');
    }
    const grant = body?.data?.exchangeApiKey;
    if (!grant) {
      const code = body?.errors?.[0]?.extensions?.code;
      if (code === 'UNAUTHENTICATED') return fail(res, 401, 'UNAUTHENTICATED', 'Invalid or revoked API key');
      log.error({ code }, 'API key exchange: unexpected answer from partners');
      return fail(res, 503, 'INTERNAL_SERVER_ERROR', 'The key could not be checked; try again');
    }
    const claims = { sub: `client:${grant.clientId}`, org: grant.organizationId, scope: grant.scopes, ttlSeconds: API_TOKEN_TTL_SECONDS };
    const token = signingKeys
      ? await signEmbedToken(signingKeys, { ...claims, issuer: config.env.gatewayIssuer, audience: config.env.jwtAudience })
      : await mintToken({ ...claims, secret: secret!, roles: ['embed'], issuer: config.env.jwtIssuer, audience: config.env.jwtAudience });
    res.set('cache-control', 'no-store').json({ access_token: token, token_type: 'Bearer', expires_in: API_TOKEN_TTL_SECONDS });
  });
};
