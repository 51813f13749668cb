import { registerEnumType } from 'type-graphql';

/** Stored as the CSV's own words (file.attendance `category`), so export and database agree. */
export enum AttendanceCategory {
  PRESENT = 'present',
  EXCUSED_ABSENCE = 'excusedAbsence',
  UNEXCUSED_ABSENCE = 'unexcusedAbsence',
  TARDY = 'tardy',
  EARLY_DEPARTURE = 'earlyDeparture',
}

registerEnumType(AttendanceCategory, {
  name: 'AttendanceCategory',
  description: 'A student’s attendance on one school day (Ed-Fi attendance event categories).',
  valuesConfig: {
    PRESENT: { description: 'In attendance all day.' },
    EXCUSED_ABSENCE: { description: 'Absent with an excuse the school accepted.' },
    UNEXCUSED_ABSENCE: { description: 'Absent without an accepted excuse.' },
    TARDY: { description: 'Arrived late.' },
    EARLY_DEPARTURE: { description: 'Left before the end of the day.' },
  },
});
