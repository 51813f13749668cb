import { hoursText } from '../src/embed/embed.hours';

type S = Parameters<typeof hoursText>[0][number];
const open = (weekday: string, opensAt: string, closesAt: string, more: Partial<S> = {}): S => ({
  weekday,
  opensAt,
  closesAt,
  closed: false,
  ...more,
});
const TODAY = '2026-03-10';

describe('hoursText', () => {
  it('joins three or more consecutive days with the same times into a run', () => {
    const week = ['MO', 'TU', 'WE', 'TH', 'FR'].map((d) => open(d, '09:00', '17:00'));
    expect(hoursText(week, TODAY)).toBe('Mon–Fri 09:00–17:00');
  });

  it('lists two consecutive days, and days apart, with commas', () => {
    expect(hoursText([open('SA', '10:00', '14:00'), open('SU', '10:00', '14:00')], TODAY)).toBe('Sat, Sun 10:00–14:00');
    expect(hoursText([open('MO', '09:00', '12:00'), open('WE', '09:00', '12:00'), open('FR', '09:00', '12:00')], TODAY)).toBe(
      'Mon, Wed, Fri 09:00–12:00',
    );
    expect(
      hoursText(
        [open('MO', '09:00', '12:00'), open('TU', '09:00', '12:00'), open('WE', '09:00', '12:00'), open('FR', '09:00', '12:00')],
        TODAY,
      ),
    ).toBe('Mon–Wed, Fri 09:00–12:00');
  });

  it('groups by times, ordered by each group’s first day, whatever the input order', () => {
    const schedules = [
      open('SA', '09:00', '13:00'),
      open('FR', '09:00', '17:00'),
      open('MO', '09:00', '17:00'),
      open('WE', '09:00', '17:00'),
      open('TU', '09:00', '17:00'),
      open('TH', '09:00', '17:00'),
    ];
    expect(hoursText(schedules, TODAY)).toBe('Mon–Fri 09:00–17:00; Sat 09:00–13:00');
    expect(hoursText([open('SU', '08:00', '10:00'), open('MO', '12:00', '14:00')], TODAY)).toBe('Mon 12:00–14:00; Sun 08:00–10:00');
  });

  it('shows one day with two openings under each of its times, and a duplicate schedule once', () => {
    expect(hoursText([open('MO', '09:00', '12:00'), open('MO', '13:00', '17:00'), open('TU', '09:00', '12:00')], TODAY)).toBe(
      'Mon, Tue 09:00–12:00; Mon 13:00–17:00',
    );
    expect(hoursText([open('MO', '09:00', '12:00'), open('MO', '09:00', '12:00')], TODAY)).toBe('Mon 09:00–12:00');
  });

  it('leaves out closures and schedules without a weekday or times', () => {
    const schedules: S[] = [
      open('MO', '09:00', '17:00'),
      { weekday: 'TU', opensAt: '09:00', closesAt: '17:00', closed: true },
      { weekday: null, opensAt: '09:00', closesAt: '17:00', closed: false },
      { weekday: 'WE', opensAt: null, closesAt: '17:00', closed: false },
      { weekday: 'TH', opensAt: '09:00', closesAt: undefined, closed: false },
    ];
    expect(hoursText(schedules, TODAY)).toBe('Mon 09:00–17:00');
  });

  it('counts only schedules valid today, both ends inclusive', () => {
    const schedules = [
      open('MO', '09:00', '17:00', { validFrom: '2026-03-10', validTo: '2026-03-10' }),
      open('TU', '09:00', '17:00', { validFrom: '2026-03-11' }),
      open('WE', '09:00', '17:00', { validTo: '2026-03-09' }),
      open('TH', '09:00', '17:00', { validFrom: null, validTo: null }),
    ];
    expect(hoursText(schedules, TODAY)).toBe('Mon, Thu 09:00–17:00');
  });

  it('is empty when nothing is open', () => {
    expect(hoursText([], TODAY)).toBe('');
    expect(hoursText([{ weekday: 'MO', opensAt: null, closesAt: null, closed: true }], TODAY)).toBe('');
  });
});
