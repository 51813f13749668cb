import { formatTable, reportUrl } from '../src/commands/report';

describe('c2c report', () => {
  it('asks the gateway beside its GraphQL endpoint, aliases resolved and parameters encoded', () => {
    expect(reportUrl('referrals', { url: 'http://localhost:4000/graphql', params: { from: '2026-01-01', groupBy: 'SERVICE' } })).toBe(
      'http://localhost:4000/reports/referral-metrics.csv?from=2026-01-01&groupBy=SERVICE',
    );
    expect(reportUrl('unmet-need', { url: 'https://hub.example.org/api/graphql/', params: { q: 'a b&c' } })).toBe(
      'https://hub.example.org/api/reports/referral-unmet-need.csv?q=a+b%26c',
    );
    expect(reportUrl('event-totals', { url: 'http://h:1/', params: {} })).toBe('http://h:1/reports/event-totals.csv');
  });

  it('refuses a report name that is not a plain word (no path tricks)', () => {
    for (const name of ['../graphql', 'a/b', 'Referral', 'x.csv', '']) {
      expect(() => reportUrl(name, { url: 'http://h/graphql', params: {} })).toThrow(/report names/);
    }
  });

  it('prints a table with every column as wide as its widest cell', () => {
    expect(
      formatTable([
        { name: 'K12', received: '17' },
        { name: 'BASIC_NEEDS', received: '' },
      ]),
    ).toBe(['name         received', '-----------  --------', 'K12          17', 'BASIC_NEEDS'].join('\n'));
    expect(formatTable([])).toBe('(no rows)');
  });
});
