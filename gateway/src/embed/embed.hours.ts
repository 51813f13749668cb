const DAY_NAMES: Record<string, string> = { MO: 'Mon', TU: 'Tue', WE: 'Wed', TH: 'Thu', FR: 'Fri', SA: 'Sat', SU: 'Sun' };
const ORDER = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];

/**
 * Weekly hours in words for a listing: days with the same times are joined into runs
 * ("Mon–Fri 09:00–17:00; Sat 09:00–13:00"). Only schedules valid on `today` count.
 */
export function hoursText(
  schedules: {
    weekday?: string | null;
    opensAt?: string | null;
    closesAt?: string | null;
    closed: boolean;
    validFrom?: string | null;
    validTo?: string | null;
  }[],
  today: string,
): string {
  const weekly = schedules.filter(
    (s) =>
      !s.closed && s.weekday && s.opensAt && s.closesAt && (!s.validFrom || s.validFrom <= today) && (!s.validTo || s.validTo >= today),
  );
  const byTimes = new Map<string, number[]>();
  for (const s of weekly) {
    const key = `${s.opensAt}–${s.closesAt}`;
    byTimes.set(key, [...(byTimes.get(key) ?? []), ORDER.indexOf(s.weekday!)]);
  }
  const parts = [...byTimes.entries()]
    .map(([times, days]) => {
      const sorted = [...new Set(days)].sort((a, b) => a - b);
      const runs: string[] = [];
      for (let i = 0; i < sorted.length;) {
        let j = i;
        while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
        runs.push(
          j - i >= 2
            ? `${DAY_NAMES[ORDER[sorted[i]]]}–${DAY_NAMES[ORDER[sorted[j]]]}`
            : sorted
                .slice(i, j + 1)
                .map((d) => DAY_NAMES[ORDER[d]])
                .join(', '),
        );
        i = j + 1;
      }
      return { first: sorted[0], text: `${runs.join(', ')} ${times}` };
    })
    .sort((a, b) => a.first - b.first);
  return parts.map((p) => p.text).join('; ');
}
