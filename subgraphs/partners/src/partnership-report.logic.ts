import type { EntityManager } from '@mikro-orm/knex';
import { Alignment } from './alignment.enum';
import { FOCUS_AREAS } from './focus-area.enum';
import { AlignmentReview, Partnership } from './partnership.entity';
import { PartnershipStatus } from './partnership-status.enum';

/** The alignment counts of a set of active partnerships, each judged by its latest review. */
export interface AlignmentCounts {
  active: number;
  aligned: number;
  partlyAligned: number;
  notAligned: number;
  unreviewed: number;
  /** aligned / active × 100, one decimal; null with no active partnership. */
  alignedPercent: number | null;
}

export const latestReview = (reviews: AlignmentReview[]) =>
  [...reviews].sort(
    (a, b) => b.reviewedOn.localeCompare(a.reviewedOn) || b.createdAt.getTime() - a.createdAt.getTime() || b.id.localeCompare(a.id),
  )[0];

function count(list: { alignment: Alignment | null }[]): AlignmentCounts {
  const by = (a: Alignment | null) => list.filter((x) => x.alignment === a).length;
  const aligned = by(Alignment.ALIGNED);
  return {
    active: list.length,
    aligned,
    partlyAligned: by(Alignment.PARTLY_ALIGNED),
    notAligned: by(Alignment.NOT_ALIGNED),
    unreviewed: by(null),
    alignedPercent: list.length ? Math.round((aligned / list.length) * 1000) / 10 : null,
  };
}

/**
 * The district's monitoring metric (seeds: "percent of partnerships operating in alignment
 * with the partnerships policy and district priorities"): of the ACTIVE partnerships, the
 * share whose latest alignment review says ALIGNED (unreviewed ones count against it),
 * overall, by focus area (a partnership counts under each of its areas) and by school.
 */
export async function alignmentReport(em: EntityManager) {
  const active = await em.find(Partnership, { status: PartnershipStatus.ACTIVE }, { orderBy: { id: 'asc' } });
  const reviews = active.length ? await em.find(AlignmentReview, { partnershipId: { $in: active.map((p) => p.id) } }) : [];
  const rows = active.map((p) => {
    const latest = latestReview(reviews.filter((r) => r.partnershipId === p.id));
    return { p, alignment: latest?.alignment ?? null };
  });
  const schools = [...new Set(rows.map((r) => r.p.schoolId))].sort();
  return {
    overall: count(rows),
    byFocusArea: FOCUS_AREAS.map((focusArea) => ({ focusArea, ...count(rows.filter((r) => r.p.focusAreas.includes(focusArea))) })),
    bySchool: schools.map((schoolId) => ({ schoolId, ...count(rows.filter((r) => r.p.schoolId === schoolId)) })),
  };
}
