import { badInput } from '@c2c/kernel';
import { normalizeText } from './referral-lifecycle.logic';
import { ContactChannel, ConsentScope } from './referral-codes.enum';
import type { CreateReferralInput, FamilyContactInput, ReferralConsentInput } from './referral.input';

export const EMAIL = /^[^\s@]{1,64}@[^\s@]+\.[^\s@]{2,}$/;
const LANGUAGE = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}$/;
const ZIP = /^\d{5}(-\d{4})?$/;

/** E.164-ish: separators dropped, 8 to 15 digits, an optional leading +. Null when it is not a phone number. */
export function normalizePhone(raw: string): string | null {
  const trimmed = raw.trim();
  if (!/^\+?[\d\s().-]+$/.test(trimmed)) return null;
  const digits = trimmed.replace(/\D/g, '');
  if (digits.length < 8 || digits.length > 15 || digits.startsWith('0')) return null;
  return (trimmed.startsWith('+') ? '+' : '') + digits;
}

/** The digits of a phone number, for comparing numbers written with and without a country prefix. */
export const phoneKey = (phone: string) => phone.replace(/\D/g, '').slice(-10);

function required(value: string | null | undefined, field: string, max: number): string {
  const text = normalizeText(value, field, max);
  if (!text) throw badInput(`${field} is required`, { field });
  return text;
}

export function validateFamilyContact(c: FamilyContactInput, at = 'input.familyContact') {
  const name = required(c.name, `${at}.name`, 200);
  let phone: string | null = null;
  if (c.phone != null && c.phone.trim()) {
    phone = normalizePhone(c.phone);
    if (!phone) throw badInput('phone must be a phone number of 8–15 digits, optionally with a leading +', { field: `${at}.phone` });
  }
  let email: string | null = null;
  if (c.email != null && c.email.trim()) {
    email = c.email.trim().toLowerCase();
    if (email.length > 200 || !EMAIL.test(email)) throw badInput('email must be an email address', { field: `${at}.email` });
  }
  if (!phone && !email) throw badInput('A family contact needs a phone number or an email address', { field: `${at}.phone` });
  const channel = c.preferredChannel ?? null;
  if ((channel === ContactChannel.PHONE || channel === ContactChannel.SMS) && !phone)
    throw badInput(`preferredChannel ${channel} needs a phone number`, { field: `${at}.preferredChannel` });
  if (channel === ContactChannel.EMAIL && !email)
    throw badInput('preferredChannel EMAIL needs an email address', { field: `${at}.preferredChannel` });
  const language = c.preferredLanguage?.trim() || null;
  if (language && (language.length > 35 || !LANGUAGE.test(language)))
    throw badInput('preferredLanguage must be a BCP 47 language tag such as en or es-MX', { field: `${at}.preferredLanguage` });
  return { name, phone, email, preferredChannel: channel, preferredLanguage: language, doNotContact: c.doNotContact ?? false };
}

export function validateConsent(c: ReferralConsentInput, now: Date, at = 'input.consent') {
  const givenByName = required(c.givenByName, `${at}.givenByName`, 200);
  const givenByRelationship = required(c.givenByRelationship, `${at}.givenByRelationship`, 100);
  if (!(c.givenAt instanceof Date) || Number.isNaN(c.givenAt.getTime()))
    throw badInput('givenAt must be a date-time', { field: `${at}.givenAt` });
  if (c.givenAt.getTime() > now.getTime() + 60_000) throw badInput('givenAt cannot be in the future', { field: `${at}.givenAt` });
  const covers = [...new Set(c.covers ?? [])];
  if (!covers.length) throw badInput('covers must name at least one kind of data', { field: `${at}.covers` });
  if (covers.some((s) => !Object.values(ConsentScope).includes(s)))
    throw badInput('covers has an unknown scope', { field: `${at}.covers` });
  const expiresAt = c.expiresAt ?? null;
  if (expiresAt && expiresAt.getTime() <= c.givenAt.getTime())
    throw badInput('expiresAt must be after givenAt', { field: `${at}.expiresAt` });
  return { givenByName, givenByRelationship, method: c.method, givenAt: c.givenAt, covers, expiresAt };
}

/** Everything about a new referral that needs no other service, checked before anything is asked or written. */
export function validateCreateReferral(input: CreateReferralInput, now: Date) {
  const hasStudent = input.studentId != null && input.studentId.trim() !== '';
  if (hasStudent === !!input.familyContact)
    throw badInput('Give exactly one of studentId and familyContact', { field: hasStudent ? 'input.familyContact' : 'input.studentId' });
  const need = required(input.need, 'input.need', 2000);
  const notes = normalizeText(input.notes, 'input.notes');
  const zip = input.zip?.trim() || null;
  if (zip && !ZIP.test(zip)) throw badInput('zip must be a 5-digit ZIP code (or ZIP+4)', { field: 'input.zip' });
  const familyContact = input.familyContact ? validateFamilyContact(input.familyContact) : null;
  const consent = input.consent ? validateConsent(input.consent, now) : null;
  const overrideReason = input.overrideClosedIntake
    ? required(input.overrideClosedIntake.reason, 'input.overrideClosedIntake.reason', 2000)
    : null;
  return { need, notes, zip, familyContact, consent, overrideReason };
}
