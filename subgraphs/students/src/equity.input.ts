import { ArgsType, Field, ID } from 'type-graphql';
import { EquityDimension } from './equity-dimension.enum';

@ArgsType()
export class EquityReportArgs {
  @Field(() => String, { nullable: true, description: 'A school year, "2026-2027" (1 August to 31 July); or give from and to.' })
  schoolYear?: string | null;

  @Field(() => String, { nullable: true, description: 'First day of the period, YYYY-MM-DD; the period spans at most 366 days.' })
  from?: string | null;

  @Field(() => String, { nullable: true, description: 'Last day of the period, YYYY-MM-DD, not before from.' })
  to?: string | null;

  @Field(() => ID, {
    nullable: true,
    description:
      'Only this school. The district gets the school’s own breakdowns; everyone else the school’s slice (its total and grades) of the district’s release.',
  })
  schoolId?: string | null;

  @Field(() => [EquityDimension], {
    nullable: true,
    description: 'Only these breakdowns in `cells` (all by default); suppression always covers all.',
  })
  dimensions?: EquityDimension[] | null;

  @Field(() => ID, {
    nullable: true,
    description: 'Compare participants of this organisation’s programmes (every programme when omitted). Partner staff: only their own.',
  })
  programOrganizationId?: string | null;
}
