import { badInput, conflict, hubError } from '@c2c/kernel';
import type { GraphQLError } from 'graphql';
import type { ReferralParty } from './referral.access';
import { ReferralStatus } from './referral-status.enum';

const { SENT, ACCEPTED, DECLINED, REDIRECTED, WAITLISTED, IN_PROGRESS, COMPLETED, FAILED, WITHDRAWN } = ReferralStatus;

/**
 * The closed loop: the receiving organisation answers (accept, decline, redirect), then
 * serves (waitlist, start) and reports the outcome (complete or fail); the referring
 * organisation may take back a referral while it is open. EXPIRED is set by the sweep, never
 * by a person. DECLINED, REDIRECTED, COMPLETED, FAILED, WITHDRAWN and EXPIRED are final.
 */
export const TRANSITIONS: Record<ReferralParty, Partial<Record<ReferralStatus, readonly ReferralStatus[]>>> = {
  receiver: {
    [SENT]: [ACCEPTED, DECLINED, REDIRECTED],
    [ACCEPTED]: [WAITLISTED, IN_PROGRESS],
    [WAITLISTED]: [IN_PROGRESS],
    [IN_PROGRESS]: [COMPLETED, FAILED],
  },
  sender: {
    [SENT]: [WITHDRAWN],
    [ACCEPTED]: [WITHDRAWN],
    [WAITLISTED]: [WITHDRAWN],
    [IN_PROGRESS]: [WITHDRAWN],
  },
};

export const MAX_NOTE_LENGTH = 2000;

const allows = (party: ReferralParty, from: ReferralStatus, to: ReferralStatus) => TRANSITIONS[party][from]?.includes(to) ?? false;

/** The statuses `parties` may move a referral to from `from`, in the enum's order. */
export function allowedMoves(parties: readonly ReferralParty[], from: ReferralStatus): ReferralStatus[] {
  return Object.values(ReferralStatus).filter((to) => parties.some((p) => allows(p, from, to)));
}

/**
 * Why `parties` may not move a referral from `from` to `to`, or null when they may. A move
 * only the other organisation may make is FORBIDDEN (asking again will not help); one that
 * nobody may make from the current status is a CONFLICT. Both name the current status and
 * the moves the caller may make (`allowedStatuses`).
 */
export function transitionError(parties: ReferralParty[], from: ReferralStatus, to: ReferralStatus): GraphQLError | null {
  if (parties.some((p) => allows(p, from, to))) return null;
  const allowedStatuses = allowedMoves(parties, from);
  const other = (['receiver', 'sender'] as const).find((p) => !parties.includes(p) && allows(p, from, to));
  if (other) {
    return hubError(
      'FORBIDDEN',
      `Only the ${other === 'receiver' ? 'receiving' : 'referring'} organisation may move a ${from} referral to ${to}`,
      { currentStatus: from, allowedStatuses },
    );
  }
  return conflict(`A ${from} referral cannot move to ${to}`, { currentStatus: from, requestedStatus: to, allowedStatuses });
}

/** Free text kept forever: bounded, trimmed, null when empty. */
export function normalizeText(text: string | null | undefined, field: string, max = MAX_NOTE_LENGTH): string | null {
  const trimmed = text?.trim() ?? '';
  if (trimmed.length > max) throw badInput(`${field} must be at most ${max} characters`, { field });
  return trimmed || null;
}

export const normalizeNote = (note: string | null | undefined, field = 'note') => normalizeText(note, field);

/** What each move needs besides the status: a coded reason, an outcome, the service redirected to. */
export function requireCodesFor(to: ReferralStatus, given: { declineReason?: unknown; outcome?: unknown; redirectServiceId?: unknown }) {
  if (to === DECLINED && !given.declineReason) throw badInput('Declining a referral needs a declineReason', { field: 'declineReason' });
  if ((to === COMPLETED || to === FAILED) && !given.outcome)
    throw badInput(`Moving a referral to ${to} needs an outcome`, { field: 'outcome' });
  if (to === REDIRECTED && !given.redirectServiceId)
    throw badInput('Redirecting a referral needs the service to redirect to', { field: 'redirectServiceId' });
  if (to !== DECLINED && given.declineReason) throw badInput('declineReason is only for a decline', { field: 'declineReason' });
  if (to !== COMPLETED && to !== FAILED && given.outcome)
    throw badInput('outcome is only for a completion or failure', { field: 'outcome' });
  if (to !== REDIRECTED && given.redirectServiceId)
    throw badInput('redirectServiceId is only for a redirect', { field: 'redirectServiceId' });
}
