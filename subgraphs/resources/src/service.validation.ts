import { badInput, Imperative } from '@c2c/kernel';
import type { Service } from './service.entity';
import type { ServiceDetailsInput } from './service.input';
import { ServiceStatus } from './service-status.enum';

export const MIN_AGE = 0;
export const MAX_AGE = 120;
export const MAX_LANGUAGES = 20;

/** Create and update inputs share this shape; on update every field may be absent. */
export type ServiceInput = ServiceDetailsInput & {
  name?: string | null;
  description?: string | null;
  imperative?: Imperative | null;
  free?: boolean | null;
};

export type ServicePatch = Partial<
  Pick<
    Service,
    | 'name'
    | 'description'
    | 'status'
    | 'imperative'
    | 'eligibilityDescription'
    | 'minimumAge'
    | 'maximumAge'
    | 'free'
    | 'fees'
    | 'languages'
    | 'url'
    | 'email'
    | 'phone'
    | 'street'
    | 'city'
    | 'state'
    | 'zip'
    | 'latitude'
    | 'longitude'
  >
>;

type Key = keyof ServicePatch & keyof ServiceInput;

const fail = (key: string, message: string) => badInput(`${key} ${message}`, { field: `input.${key}` });

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[0-9().\-\s]{7,25}(\s*(x|ext\.?)\s*\d{1,6})?$/i;
const LANGUAGE = /^[a-z]{2}$/;

function isHttpUrl(value: string) {
  if (/\s/.test(value)) return false;
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && !!url.hostname;
  } catch {
    return false;
  }
}

/**
 * Checks an input field by field and returns the changes to apply, trimmed. Throws the first
 * problem as BAD_USER_INPUT naming the field, before anything is written. `undefined` means
 * "not given" (left alone on update); `null` clears an optional field and is refused for a
 * required one. `current` is the stored service on update, for checks spanning two fields.
 */
export function validateServiceInput(input: ServiceInput, current?: Service): ServicePatch {
  const patch: ServicePatch = {};
  const given = (key: Key) => input[key] !== undefined;

  const text = (key: Key, max: number, o: { required?: boolean; pattern?: [RegExp | ((v: string) => boolean), string] } = {}) => {
    const raw = input[key] as string | null | undefined;
    if (raw === undefined) return;
    const value = raw === null ? '' : raw.trim();
    if (!value) {
      if (o.required) throw fail(key, raw === null ? 'cannot be null' : 'must not be blank');
      (patch as Record<string, unknown>)[key] = null;
      return;
    }
    if (value.length > max) throw fail(key, `must be at most ${max} characters`);
    if (o.pattern) {
      const [test, what] = o.pattern;
      if (!(typeof test === 'function' ? test(value) : test.test(value))) throw fail(key, `must be ${what}`);
    }
    (patch as Record<string, unknown>)[key] = value;
  };

  const required = <K extends Key>(key: K, ok: (v: NonNullable<ServiceInput[K]>) => boolean, what: string) => {
    const value = input[key];
    if (value === undefined) return;
    if (value === null) throw fail(key, 'cannot be null');
    if (!ok(value)) throw fail(key, `must be ${what}`);
    (patch as Record<string, unknown>)[key] = value;
  };

  const number = (key: 'minimumAge' | 'maximumAge' | 'latitude' | 'longitude', min: number, max: number, integer: boolean) => {
    const value = input[key];
    if (value === undefined) return;
    if (value !== null && (!Number.isFinite(value) || (integer && !Number.isInteger(value)) || value < min || value > max)) {
      throw fail(key, `must be ${integer ? 'a whole number ' : ''}between ${min} and ${max}`);
    }
    patch[key] = value;
  };

  text('name', 200, { required: true });
  text('description', 5000, { required: true });
  required('status', (v) => (Object.values(ServiceStatus) as string[]).includes(v), `one of ${Object.values(ServiceStatus).join(', ')}`);
  required('imperative', (v) => (Object.values(Imperative) as string[]).includes(v), `one of ${Object.values(Imperative).join(', ')}`);
  text('eligibilityDescription', 2000);
  number('minimumAge', MIN_AGE, MAX_AGE, true);
  number('maximumAge', MIN_AGE, MAX_AGE, true);
  required('free', (v) => typeof v === 'boolean', 'true or false');
  text('fees', 500);

  if (given('languages')) {
    const languages = input.languages;
    if (languages === null || languages === undefined) throw fail('languages', 'cannot be null (send [] for none)');
    if (languages.length > MAX_LANGUAGES) throw fail('languages', `must list at most ${MAX_LANGUAGES} languages`);
    const bad = languages.find((l) => !LANGUAGE.test(l));
    if (bad !== undefined) throw fail('languages', `must be 2-letter lowercase ISO 639-1 codes (got "${bad.slice(0, 20)}")`);
    patch.languages = [...new Set(languages)];
  }

  text('url', 500, { pattern: [isHttpUrl, 'an http or https URL'] });
  text('email', 200, { pattern: [EMAIL, 'an email address'] });
  text('phone', 40, { pattern: [PHONE, 'a phone number'] });
  text('street', 200);
  text('city', 100);
  text('state', 2, { pattern: [/^[A-Z]{2}$/, 'a two-letter uppercase state code'] });
  text('zip', 10, { pattern: [/^\d{5}$/, 'five digits'] });
  number('latitude', -90, 90, false);
  number('longitude', -180, 180, false);

  // Rules across two fields are checked on the result, so an update of one side is held
  // against the stored other side; the error names the side this input changed.
  const after = { ...current, ...patch };
  if (after.minimumAge != null && after.maximumAge != null && after.minimumAge > after.maximumAge) {
    throw given('minimumAge') ? fail('minimumAge', 'must be at most maximumAge') : fail('maximumAge', 'must be at least minimumAge');
  }
  if ((after.latitude == null) !== (after.longitude == null)) {
    throw after.latitude == null
      ? fail('latitude', 'must be given together with longitude')
      : fail('longitude', 'must be given together with latitude');
  }
  return patch;
}
