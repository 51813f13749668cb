import { registerEnumType } from 'type-graphql';

/**
 * OneRoster's record status. The stored values are OneRoster's own strings, so a CSV
 * export and the database agree without translation; GraphQL shows them as enum names.
 */
export enum RecordStatus {
  ACTIVE = 'active',
  TOBEDELETED = 'tobedeleted',
}

registerEnumType(RecordStatus, {
  name: 'RecordStatus',
  description: 'OneRoster status of a synchronised record.',
  valuesConfig: {
    ACTIVE: { description: 'The record is current in the student information system.' },
    TOBEDELETED: { description: 'The student information system marked the record for deletion.' },
  },
});
