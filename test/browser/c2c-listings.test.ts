import fs from 'node:fs';
import path from 'node:path';
import * as demo from '@c2c/demo';
import { chromium, type Browser, type Page } from 'playwright-core';
import { demoDirectory, demoServiceAreas, TOP_TERM_CODES, termId } from '@c2c/demo';
import { gql, startTestHub } from '@c2c/testing';
import { findChromium } from './chromium';

const OUTPUT = path.resolve(__dirname, '../../test-output');
const u = demo.demoUniverse();
type S = demo.DemoService;
const isPublic = (s: S) => s.status === 'ACTIVE' || s.status === 'TEMPORARILY_CLOSED';
const byName = (a: S, b: S) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : 1);
const publicServices = u.services.filter(isPublic).sort(byName);

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
    // "Show more" pages on.
    await page.locator('c2c-listings .more').click();
    await page.waitForFunction(() => document.querySelector('c2c-listings')!.shadowRoot!.querySelectorAll('.results li').length === 20);
    expect(await names()).toEqual(publicServices.slice(0, 20).map((s) => s.name));
  });

  it('searches with the keyboard and filters by imperative, age and ZIP code', async () => {
    await page.locator('c2c-listings input[name=q]').focus();
    await page.keyboard.type('pantry');
    await page.keyboard.press('Enter');
    const pantries = publicServices.filter((s) => /pantry/i.test(`${s.name} ${s.description}`));
    await waitFor(`${pantries.length} services found`);
    expect(await names()).toEqual(pantries.slice(0, 10).map((s) => s.name));

    await page.locator('c2c-listings input[name=q]').fill('');
    await page.locator('c2c-listings select[name=imperative]').selectOption({ label: 'Afterschool and summer' });
    await page.locator('c2c-listings input[name=age]').fill('10');
    await page.locator('c2c-listings input[name=zip]').fill('48214');
    await page.locator('c2c-listings button[type=submit]').click();
    const zips = demoDirectory().zips;
    const expected = publicServices.filter(
      (s) =>
        s.imperative === 'AFTERSCHOOL_AND_SUMMER' &&
        (s.minimumAge == null || s.minimumAge <= 10) &&
        (s.maximumAge == null || s.maximumAge >= 10) &&
        demoServiceAreas(s, zips).includes('48214'),
    );
    expect(expected.length).toBeGreaterThan(0);
    await waitFor(expected.length === 1 ? '1 service found' : `${expected.length} services found`);
    expect(await names()).toEqual(expected.slice(0, 10).map((s) => s.name));
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
});
