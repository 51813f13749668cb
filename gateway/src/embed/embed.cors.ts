import type { RequestHandler } from 'express';

/**
 * CORS for the public embed and feed routes: only origins listed in C2C_EMBED_ORIGINS
 * (comma-separated, e.g. `https://library.example.org,https://city.example.gov`; `*` for any)
 * may read answers from a browser. Credentials are never allowed: embedders send an API key
 * or its short-lived token in a header, not cookies.
 */
export function embedOrigins(source: NodeJS.ProcessEnv = process.env): string[] {
  return (source.C2C_EMBED_ORIGINS ?? '')
    .split(',')
    .map((o) => o.trim().replace(/\/$/, ''))
    .filter(Boolean);
}

export function embedCors(origins = embedOrigins()): RequestHandler {
  return (req, res, next) => {
    const origin = req.header('origin');
    res.vary('Origin');
    if (origin && (origins.includes('*') || origins.includes(origin))) {
      res.set('access-control-allow-origin', origins.includes('*') ? '*' : origin);
      res.set('access-control-allow-headers', 'authorization, content-type, x-api-key');
      res.set('access-control-allow-methods', 'GET, POST, OPTIONS');
      res.set('access-control-max-age', '600');
    }
    if (req.method === 'OPTIONS') {
      res.status(origin && (origins.includes('*') || origins.includes(origin)) ? 204 : 403).end();
      return;
    }
    next();
  };
}
