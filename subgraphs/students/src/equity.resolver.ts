import { Args, Ctx, Query, Resolver } from 'type-graphql';
import { badInput, hasRole, isUuid, normalizeId, readMinimumCellSize, type HubContext } from '@c2c/kernel';
import { EquityDimension } from './equity-dimension.enum';
import { EquityReportArgs } from './equity.input';
import { publishedRelease } from './equity-release.logic';
import { equityPeriod, type PublishedCell } from './equity.logic';
import { EquityCell, EquityReport } from './equity.types';

const id = (value: string | null | undefined, field: string) => {
  if (value === undefined || value === null) return null;
  const normal = normalizeId(value);
  if (!isUuid(normal)) throw badInput(`${field} must be an id`, { field });
  return normal;
};

const toCell = (c: PublishedCell): EquityCell => ({
  dimension: c.dimension === 'TOTAL' ? null : c.dimension,
  group: c.group,
  schoolId: c.school,
  suppressed: c.suppressed,
  students: c.students,
  attendanceRate: c.attendanceRate,
  chronicAbsenteeismRate: c.chronicAbsenteeismRate,
  proficiencyRate: c.proficiencyRate,
});

@Resolver(() => EquityReport)
export class EquityResolver {
  @Query(() => EquityReport, {
    nullable: true,
    description:
      'Attendance rate, chronic absenteeism and proficiency by subgroup, with gaps to all students, and participants against non-participants. Exact for district administrators; suppressed, rounded and banded for hub operators, evaluators and partner staff under a student-data agreement.',
  })
  async equityReport(@Args() args: EquityReportArgs, @Ctx() ctx: HubContext): Promise<EquityReport> {
    const period = equityPeriod(args);
    const schoolId = id(args.schoolId, 'schoolId');
    const programOrganizationId = id(args.programOrganizationId, 'programOrganizationId');
    const exact = hasRole(ctx.viewer, 'district_admin');
    const minimum = readMinimumCellSize();
    const release = await publishedRelease(
      ctx.em,
      {
        ...period,
        // A suppressed viewer's school filter is a slice of the district release (equity.logic.ts).
        schoolId: exact ? schoolId : null,
        viewerOrganizationId: exact ? null : (ctx.viewer.org ?? null),
        programOrganizationId,
      },
      { exact, minimum },
    );
    const wanted = new Set(args.dimensions?.length ? args.dimensions : Object.values(EquityDimension));
    const inSlice = (c: PublishedCell) =>
      exact ||
      !schoolId ||
      (c.dimension === EquityDimension.SCHOOL && c.group === schoolId) ||
      (c.dimension === EquityDimension.SCHOOL_GRADE && c.school === schoolId);
    const [participants, nonParticipants] = release.participation.map(toCell);
    return {
      ...period,
      schoolId,
      suppressedView: !exact,
      minimumCellSize: minimum,
      total: toCell(release.total),
      cells: release.cells.filter((c) => wanted.has(c.dimension as EquityDimension) && inSlice(c)).map(toCell),
      participation: { organizationId: programOrganizationId, participants, nonParticipants },
    };
  }
}
