import { createHash } from 'node:crypto';

/** The fields that make a row the same event, whichever file or form it came from. */
export interface NaturalKeyParts {
  organizationId: string;
  title: string;
  date: string;
  type: string;
  street: string;
  city: string;
  zip: string;
  targetAudience: string;
  engagementLevel: string;
  attendees: number;
}

const words = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/**
 * A row fingerprint: the organisation and every agreed field but the description, text compared
 * without case, spacing or punctuation, hashed (SHA-256, hex). Not organisation + title + date +
 * zip + level alone: partners hold the same workshop twice on one day at one address (the demo
 * data has such a pair, told apart only by attendance), and those are two events. The price: a
 * re-import whose attendance was corrected adds the corrected row as a new event, and the
 * report names it a new row rather than a duplicate.
 */
export function eventNaturalKey(e: NaturalKeyParts): string {
  return createHash('sha256')
    .update(
      JSON.stringify([
        e.organizationId,
        words(e.title),
        e.date,
        e.type,
        words(e.street),
        words(e.city),
        e.zip,
        words(e.targetAudience),
        e.engagementLevel,
        e.attendees,
      ]),
    )
    .digest('hex');
}
