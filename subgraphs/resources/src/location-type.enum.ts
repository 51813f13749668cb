import { registerEnumType } from 'type-graphql';

/** HSDS 3 `location.location_type`. */
export enum LocationType {
  PHYSICAL = 'PHYSICAL',
  VIRTUAL = 'VIRTUAL',
  POSTAL = 'POSTAL',
}

registerEnumType(LocationType, {
  name: 'LocationType',
  description: 'What kind of place a location is (HSDS location_type).',
  valuesConfig: {
    PHYSICAL: { description: 'A place families can visit.' },
    VIRTUAL: { description: 'Delivered online or by phone; it has a URL rather than an address.' },
    POSTAL: { description: 'An address for mail only.' },
  },
});
