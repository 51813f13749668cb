import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { EquityDimension } from './equity-dimension.enum';

@ObjectType({ description: 'One rate of an equity cell, as this viewer may see it.' })
export class EquityRate {
  @Field(() => Float, {
    nullable: true,
    description:
      'The rate in percent: exact to one decimal for the district; outside it a whole percent, null when banded, suppressed or without data.',
  })
  percent: number | null;

  @Field(() => String, {
    nullable: true,
    description: 'What a report shows: "87%", or outside the district "≤5%" / "≥95%" near the ends; null when suppressed or without data.',
  })
  display: string | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Percentage points from the rate of all students (negative: below); null when either rate is not a number.',
  })
  gap: number | null;
}

@ObjectType({ description: 'One group of one breakdown of an equity report.' })
export class EquityCell {
  @Field(() => EquityDimension, { nullable: true, description: 'The breakdown; null for the total of all students.' })
  dimension: EquityDimension | null;

  @Field({ description: 'The group within the breakdown (see EquityDimension for the codes); empty for the total.' })
  group: string;

  @Field(() => ID, { nullable: true, description: 'The school of a SCHOOL_GRADE cell.' })
  schoolId: string | null;

  @Field({ description: 'Whether the cell is hidden (small-cell or complementary suppression).' })
  suppressed: boolean;

  @Field(() => Int, {
    nullable: true,
    description: 'Students in the group: exact for the district, rounded to a multiple of 3 outside it; null when suppressed.',
  })
  students: number | null;

  @Field(() => EquityRate, { description: 'Attended days over enrolled days (tardy and early departure count as attended).' })
  attendanceRate: EquityRate;

  @Field(() => EquityRate, { description: 'Share of the students who missed 10% or more of their enrolled days.' })
  chronicAbsenteeismRate: EquityRate;

  @Field(() => EquityRate, { description: 'Share of the period’s scored assessment results that meet the proficiency standard.' })
  proficiencyRate: EquityRate;
}

@ObjectType({ description: 'Programme participants compared with the other students of the same period.' })
export class EquityParticipation {
  @Field(() => ID, { nullable: true, description: 'The programme organisation compared; null for every programme.' })
  organizationId: string | null;

  @Field(() => EquityCell, { description: 'Students with a participation overlapping the period.' })
  participants: EquityCell;

  @Field(() => EquityCell, { description: 'Every other student of the period.' })
  nonParticipants: EquityCell;
}

@ObjectType({
  description:
    'Equity aggregates of one period: every breakdown of one suppressed release. Outside the district small cells and their complements are hidden, counts rounded and rates banded.',
})
export class EquityReport {
  @Field({ description: 'First day of the period, YYYY-MM-DD.' })
  from: string;

  @Field({ description: 'Last day of the period, YYYY-MM-DD.' })
  to: string;

  @Field(() => ID, { nullable: true, description: 'The school the report is restricted to, if any.' })
  schoolId: string | null;

  @Field({ description: 'Whether figures are suppressed, rounded and banded for this viewer (everyone but the district).' })
  suppressedView: boolean;

  @Field(() => Int, { description: 'The minimum number of students a shown cell holds (C2C_MIN_CELL_SIZE).' })
  minimumCellSize: number;

  @Field(() => EquityCell, { description: 'All students of the period.' })
  total: EquityCell;

  @Field(() => [EquityCell], { description: 'The cells of the breakdowns, in breakdown and group order.' })
  cells: EquityCell[];

  @Field(() => EquityParticipation, { description: 'Programme participants against non-participants.' })
  participation: EquityParticipation;
}
