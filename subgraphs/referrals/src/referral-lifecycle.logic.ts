import { badInput, conflict, hubError } from '@c2c/kernel';
import type { GraphQLError } from 'graphql';
import type { ReferralParty } from './referral.access';
import { ReferralStatus } from './referral-status.enum';

const { SENT, ACCEPTED, DECLINED, REDIRECTED, IN_PROGRESS, COMPLETED, WITHDRAWN } = ReferralStatus;

/**
 * The closed loop: the receiving organisation answers and reports the outcome, the referring
 * organisation may only take the referral back while it is still open. EXPIRED is set by
 * time, never by a person. DECLINED, REDIRECTED, COMPLETED, WITHDRAWN and EXPIRED are final.
 */
export const TRANSITIONS: Record<ReferralParty, Partial<Record<ReferralStatus, readonly ReferralStatus[]>>> = {
  receiver: {
    [SENT]: [ACCEPTED, DECLINED, REDIRECTED],
    [ACCEPTED]: [IN_PROGRESS, COMPLETED, DECLINED],
    [IN_PROGRESS]: [COMPLETED, DECLINED],
  },
  sender: {
    [SENT]: [WITHDRAWN],
    [ACCEPTED]: [WITHDRAWN],
    [IN_PROGRESS]: [WITHDRAWN],
  },
};

export const MAX_NOTE_LENGTH = 2000;

const allows = (party: ReferralParty, from: ReferralStatus, to: ReferralStatus) => TRANSITIONS[party][from]?.includes(to) ?? false;

/**
 * Why `parties` may not move a referral from `from` to `to`, or null when they may. A move
 * only the other organisation may make is FORBIDDEN (asking again will not help); one that
 * nobody may make from the current status is a CONFLICT, with that status for the client.
 */
export function transitionError(parties: ReferralParty[], from: ReferralStatus, to: ReferralStatus): GraphQLError | null {
  if (parties.some((p) => allows(p, from, to))) return null;
  const other = (['receiver', 'sender'] as const).find((p) => !parties.includes(p) && allows(p, from, to));
  if (other) {
    return hubError(
      'FORBIDDEN',
      `Only the ${other === 'receiver' ? 'receiving' : 'referring'} organisation may move a ${from} referral to ${to}`,
      {
        currentStatus: from,
      },
    );
  }
  return conflict(`A ${from} referral cannot move to ${to}`, { currentStatus: from, requestedStatus: to });
}

/** The note is free text kept forever in the history: bounded, and required where it is the reason. */
export function normalizeNote(note: string | null | undefined): string | null {
  const trimmed = note?.trim() ?? '';
  if (trimmed.length > MAX_NOTE_LENGTH) throw badInput(`note must be at most ${MAX_NOTE_LENGTH} characters`, { field: 'note' });
  return trimmed || null;
}

export function requireNoteFor(to: ReferralStatus, note: string | null) {
  if (to === DECLINED && !note) throw badInput('Declining a referral needs a reason in note', { field: 'note' });
}
