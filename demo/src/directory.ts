import { Imperative, IMPERATIVE_LABELS } from '@c2c/kernel';
import { Weekday } from '@c2c/resources';
import * as demo from './dataset';

/**
 * The demo directory around the kernel's demo services: taxonomy, locations, weekly hours,
 * closures, service areas, phones and contacts. Derived only from the demo universe (no
 * randomness), so the seed and the tests that assert on it agree on every row.
 */

export const DEMO_TIMEZONE = 'America/Detroit';

export const TOP_TERM_CODES: Record<Imperative, string> = {
  EARLY_CHILDHOOD: 'early-childhood',
  K12: 'k-12',
  AFTERSCHOOL_AND_SUMMER: 'afterschool-and-summer',
  COLLEGE_AND_CAREER: 'college-and-career',
  BASIC_NEEDS: 'basic-needs',
};

const slug = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
/** The programme a demo service runs ("Food pantry"), whatever its listing is named. */
export const programmeOf = (s: Pick<demo.DemoService, 'programme'>) => s.programme;

export interface DemoTerm {
  id: string;
  code: string;
  name: string;
  description: string;
  parentId: string | null;
  imperative: Imperative | null;
}
export interface DemoWeekly {
  weekday: Weekday;
  opensAt: string;
  closesAt: string;
  validFrom: string | null;
  validTo: string | null;
}
export interface DemoClosure {
  validFrom: string;
  validTo: string;
  description: string;
}

export const termId = (code: string) => demo.demoId('taxonomy_term', code);

function buildTerms(): DemoTerm[] {
  const u = demo.demoUniverse();
  const terms: DemoTerm[] = (Object.keys(TOP_TERM_CODES) as Imperative[]).map((imp) => ({
    id: termId(TOP_TERM_CODES[imp]),
    code: TOP_TERM_CODES[imp],
    name: IMPERATIVE_LABELS[imp],
    description: `Services of the ${IMPERATIVE_LABELS[imp].toLowerCase()} imperative.`,
    parentId: null,
    imperative: imp,
  }));
  const seen = new Set<string>();
  for (const s of u.services) {
    const name = programmeOf(s);
    const code = `${TOP_TERM_CODES[s.imperative]}/${slug(name)}`;
    if (seen.has(code)) continue;
    seen.add(code);
    terms.push({
      id: termId(code),
      code,
      name,
      description: s.description,
      parentId: termId(TOP_TERM_CODES[s.imperative]),
      imperative: null,
    });
  }
  return terms;
}

/** The term a demo service is tagged with: its programme, under its imperative. */
export const serviceTermCode = (s: demo.DemoService) => `${TOP_TERM_CODES[s.imperative]}/${slug(programmeOf(s))}`;

const days = (
  list: Weekday[],
  opensAt: string,
  closesAt: string,
  validFrom: string | null = null,
  validTo: string | null = null,
): DemoWeekly[] => list.map((weekday) => ({ weekday, opensAt, closesAt, validFrom, validTo }));
const WEEKDAYS_MF = [Weekday.MO, Weekday.TU, Weekday.WE, Weekday.TH, Weekday.FR];

/** Weekly hours by kind of programme, as such programmes keep them. */
export function demoWeekly(s: demo.DemoService): DemoWeekly[] {
  const name = programmeOf(s);
  switch (s.imperative) {
    case Imperative.AFTERSCHOOL_AND_SUMMER:
      return /summer/i.test(name) ? days(WEEKDAYS_MF, '09:00', '15:00', '2026-06-15', '2026-08-21') : days(WEEKDAYS_MF, '15:00', '18:00');
    case Imperative.EARLY_CHILDHOOD:
      return [...days([Weekday.TU, Weekday.TH], '09:30', '12:00'), ...days([Weekday.SA], '10:00', '12:00')];
    case Imperative.K12:
      return days(WEEKDAYS_MF, '08:00', '16:00');
    case Imperative.COLLEGE_AND_CAREER:
      return [...days([Weekday.MO, Weekday.WE], '16:00', '19:00'), ...days([Weekday.SA], '10:00', '14:00')];
    case Imperative.BASIC_NEEDS:
      return [...days(WEEKDAYS_MF, '09:00', '17:00'), ...(name === 'Food pantry' ? days([Weekday.SA], '09:00', '13:00') : [])];
  }
}

/** Everyone closes for Thanksgiving; schools also for winter break. */
export function demoClosures(s: demo.DemoService): DemoClosure[] {
  return [
    { validFrom: '2026-11-26', validTo: '2026-11-26', description: 'Closed for Thanksgiving.' },
    ...(s.imperative === Imperative.K12
      ? [{ validFrom: '2026-12-21', validTo: '2027-01-01', description: 'Closed for winter break.' }]
      : []),
  ];
}

/** ZIP codes served: the site's own and, except for school-based programmes, the next one in the city's list. */
export function demoServiceAreas(s: demo.DemoService, allZips: string[]): string[] {
  if (s.imperative === Imperative.K12) return [s.zip];
  const next = allZips[(allZips.indexOf(s.zip) + 1) % allZips.length];
  return next === s.zip ? [s.zip] : [s.zip, next];
}

/** One location per distinct site: services at their organisation's address share it. */
export const locationIdOf = (s: demo.DemoService) => demo.demoId('location', `${s.organizationId}:${s.street}:${s.zip}`);

let cache: { terms: DemoTerm[]; zips: string[] } | undefined;
export function demoDirectory() {
  if (!cache) {
    const u = demo.demoUniverse();
    cache = { terms: buildTerms(), zips: [...new Set(u.services.map((s) => s.zip))].sort() };
  }
  return cache;
}
