import { registerEnumType } from 'type-graphql';

/** Days as iCalendar BYDAY codes, which is how HSDS 3 schedules name them. */
export enum Weekday {
  MO = 'MO',
  TU = 'TU',
  WE = 'WE',
  TH = 'TH',
  FR = 'FR',
  SA = 'SA',
  SU = 'SU',
}

export const WEEKDAYS: Weekday[] = [Weekday.MO, Weekday.TU, Weekday.WE, Weekday.TH, Weekday.FR, Weekday.SA, Weekday.SU];

registerEnumType(Weekday, {
  name: 'Weekday',
  description: 'A day of the week, as an iCalendar BYDAY code (HSDS schedule byday).',
  valuesConfig: {
    MO: { description: 'Monday.' },
    TU: { description: 'Tuesday.' },
    WE: { description: 'Wednesday.' },
    TH: { description: 'Thursday.' },
    FR: { description: 'Friday.' },
    SA: { description: 'Saturday.' },
    SU: { description: 'Sunday.' },
  },
});
