import { ageText, costLines, distanceText, languageNames, summaryLine, zipCentre } from '../src/embed/embed.facts';

describe('what a listing card tells a family', () => {
  it.each([
    [null, null, 'All ages'],
    [null, 5, 'Up to age 5'],
    [12, null, 'Ages 12 and up'],
    [4, 4, 'Age 4'],
    [6, 13, 'Ages 6–13'],
  ])('ages %p–%p read "%s"', (min, max, text) => expect(ageText(min, max)).toBe(text));

  it('says Free for a free service, else each price, else the fees in words', () => {
    expect(costLines(true, 'ignored', [{ amount: 10, currency: 'USD' }])).toEqual(['Free']);
    expect(
      costLines(false, 'Sliding scale', [
        { option: 'Under 200% of the poverty line', amount: 5, currency: 'USD', amountDescription: 'per week' },
        { option: 'Scholarship families', amount: 0, currency: 'USD' },
        { amount: 12.5, currency: 'GBP', amountDescription: 'per session' },
      ]),
    ).toEqual(['$5 per week — Under 200% of the poverty line', 'Free — Scholarship families', '£12.50 per session']);
    expect(costLines(false, '  $40 per season ', [])).toEqual(['$40 per season']);
    expect(costLines(false, null, [])).toEqual(['Fees apply: call to ask']);
  });

  it('names languages in English, and keeps a code it does not know', () => {
    expect(languageNames(['en', 'es', 'ar', 'bn', 'ur'])).toEqual(['English', 'Spanish', 'Arabic', 'Bangla', 'Urdu']);
    expect(languageNames(['qq'])).toEqual(['qq']);
  });

  it('gives distance in miles, and nothing without one', () => {
    expect(distanceText(1.609344)).toBe('1.0 miles away');
    expect(distanceText(32.2)).toBe('20 miles away');
    expect(distanceText(null)).toBeNull();
  });

  it('cuts a description to its first sentence', () => {
    expect(summaryLine('Homework help, snack and enrichment. Every school day until 6pm.')).toBe('Homework help, snack and enrichment.');
    expect(summaryLine('  No full stop  here ')).toBe('No full stop here');
    expect(summaryLine(null)).toBe('');
  });

  it('places a ZIP code at the mean of the sites in it, or nowhere when it has none', () => {
    const sites = [
      { zip: '48207', latitude: 42.0, longitude: -83.0 },
      { zip: '48207', latitude: 42.2, longitude: -83.2 },
      { zip: '48207', latitude: null, longitude: null },
      { zip: '48211', latitude: 10, longitude: 10 },
    ];
    const c = zipCentre('48207', sites)!;
    expect([c.latitude, c.longitude].map((x) => Number(x.toFixed(6)))).toEqual([42.1, -83.1]);
    expect(zipCentre('48201', sites)).toBeNull();
  });
});
