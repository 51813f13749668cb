import { REPORTS } from '../src/reports/catalog';
import { ReportError } from '../src/reports/report';
import { referralMetricsReport, referralUnmetNeedReport } from '../src/reports/referral.reports';

const refusal = (run: () => unknown) => {
  try {
    run();
  } catch (e) {
    if (e instanceof ReportError) return { status: e.status, param: e.param };
    throw e;
  }
  return null;
};

describe('referral CSV reports', () => {
  it('are in the catalog', () => {
    expect(REPORTS.map((r) => r.name)).toEqual(expect.arrayContaining(['referral-metrics', 'referral-unmet-need']));
  });

  it('turn the query string into variables, groupBy PROVIDER by default', () => {
    expect(referralMetricsReport.variables({ from: '2026-01-01', to: '2026-12-31' })).toEqual({
      from: '2026-01-01',
      to: '2026-12-31',
      groupBy: 'PROVIDER',
    });
    expect(referralUnmetNeedReport.variables({ from: '2026-01-01', to: '2026-03-31', scope: 'OWN', direction: 'SENT' })).toEqual({
      from: '2026-01-01',
      to: '2026-03-31',
      scope: 'OWN',
      direction: 'SENT',
    });
  });

  it('refuse a missing, repeated or unknown parameter value with 400 naming it', () => {
    const v = referralMetricsReport.variables;
    expect(refusal(() => v({ to: '2026-12-31' }))).toEqual({ status: 400, param: 'from' });
    expect(refusal(() => v({ from: '2026-01-01' }))).toEqual({ status: 400, param: 'to' });
    expect(refusal(() => v({ from: ['2026-01-01', '2026-02-01'], to: '2026-12-31' }))).toEqual({ status: 400, param: 'from' });
    expect(refusal(() => v({ from: '2026-01-01', to: '2026-12-31', groupBy: 'ZIP' }))).toEqual({ status: 400, param: 'groupBy' });
    expect(refusal(() => v({ from: '2026-01-01', to: '2026-12-31', direction: 'BOTH' }))).toEqual({ status: 400, param: 'direction' });
  });

  it('lay out the total first, then the groups, with suppressed figures empty', () => {
    const row = (o: object) => ({
      total: false,
      suppressed: false,
      imperative: null,
      organization: null,
      service: null,
      received: 12,
      responded: 10,
      accepted: 6,
      declined: 2,
      completed: 3,
      overdue: 1,
      acceptanceRate: { numerator: 6, denominator: 12, rate: 0.5 },
      completionRate: { numerator: 3, denominator: 6, rate: 0.5 },
      medianHoursToFirstResponse: 4.5,
      p90HoursToFirstResponse: 20,
      outcomes: [{ outcome: 'GOT_HELP', count: 3 }],
      ...o,
    });
    const rows = referralMetricsReport.rows({
      referralMetrics: {
        from: '2026-01-01',
        to: '2026-12-31',
        scope: 'COLLABORATIVE',
        groupBy: 'IMPERATIVE',
        totals: row({ total: true }),
        rows: [row({ imperative: 'K12' }), row({ imperative: 'BASIC_NEEDS', suppressed: true, received: null })],
      },
    });
    expect(rows.map((r) => [r.total, r.imperative, r.received])).toEqual([
      [true, null, 12],
      [false, 'K12', 12],
      [false, 'BASIC_NEEDS', null],
    ]);
    const col = (h: string) => referralMetricsReport.columns.find((c) => c.header === h)!;
    expect(col('outcome_got_help').value(rows[0])).toBe(3);
    expect(col('acceptance_rate').value(rows[0])).toBe(0.5);
    expect(col('row').value(rows[0])).toBe('TOTAL');
  });
});
