import { ArgsType, Field, Float, ID, InputType, Int, registerEnumType } from 'type-graphql';
import { PageArgs } from '@c2c/kernel';

@InputType({
  description:
    'Early-warning thresholds for one request; each one left out keeps the deployment’s (Ed-Fi’s by default: attendance 0.88 / 0.80, incidents 2 / 5, marks 72 / 65).',
})
export class EarlyWarningThresholdsInput {
  @Field(() => Float, { nullable: true, description: 'Attendance rate (0–1) below which a student is WARNING (default 0.88).' })
  attendanceWarnBelow?: number | null;

  @Field(() => Float, { nullable: true, description: 'Attendance rate (0–1) below which a student is AT_RISK (default 0.80).' })
  attendanceAtRiskBelow?: number | null;

  @Field(() => Int, { nullable: true, description: 'Incidents at or above which a student is WARNING (default 2).' })
  incidentsWarnAt?: number | null;

  @Field(() => Int, { nullable: true, description: 'Incidents at or above which a student is AT_RISK (default 5).' })
  incidentsAtRiskAt?: number | null;

  @Field(() => Float, { nullable: true, description: 'A numeric course mark below which a student is WARNING (default 72).' })
  markWarnBelow?: number | null;

  @Field(() => Float, { nullable: true, description: 'A numeric course mark below which a student is AT_RISK (default 65).' })
  markAtRiskBelow?: number | null;
}

@ArgsType()
export class PortalRangeArgs {
  @Field(() => String, {
    nullable: true,
    description: 'First day, YYYY-MM-DD (default: the school year, 1 July to 30 June, of today). At most 366 days before `to`.',
  })
  from?: string | null;

  @Field(() => String, { nullable: true, description: 'Last day, YYYY-MM-DD (default: the end of that school year).' })
  to?: string | null;
}

@ArgsType()
export class CalendarArgs extends PortalRangeArgs {
  @Field(() => String, { nullable: true, description: 'A calendar month, YYYY-MM, instead of `from`/`to`.' })
  month?: string | null;
}

@ArgsType()
export class WeekArgs {
  @Field(() => String, { description: 'Any day of the week to show, YYYY-MM-DD.' })
  weekOf: string;
}

@ArgsType()
export class EarlyWarningArgs extends PortalRangeArgs {
  @Field(() => EarlyWarningThresholdsInput, { nullable: true, description: 'Thresholds for this request (defaults: the deployment’s).' })
  thresholds?: EarlyWarningThresholdsInput | null;
}

export enum CaseloadSort {
  NAME = 'NAME',
  GRADE = 'GRADE',
  ATTENDANCE_RATE = 'ATTENDANCE_RATE',
  INCIDENTS = 'INCIDENTS',
  LOWEST_MARK = 'LOWEST_MARK',
  FLAG_LEVEL = 'FLAG_LEVEL',
}

registerEnumType(CaseloadSort, {
  name: 'CaseloadSort',
  description: 'Order of a caseload overview; ties go by family name, given name, id. Values the viewer may not see sort last.',
  valuesConfig: {
    NAME: { description: 'Family name, then given name.' },
    GRADE: { description: 'Grade, KG first.' },
    ATTENDANCE_RATE: { description: 'Attendance rate, lowest first.' },
    INCIDENTS: { description: 'Behaviour incidents, fewest first.' },
    LOWEST_MARK: { description: 'Lowest numeric course mark, lowest first.' },
    FLAG_LEVEL: { description: 'Early-warning level, NONE first (use `descending` for AT_RISK first).' },
  },
});

@ArgsType()
export class CaseloadArgs extends PageArgs {
  @Field(() => ID, {
    nullable: true,
    description:
      'The organisation whose programme participants to list. Required for the district; partner staff get their own organisation’s.',
  })
  organizationId?: string | null;

  @Field(() => CaseloadSort, { nullable: true, description: 'Order of the rows (default NAME).' })
  sort?: CaseloadSort | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Reverse the order (default false); values the viewer may not see still sort last.',
  })
  descending?: boolean | null;

  @Field(() => String, {
    nullable: true,
    description: 'First day judged, YYYY-MM-DD (default: the school year of today). At most 366 days before `to`.',
  })
  from?: string | null;

  @Field(() => String, { nullable: true, description: 'Last day judged, YYYY-MM-DD (default: the end of that school year).' })
  to?: string | null;

  @Field(() => EarlyWarningThresholdsInput, { nullable: true, description: 'Thresholds for this request (defaults: the deployment’s).' })
  thresholds?: EarlyWarningThresholdsInput | null;
}
