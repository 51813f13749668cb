import fs from 'node:fs';
import path from 'node:path';
import * as demo from '@c2c/demo';
import { chromium, type Browser, type Page } from 'playwright-core';
import { demoDirectory, demoServiceAreas, TOP_TERM_CODES, termId } from '@c2c/demo';
import { gql, startTestHub, token } from '@c2c/testing';
import { ageText, costLines, languageNames, summaryLine, zipCentre } from '../../gateway/src/embed/embed.facts';
import { findChromium } from './chromium';

const OUTPUT = path.resolve(__dirname, '../../test-output');
const u = demo.demoUniverse();
type S = demo.DemoService;
const isPublic = (s: S) => s.status === 'ACTIVE' || s.status === 'TEMPORARILY_CLOSED';
const byName = (a: S, b: S) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : 1);
const publicServices = u.services.filter(isPublic).sort(byName);
/** Great-circle kilometres, as the graph measures a service's distance. */
const km = (a: { latitude: number; longitude: number }, b: { latitude: number; longitude: number }) => {
  const rad = Math.PI / 180;
  const h =
    Math.sin(((b.latitude - a.latitude) * rad) / 2) ** 2 +
    Math.cos(a.latitude * rad) * Math.cos(b.latitude * rad) * Math.sin(((b.longitude - a.longitude) * rad) / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.sqrt(h));
};
/** Nearest first, then by name: the graph's DISTANCE order. */
const nearestFirst = (from: { latitude: number; longitude: number }) => (a: S, b: S) => km(from, a) - km(from, b) || byName(a, b);

const chromiumLookup = findChromium();
// One line in the output says the suite did not run, and how to make it run.
if (chromiumLookup.kind === 'skip') process.stderr.write(`${chromiumLookup.reason}\n`);
const describeInBrowser = chromiumLookup.kind === 'skip' ? describe.skip : describe;

describeInBrowser('<c2c-listings> in headless Chromium against the running hub', () => {
  let hub: Awaited<ReturnType<typeof startTestHub>>;
  let base: string;
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    if (chromiumLookup.kind !== 'found') throw new Error(chromiumLookup.reason);
    const executablePath = chromiumLookup.path;
    hub = await startTestHub({ C2C_EMBED_ORIGINS: 'https://library.example.org' });
    base = hub.hub.gatewayUrl.replace(/\/graphql$/, '');
    browser = await chromium.launch({
      executablePath,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    // A phone: the listings must work at 390 px.
    page = await browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1, hasTouch: true, isMobile: true });
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await hub?.stop();
  });

  const status = () => page.locator('c2c-listings .status');
  /** What each card on the page says, by the class of each part. */
  const cards = () =>
    page.locator('c2c-listings .results > li').evaluateAll((lis) =>
      lis.map((li) => {
        const text = (sel: string) => [...li.querySelectorAll(sel)].map((e) => (e.textContent ?? '').trim());
        const heading =
          li.getRootNode() instanceof ShadowRoot
            ? (li.getRootNode() as ShadowRoot).getElementById(li.getAttribute('aria-labelledby')!)
            : null;
        return {
          id: li.getAttribute('data-id'),
          labelledBy: heading?.tagName ?? null,
          summary: text('.summary')[0] ?? null,
          ages: text('dd.ages'),
          cost: text('dd.cost'),
          languages: text('dd.languages'),
          distance: text('dd.distance'),
          terms: text('dt'),
        };
      }),
    );
  const miles = (d: string[]) => d.map((x) => Number(/^([\d.]+) miles away$/.exec(x)![1]));
  const names = () =>
    page.locator('c2c-listings .results li h3').evaluateAll((hs) => hs.map((h) => (h.firstChild?.textContent ?? '').trim()));
  const waitFor = async (text: string) => {
    await page.waitForFunction(
      (t) => (document.querySelector('c2c-listings')?.shadowRoot?.querySelector('.status')?.textContent ?? '') === t,
      text,
      { timeout: 15_000 },
    );
  };

  it('loads on the demo page and shows the public listings with address, hours and open-now', async () => {
    await page.goto(`${base}/embed/demo.html`);
    await waitFor(`${publicServices.length} services found`);
    expect(await names()).toEqual(publicServices.slice(0, 10).map((s) => s.name));
    const first = publicServices[0];
    const card = page.locator('c2c-listings .results li').first();
    expect(await card.locator('.address').textContent()).toBe(`${first.street}, ${first.city}, ${first.state} ${first.zip}`);
    expect(await card.locator('.hours').textContent()).toMatch(/^(Mon|Tue|Wed|Thu|Fri|Sat|Sun)[–, a-zA-Z]* \d\d:\d\d–\d\d:\d\d/);
    expect(await card.locator('.badge').textContent()).toMatch(/^(Open now|Closed now)$/);
    // What a family decides by, on every card: ages, cost (Free, or each price), languages, one line of description.
    const shown = await cards();
    expect(shown).toEqual(
      publicServices.slice(0, 10).map((s) => ({
        id: s.id,
        labelledBy: 'H3',
        summary: summaryLine(s.description),
        ages: [ageText(s.minimumAge, s.maximumAge)],
        cost: costLines(s.free, s.fees, s.costOptions),
        languages: [languageNames(s.languages).join(', ')],
        distance: [],
        terms: ['Ages', 'Cost', 'Languages'],
      })),
    );
    // The demo has both kinds on the first page, so both renderings are seen.
    expect(shown.some((c) => c.cost[0] === 'Free')).toBe(true);
    expect(shown.some((c) => /^\$\d+ per (week|season)/.test(c.cost[0]))).toBe(true);
    expect(shown.some((c) => c.languages[0] !== 'English')).toBe(true);
    // The description is cut to one line on screen.
    const summary = await card.locator('.summary').evaluate((e) => ({
      lines: Math.round(e.getBoundingClientRect().height / parseFloat(getComputedStyle(e).lineHeight)),
      whiteSpace: getComputedStyle(e).whiteSpace,
    }));
    expect(summary).toEqual({ lines: 1, whiteSpace: 'nowrap' });
    // "Show more" pages on.
    await page.locator('c2c-listings .more').click();
    await page.waitForFunction(() => document.querySelector('c2c-listings')!.shadowRoot!.querySelectorAll('.results li').length === 20);
    expect(await names()).toEqual(publicServices.slice(0, 20).map((s) => s.name));
  });

  it('searches with the keyboard and filters by imperative, age and ZIP code', async () => {
    await page.locator('c2c-listings input[name=q]').focus();
    await page.keyboard.type('pantry');
    await page.keyboard.press('Enter');
    // Full-text with synonyms (food ~ pantry) and best match first: the graph's own ranking,
    // tested in the resources subgraph; the card shows what the graph answers, in its order.
    const pantries = (await gql(hub.hub.gatewayUrl, `{ searchServices(text: "pantry", first: 10) { totalCount edges { node { name } } } }`))
      .json.data.searchServices;
    expect(pantries.totalCount).toBeGreaterThan(publicServices.filter((s) => /pantry/i.test(`${s.name} ${s.description}`)).length);
    await waitFor(`${pantries.totalCount} services found`);
    expect(await names()).toEqual(pantries.edges.map((e: any) => e.node.name));

    await page.locator('c2c-listings input[name=q]').fill('');
    await page.locator('c2c-listings select[name=imperative]').selectOption({ label: 'Afterschool and summer' });
    await page.locator('c2c-listings input[name=age]').fill('10');
    await page.locator('c2c-listings input[name=zip]').fill('48214');
    await page.locator('c2c-listings button[type=submit]').click();
    const zips = demoDirectory().zips;
    const serving = (s: S) => demoServiceAreas(s, zips).includes('48214');
    // With a ZIP code, nearest first from the ZIP's centre: where the directory's sites in it are.
    const centre = zipCentre('48214', publicServices.filter(serving).slice(0, 100))!;
    const expected = publicServices
      .filter(
        (s) =>
          s.imperative === 'AFTERSCHOOL_AND_SUMMER' &&
          (s.minimumAge == null || s.minimumAge <= 10) &&
          (s.maximumAge == null || s.maximumAge >= 10) &&
          serving(s),
      )
      .sort(nearestFirst(centre));
    expect(expected.length).toBeGreaterThan(1);
    await waitFor(`${expected.length} services found, nearest first`);
    expect(await names()).toEqual(expected.slice(0, 10).map((s) => s.name));
    const distances = miles((await cards()).flatMap((c) => c.distance));
    expect(distances).toHaveLength(Math.min(10, expected.length));
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
    expect(distances[0]).toBeCloseTo(Number((km(centre, expected[0]) / 1.609344).toFixed(1)), 1);
    expect(await page.locator('c2c-listings select[name=imperative]').inputValue()).toBe(termId(TOP_TERM_CODES.AFTERSCHOOL_AND_SUMMER));

    fs.mkdirSync(OUTPUT, { recursive: true });
    await page.screenshot({ path: path.join(OUTPUT, 'c2c-listings-phone.png'), fullPage: true });
    expect(fs.statSync(path.join(OUTPUT, 'c2c-listings-phone.png')).size).toBeGreaterThan(10_000);
  });

  it('filters to services open now, as the graph counts them', async () => {
    await page.locator('c2c-listings select[name=imperative]').selectOption('');
    await page.locator('c2c-listings input[name=age]').fill('');
    await page.locator('c2c-listings input[name=zip]').fill('');
    await page.locator('c2c-listings input[name=openNow]').check();
    await page.locator('c2c-listings button[type=submit]').click();
    await page.waitForFunction(
      () =>
        /found$/.test(document.querySelector('c2c-listings')!.shadowRoot!.querySelector('.status')!.textContent!) &&
        !document.querySelector('c2c-listings')!.hasAttribute('aria-busy'),
    );
    const graph = (await gql(hub.hub.gatewayUrl, '{ searchServices(openNow: true, first: 100) { totalCount } }')).json.data.searchServices
      .totalCount;
    const shown = Number((await status().textContent())!.split(' ')[0]);
    expect(shown).toBe(graph);
    const badges = await page.locator('c2c-listings .results .badge').allTextContents();
    expect(badges.every((b) => b === 'Open now')).toBe(true);
  });

  it('is accessible and fits a phone: labelled controls, visible focus, no sideways scrolling', async () => {
    const audit = await page.evaluate(() => {
      const root = document.querySelector('c2c-listings')!.shadowRoot!;
      const controls = [...root.querySelectorAll('input, select')] as (HTMLInputElement | HTMLSelectElement)[];
      return {
        unlabelled: controls.filter((c) => !c.labels || c.labels.length === 0).map((c) => c.name),
        liveRegion: root.querySelector('.status')!.getAttribute('aria-live'),
        searchRole: root.querySelector('form')!.getAttribute('role'),
        scrollWidth: document.documentElement.scrollWidth,
        buttonColours:
          getComputedStyle(root.querySelector('button[type=submit]')!).color +
          ' on ' +
          getComputedStyle(root.querySelector('button[type=submit]')!).backgroundColor,
        smallTargets: [...root.querySelectorAll('input:not([type=checkbox]), select, button:not([hidden])')].filter(
          (e) => e.getBoundingClientRect().height < 44,
        ).length,
      };
    });
    expect(audit).toEqual({
      unlabelled: [],
      liveRegion: 'polite',
      searchRole: 'search',
      scrollWidth: 390,
      buttonColours: 'rgb(255, 255, 255) on rgb(11, 83, 148)',
      smallTargets: 0,
    });
    // Tab moves through the form in order.
    await page.locator('c2c-listings input[name=q]').focus();
    const order: string[] = [];
    for (let i = 0; i < 5; i++) {
      await page.keyboard.press('Tab');
      order.push(
        await page.evaluate(
          () =>
            (document.querySelector('c2c-listings')!.shadowRoot!.activeElement as HTMLInputElement)?.name ||
            (document.querySelector('c2c-listings')!.shadowRoot!.activeElement as HTMLElement)?.textContent ||
            '',
        ),
      );
    }
    expect(order).toEqual(['imperative', 'age', 'zip', 'openNow', 'Search']);
  });

  it('lets listed origins read the embed API (CORS) and nobody else', async () => {
    const ok = await fetch(`${base}/embed/api/search?per_page=1`, { headers: { origin: 'https://library.example.org' } });
    expect(ok.headers.get('access-control-allow-origin')).toBe('https://library.example.org');
    expect(((await ok.json()) as any).totalCount).toBe(publicServices.length);
    const other = await fetch(`${base}/embed/api/search?per_page=1`, { headers: { origin: 'https://elsewhere.example.com' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    const preflight = await fetch(`${base}/embed/api/search`, {
      method: 'OPTIONS',
      headers: { origin: 'https://elsewhere.example.com', 'access-control-request-method': 'GET' },
    });
    expect(preflight.status).toBe(403);
    const bad = await fetch(`${base}/embed/api/search?zip=12`);
    expect([bad.status, ((await bad.json()) as any).field]).toEqual([400, 'zip']);
  });

  it('sorts by distance from the page’s place (near attribute) and shows how far each service is', async () => {
    const home = { latitude: 42.3314, longitude: -83.0458 };
    await page.goto(`${base}/embed/demo.html`);
    await waitFor(`${publicServices.length} services found`);
    await page.evaluate((near) => document.querySelector('c2c-listings')!.setAttribute('near', near), `${home.latitude},${home.longitude}`);
    await page.locator('c2c-listings button[type=submit]').click();
    const within = publicServices.filter((s) => km(home, s) <= 25).sort(nearestFirst(home));
    expect(within.length).toBeGreaterThan(10);
    await waitFor(`${within.length} services found, nearest first`);
    expect(await names()).toEqual(within.slice(0, 10).map((s) => s.name));
    const shown = await cards();
    expect(shown.every((c) => c.terms[0] === 'Distance')).toBe(true);
    const distances = miles(shown.flatMap((c) => c.distance));
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
    expect(distances.at(-1)).toBeCloseTo(Number((km(home, within[9]) / 1.609344).toFixed(1)), 1);
    const bad = await fetch(`${base}/embed/api/search?near=north`);
    expect([bad.status, ((await bad.json()) as any).field]).toEqual([400, 'near']);
  });

  it('keeps a phone layout whole with very long names, descriptions and fees', async () => {
    const admin = await token('cec_admin');
    const word = 'Supercalifragilisticexpialidocious'.repeat(5);
    const org = u.services.find(isPublic)!.organizationId;
    const created = await gql(
      hub.hub.gatewayUrl,
      `mutation($input: [UpsertServiceInput!]!) { upsertServices(input: $input) { created failed } }`,
      {
        input: [
          {
            id: '7b000000-0000-4000-8000-000000000001',
            organizationId: org,
            name: `Longname ${word}`,
            description: `${word} ${'and a very long sentence that goes on '.repeat(20)}. Second sentence.`,
            free: false,
            imperative: 'BASIC_NEEDS',
            fees: `${word} ${word}`,
            languages: ['en', 'es', 'ar', 'bn', 'ur', 'so', 'fr'],
            locations: [
              {
                id: '7b000000-0000-4000-8000-0000000000aa',
                street: word,
                city: 'Detroit',
                state: 'MI',
                postalCode: '48207',
                latitude: 42.35,
                longitude: -83.04,
              },
            ],
          },
        ],
      },
      admin,
    );
    expect(created.json.data.upsertServices).toEqual({ created: 1, failed: 0 });
    await page.goto(`${base}/embed/demo.html`);
    // The first page may come from the browser's cache (it is public for a minute): any answer will do.
    await page.waitForFunction(() =>
      /found/.test(document.querySelector('c2c-listings')!.shadowRoot!.querySelector('.status')!.textContent!),
    );
    await page.locator('c2c-listings input[name=q]').fill('Longname');
    await page.locator('c2c-listings button[type=submit]').click();
    await waitFor('1 service found');
    const layout = await page.evaluate(() => {
      const li = document.querySelector('c2c-listings')!.shadowRoot!.querySelector('.results > li')!;
      const summary = li.querySelector('.summary')!;
      return {
        pageWidth: document.documentElement.scrollWidth,
        cardRight: Math.round(li.getBoundingClientRect().right),
        overflowing: [...li.querySelectorAll('*')]
          .filter((e) => e.getBoundingClientRect().right > li.getBoundingClientRect().right + 1)
          .map((e) => e.className || e.tagName),
        summaryLines: Math.round(summary.getBoundingClientRect().height / parseFloat(getComputedStyle(summary).lineHeight)),
        summaryCut: summary.scrollWidth > summary.clientWidth,
      };
    });
    expect(layout).toEqual({ pageWidth: 390, cardRight: expect.any(Number), overflowing: [], summaryLines: 1, summaryCut: true });
    expect(layout.cardRight).toBeLessThanOrEqual(390);
    expect((await cards())[0]).toMatchObject({
      cost: [`${word} ${word}`],
      languages: ['English, Spanish, Arabic, Bangla, Urdu, Somali, French'],
    });
  });

  it('lists a service that serves the ZIP but has no site (a phone line) after the others, without a distance', async () => {
    const admin = await token('cec_admin');
    const org = u.services.find(isPublic)!.organizationId;
    const created = await gql(
      hub.hub.gatewayUrl,
      `mutation($input: [UpsertServiceInput!]!) { upsertServices(input: $input) { created failed } }`,
      {
        input: [
          {
            id: '7b000000-0000-4000-8000-000000000002',
            organizationId: org,
            // First by name, so a name order would show it first: only the distance order puts it last.
            name: 'AAA Family Helpline',
            description: 'Advice by phone for families in the east side ZIP codes.',
            free: true,
            imperative: 'BASIC_NEEDS',
            phones: [{ number: '313-555-0142' }],
            serviceAreas: [{ postalCode: '48214' }],
          },
        ],
      },
      admin,
    );
    expect(created.json.data.upsertServices).toEqual({ created: 1, failed: 0 });
    const zips = demoDirectory().zips;
    const serving = publicServices.filter((s) => demoServiceAreas(s, zips).includes('48214'));
    const centre = zipCentre('48214', serving.slice(0, 100))!;
    const expected = [...serving].sort(nearestFirst(centre));
    expect(expected.length + 1).toBeLessThanOrEqual(50);

    const res = await fetch(`${base}/embed/api/search?zip=48214&per_page=50`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as any;
    expect(body).toMatchObject({ totalCount: expected.length + 1, hasMore: false, sortedBy: 'distance' });
    expect(body.results.map((r: any) => r.id)).toEqual([...expected.map((s) => s.id), '7b000000-0000-4000-8000-000000000002']);
    expect(body.results.at(-1)).toMatchObject({
      name: 'AAA Family Helpline',
      phone: '313-555-0142',
      address: null,
      distance: null,
      distanceKm: null,
    });
    expect(body.results.slice(0, -1).every((r: any) => typeof r.distanceKm === 'number')).toBe(true);
    // A radius search (the near attribute) is still a radius: the phone line has no place in it.
    const within = (await (
      await fetch(`${base}/embed/api/search?zip=48214&per_page=50&near=${centre.latitude},${centre.longitude}&radius_km=200`)
    ).json()) as any;
    expect(within.results.map((r: any) => r.id)).toEqual(expected.map((s) => s.id));

    // On the card: listed, with its phone and no distance line.
    await page.goto(`${base}/embed/demo.html`);
    await page.waitForFunction(() =>
      /found/.test(document.querySelector('c2c-listings')!.shadowRoot!.querySelector('.status')!.textContent!),
    );
    await page.locator('c2c-listings input[name=q]').fill('helpline');
    await page.locator('c2c-listings select[name=imperative]').selectOption({ index: 0 });
    await page.locator('c2c-listings input[name=age]').fill('');
    await page.locator('c2c-listings input[name=zip]').fill('48214');
    await page.locator('c2c-listings button[type=submit]').click();
    const helplines = [...expected.filter((s) => /helpline/i.test(`${s.name} ${s.description}`)), 'AAA Family Helpline'];
    await waitFor(helplines.length === 1 ? '1 service found' : `${helplines.length} services found, nearest first`);
    expect((await names()).at(-1)).toBe('AAA Family Helpline');
    expect((await cards()).at(-1)!.distance).toEqual([]);
  });
});
