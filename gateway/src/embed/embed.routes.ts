import fs from 'node:fs';
import path from 'node:path';
import type { Express, Request, Response } from 'express';
import { cacheFor, callerOf, isUnauthenticated, refuseToken } from '../caller';
import type { RouteDeps } from '../routes';
import { embedCors } from './embed.cors';
import { DEMO_HTML } from './embed.demo';
import { ageText, costLines, distanceText, languageNames, summaryLine, zipCentre } from './embed.facts';
import { hoursText } from './embed.hours';

const SEARCH = `query EmbedSearch($text: String, $term: ID, $age: Int, $zip: String, $near: GeoRadiusInput, $distanceFrom: GeoPointInput, $openNow: Boolean, $first: Int, $after: String) {
  searchServices(text: $text, taxonomyTermId: $term, age: $age, zip: $zip, near: $near, distanceFrom: $distanceFrom, openNow: $openNow, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage }
    edges { distanceKm node { id name description url alert openNow minimumAge maximumAge free fees languages organization { name } phones { number }
      costOptions { option amount currency amountDescription }
      locations { street city state postalCode }
      schedules { weekday opensAt closesAt closed validFrom validTo timezone } } } } }`;

/** The sites of the services in and around a ZIP code, to place the ZIP itself (see `zipCentre`). */
const ZIP_SITES = `query EmbedZipSites($zip: String) { searchServices(zip: $zip, first: 100) { edges { node { zip latitude longitude } } } }`;

const DEFAULT_RADIUS_KM = 25;

/** The component's source sits beside this file in src/; compiled code runs from dist/. */
function componentSource(): string {
  for (const candidate of [path.join(__dirname, 'c2c-listings.js'), path.join(__dirname, '..', '..', 'src', 'embed', 'c2c-listings.js')]) {
    if (fs.existsSync(candidate)) return fs.readFileSync(candidate, 'utf8');
  }
  throw new Error('c2c-listings.js is missing from the gateway');
}

const localDate = (tz: string) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());

/**
 * The web component, its demo page and the one read it makes (`/embed/api/search`), with
 * CORS for the origins in C2C_EMBED_ORIGINS. The search answers from the graph, as the
 * caller: anonymous, or the embed token the component got for its API key.
 */
export function embedRoutes(app: Express, deps: RouteDeps) {
  const source = componentSource();
  const cors = embedCors();
  app.get('/embed/c2c-listings.js', cors, (_req, res) => {
    res.type('text/javascript').set('cache-control', 'public, max-age=300').send(source);
  });
  app.get(['/embed', '/embed/', '/embed/demo.html'], (_req, res) => {
    res.type('html').set('cache-control', 'public, max-age=300').send(DEMO_HTML);
  });
  app.options('/embed/api/search', cors);
  app.get('/embed/api/search', cors, ...deps.protect, async (req: Request, res: Response) => {
    const q = req.query;
    const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
    const page = Number(q.page ?? 1);
    const perPage = Math.min(Number(q.per_page ?? 10), 50);
    if (!Number.isInteger(page) || page < 1 || page > 10000)
      return void res.status(400).json({ error: 'page must be a whole number from 1', field: 'page' });
    if (!Number.isInteger(perPage) || perPage < 1)
      return void res.status(400).json({ error: 'per_page must be a whole number from 1', field: 'per_page' });
    const age = str(q.age);
    if (age !== undefined && !/^\d{1,3}$/.test(age))
      return void res.status(400).json({ error: 'age must be a whole number', field: 'age' });
    // A place given as "latitude,longitude" (the component's `near` attribute), within radius_km.
    let near: { latitude: number; longitude: number; radiusKm: number } | undefined;
    const nearText = str(q.near);
    if (nearText !== undefined) {
      const [latitude, longitude, ...rest] = nearText.split(',').map((x) => (x.trim() ? Number(x) : NaN));
      if (rest.length || !(Math.abs(latitude) <= 90) || !(Math.abs(longitude) <= 180))
        return void res.status(400).json({ error: 'near must be "latitude,longitude"', field: 'near' });
      const radius = str(q.radius_km) === undefined ? DEFAULT_RADIUS_KM : Number(q.radius_km);
      if (!(radius > 0 && radius <= 200))
        return void res.status(400).json({ error: 'radius_km must be more than 0 and at most 200', field: 'radius_km' });
      near = { latitude, longitude, radiusKm: radius };
    }
    const offset = (page - 1) * perPage;
    try {
      const caller = callerOf(res);
      const zip = str(q.zip);
      // A ZIP without a place: ordered by distance from the ZIP's centre, so the nearest come
      // first there too. Not `near`: a radius would drop the services serving the ZIP that have
      // no site (by phone, online); `distanceFrom` keeps them, last and without a distance.
      let distanceFrom: { latitude: number; longitude: number } | undefined;
      if (zip && !near && /^\d{5}$/.test(zip)) {
        const sites = await deps.execute(ZIP_SITES, { zip }, { caller });
        distanceFrom = zipCentre(zip, sites.data?.searchServices?.edges.map((e: any) => e.node) ?? []) ?? undefined;
      }
      const r = await deps.execute(
        SEARCH,
        {
          text: str(q.q),
          term: str(q.term),
          age: age === undefined ? undefined : Number(age),
          zip,
          near,
          distanceFrom,
          openNow: q.open_now === 'true' ? true : undefined,
          first: perPage,
          after: offset > 0 ? Buffer.from(`o:${offset - 1}`).toString('base64url') : undefined,
        },
        { caller },
      );
      if (r.errors?.length && !r.data?.searchServices) {
        const e = r.errors[0];
        const field = e.extensions?.field as string | undefined;
        const names: Record<string, string> = { text: 'q', taxonomyTermId: 'term', age: 'age', zip: 'zip', near: 'near' };
        if (isUnauthenticated(e)) return refuseToken(res, e.message);
        const status = e.extensions?.code === 'BAD_USER_INPUT' ? 400 : 502;
        return void res.status(status).json({
          error: status === 502 ? 'The directory could not answer' : e.message,
          ...(field ? { field: names[field] ?? field } : {}),
        });
      }
      const s = r.data.searchServices;
      // Open-now changes by the minute: never cached.
      cacheFor(res, caller, q.open_now === 'true' ? 0 : 60);
      res.json({
        totalCount: s.totalCount,
        hasMore: s.pageInfo.hasNextPage,
        sortedBy: near || distanceFrom ? 'distance' : 'name',
        results: s.edges.map(({ node: n, distanceKm }: any) => {
          const l = n.locations[0];
          const tz = n.schedules[0]?.timezone ?? 'UTC';
          return {
            id: n.id,
            name: n.name,
            url: n.url,
            alert: n.alert,
            openNow: n.openNow,
            organization: n.organization?.name ?? null,
            phone: n.phones[0]?.number ?? null,
            address: l ? [l.street, l.city, [l.state, l.postalCode].filter(Boolean).join(' ')].filter(Boolean).join(', ') : null,
            hours: hoursText(n.schedules, localDate(tz)),
            summary: summaryLine(n.description),
            ages: ageText(n.minimumAge, n.maximumAge),
            cost: costLines(n.free, n.fees, n.costOptions),
            languages: languageNames(n.languages),
            distance: distanceText(distanceKm),
            distanceKm: distanceKm ?? null,
          };
        }),
      });
    } catch (err) {
      res.set('cache-control', 'no-store');
      if (isUnauthenticated(err)) return refuseToken(res, (err as Error).message);
      deps.log.error({ err }, 'embed search failed');
      res.status(500).json({ error: 'Internal server error' });
    }
  });
}
