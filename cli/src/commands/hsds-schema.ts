import fs from 'node:fs';
import path from 'node:path';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

/** The published HSDS 3.0 JSON schemas, shipped with the CLI byte for byte (licence beside them). */
export const HSDS_SCHEMA_DIR = path.resolve(__dirname, '../../standards/hsds/schema');

/** Where the schemas are published: their relative `$ref`s ("phone.json") and the OpenAPI document's absolute ones resolve here. */
const BASE = 'https://raw.githubusercontent.com/openreferral/specification/3.0/schema/';

export type HsdsObject = 'service' | 'organization' | 'location' | 'service_at_location' | 'taxonomy' | 'taxonomy_term' | 'page';

export interface SchemaProblem {
  /** JSON path inside the document, dotted with [i] for array items: `schedules[0].timezone`. */
  field: string;
  message: string;
}

const addFormats = (addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule;

/**
 * Validates documents against the HSDS 3.0 schemas. The schemas carry Table Schema keywords
 * (`constraints`, `core`, `datapackage_metadata`) that JSON Schema does not know, hence non-strict.
 */
export function hsdsValidator(dir = HSDS_SCHEMA_DIR, o: { coerceTypes?: boolean } = {}) {
  const ajv = new Ajv({ strict: false, allErrors: true, coerceTypes: o.coerceTypes ?? false });
  addFormats(ajv);
  for (const file of fs.readdirSync(dir).sort()) {
    if (!file.endsWith('.json')) continue;
    const schema = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
    // The API's page envelope is defined in its OpenAPI document, not in a schema file of its own.
    if (file === 'openapi.json') ajv.addSchema({ ...schema.components.schemas.Page, $id: `${BASE}page.json` });
    else ajv.addSchema({ ...schema, $id: BASE + file });
  }
  const compiled = new Map<string, ValidateFunction>();
  const validatorOf = (name: HsdsObject) => {
    let v = compiled.get(name);
    if (!v) {
      v = ajv.getSchema(`${BASE}${name}.json`);
      if (!v) throw new Error(`no HSDS schema ${name}.json in ${dir}`);
      compiled.set(name, v);
    }
    return v;
  };
  return {
    /** Every way `doc` breaks the schema of `name`, each naming the field; empty when it conforms. */
    problems(name: HsdsObject, doc: unknown): SchemaProblem[] {
      const v = validatorOf(name);
      if (v(doc)) return [];
      return (v.errors ?? []).map(problemOf);
    },
  };
}

function problemOf(e: ErrorObject): SchemaProblem {
  const parts = e.instancePath
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (e.keyword === 'required') parts.push(String((e.params as { missingProperty: string }).missingProperty));
  const field = parts.reduce((acc, p) => (/^\d+$/.test(p) ? `${acc}[${p}]` : acc ? `${acc}.${p}` : p), '');
  const allowed = e.keyword === 'enum' ? `: ${(e.params as { allowedValues: unknown[] }).allowedValues.join(', ')}` : '';
  return { field: field || '(document)', message: `${e.message ?? e.keyword}${allowed}` };
}
