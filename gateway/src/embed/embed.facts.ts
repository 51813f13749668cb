/**
 * What a family decides by, in words for a listing card: who it is for, what it costs, which
 * languages, how far. Plain functions over graph results, so the card and its tests agree.
 */

export function ageText(min: number | null | undefined, max: number | null | undefined): string {
  if (min == null && max == null) return 'All ages';
  if (min == null) return `Up to age ${max}`;
  if (max == null) return `Ages ${min} and up`;
  return min === max ? `Age ${min}` : `Ages ${min}–${max}`;
}

export interface CostLike {
  option?: string | null;
  amount?: number | null;
  currency?: string | null;
  amountDescription?: string | null;
}

function money(amount: number, currency: string | null | undefined): string {
  if (amount === 0) return 'Free';
  try {
    return new Intl.NumberFormat('en-US', {
      style: 'currency',
      currency: currency || 'USD',
      // Whole amounts read as "$5", not "$5.00".
      minimumFractionDigits: Number.isInteger(amount) ? 0 : 2,
    }).format(amount);
  } catch {
    return `${amount} ${currency ?? ''}`.trim();
  }
}

/**
 * "Free", or each price ("$5 per session — Under 18s"), or the fees in words when no price is
 * structured; null only when the listing says nothing about cost at all.
 */
export function costLines(free: boolean, fees: string | null | undefined, options: CostLike[]): string[] {
  if (free) return ['Free'];
  const lines = options.map((c) =>
    [c.amount != null ? [money(c.amount, c.currency), c.amountDescription].filter(Boolean).join(' ') : c.amountDescription, c.option]
      .filter(Boolean)
      .join(' — '),
  );
  if (lines.some(Boolean)) return lines.filter(Boolean);
  return [fees?.trim() || 'Fees apply: call to ask'];
}

const names = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'code' });
/** ISO 639-1 codes as English names, in the listing's order ("English", "Spanish"). */
export function languageNames(codes: string[]): string[] {
  return codes.map((c) => {
    try {
      return names.of(c) ?? c;
    } catch {
      return c;
    }
  });
}

const KM_PER_MILE = 1.609344;
/** Distance in miles, the unit US families read signs in; one decimal under ten miles. */
export function distanceText(km: number | null | undefined): string | null {
  if (km == null || !Number.isFinite(km)) return null;
  const miles = km / KM_PER_MILE;
  return `${miles < 10 ? miles.toFixed(1) : Math.round(miles)} miles away`;
}

/** The first sentence of a description (or the whole, when it has one), for the card's one-line summary. */
export function summaryLine(description: string | null | undefined): string {
  const text = (description ?? '').replace(/\s+/g, ' ').trim();
  const m = /^(.+?[.!?])(\s|$)/.exec(text);
  return m ? m[1] : text;
}

/**
 * A ZIP code's centre as the directory knows it: the mean position of the sites of services
 * located in it. The hub holds no ZIP boundary data; null when no site in the ZIP has coordinates.
 */
export function zipCentre(
  zip: string,
  sites: { zip?: string | null; latitude?: number | null; longitude?: number | null }[],
): { latitude: number; longitude: number } | null {
  const inZip = sites.filter((s) => s.zip === zip && s.latitude != null && s.longitude != null);
  if (!inZip.length) return null;
  return {
    latitude: inZip.reduce((a, s) => a + s.latitude!, 0) / inZip.length,
    longitude: inZip.reduce((a, s) => a + s.longitude!, 0) / inZip.length,
  };
}
