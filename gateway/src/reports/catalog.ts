import { DISCLOSURE_REPORTS } from './disclosure.reports';
import { EVENT_REPORTS } from './event.reports';
import { REFERRAL_REPORTS } from './referral.reports';
import type { CsvReport } from './report';

/**
 * Every CSV report the gateway serves at `GET /reports/<name>.csv`. Each feature adds its
 * reports here (a `<topic>.reports.ts` beside this file), so one list shows them all.
 */
export const REPORTS: CsvReport[] = [...REFERRAL_REPORTS, ...EVENT_REPORTS, ...DISCLOSURE_REPORTS];
