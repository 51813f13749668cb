import { registerEnumType } from 'type-graphql';

/**
 * Where a service stands, after HSDS 3's `service.status`. Only ACTIVE and TEMPORARILY_CLOSED
 * listings are public (a family should learn that a pantry is closed this month); the others
 * are kept for the owning organisation's records and the hub operator.
 */
export enum ServiceStatus {
  ACTIVE = 'ACTIVE',
  INACTIVE = 'INACTIVE',
  DEFUNCT = 'DEFUNCT',
  TEMPORARILY_CLOSED = 'TEMPORARILY_CLOSED',
}

registerEnumType(ServiceStatus, {
  name: 'ServiceStatus',
  description: 'Whether a service is currently delivered (HSDS service status).',
  valuesConfig: {
    ACTIVE: { description: 'Delivered now and open to new participants; publicly listed.' },
    INACTIVE: { description: 'Not delivered at the moment and not listed; visible only to its organisation and hub operators.' },
    DEFUNCT: { description: 'Permanently discontinued; kept for history, visible only to its organisation and hub operators.' },
    TEMPORARILY_CLOSED: { description: 'Paused for a while (a season, a renovation); still publicly listed so families know.' },
  },
});
