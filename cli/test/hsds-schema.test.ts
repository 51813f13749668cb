import fs from 'node:fs';
import path from 'node:path';
import { HSDS_SCHEMA_DIR, hsdsValidator } from '../src/commands/hsds-schema';

const FIXTURES = path.resolve(__dirname, '../../test/fixtures/standards/hsds');

describe('the HSDS 3.0 schemas the import validates against', () => {
  it('are the published schemas byte for byte, with their licence', () => {
    const shipped = fs.readdirSync(HSDS_SCHEMA_DIR).filter((f) => f.endsWith('.json'));
    expect(shipped.sort()).toEqual(
      fs
        .readdirSync(path.join(FIXTURES, 'schema'))
        .filter((f) => f.endsWith('.json'))
        .sort(),
    );
    for (const f of shipped)
      expect(fs.readFileSync(path.join(HSDS_SCHEMA_DIR, f))).toEqual(fs.readFileSync(path.join(FIXTURES, 'schema', f)));
    expect(fs.readFileSync(path.join(HSDS_SCHEMA_DIR, '../LICENSE'))).toEqual(fs.readFileSync(path.join(FIXTURES, 'LICENSE')));
  });

  it('accepts the published examples and names each broken field by its path', () => {
    const v = hsdsValidator();
    const example = (f: string) => JSON.parse(fs.readFileSync(path.join(FIXTURES, 'examples', f), 'utf8'));
    expect(v.problems('service', example('service_full.json'))).toEqual([]);
    expect(v.problems('organization', example('organization_full.json'))).toEqual([]);
    expect(v.problems('taxonomy_term', example('taxonomy_term.json'))).toEqual([]);
    expect(v.problems('page', example('service_list.json'))).toEqual([]);

    const broken = example('service_full.json');
    broken.id = 'svc-1';
    delete broken.name;
    broken.schedules[0].timezone = null;
    broken.phones[0].extension = '12';
    expect(v.problems('service', broken)).toEqual([
      { field: 'name', message: "must have required property 'name'" },
      { field: 'id', message: 'must match format "uuid"' },
      { field: 'phones[0].extension', message: 'must be number' },
      { field: 'schedules[0].timezone', message: 'must be number' },
    ]);
    // CSV cells are strings: with coercion, a numeric cell passes where the schema wants a number.
    const coercing = hsdsValidator(undefined, { coerceTypes: true });
    expect(coercing.problems('service', { ...example('service_full.json'), minimum_age: '12' })).toEqual([]);
  });
});
