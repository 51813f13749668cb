import { csvCell, toCsv } from '../src/reports/csv';

describe('CSV export', () => {
  it('quotes commas, quotes and line breaks (RFC 4180) and ends every line with CRLF', () => {
    const csv = toCsv(
      [
        { header: 'name', value: (r: { name: string; n: number | null }) => r.name },
        { header: 'count', value: (r) => r.n },
      ],
      [
        { name: 'Smith, "Jo"', n: 3 },
        { name: 'two\nlines', n: null },
      ],
    );
    expect(csv).toBe('name,count\r\n"Smith, ""Jo""",3\r\n"two\nlines",\r\n');
  });

  it('neutralises text a spreadsheet would run as a formula, but not numbers', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('+1 555')).toBe("'+1 555");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell(-4)).toBe('-4');
    expect(csvCell(0.25)).toBe('0.25');
    expect(csvCell(Number.NaN)).toBe('');
    expect(csvCell(true)).toBe('true');
    expect(csvCell(undefined)).toBe('');
  });
});
