import { randomUUID } from 'node:crypto';
import { type Viewer } from '@c2c/kernel';
import * as demo from '@c2c/demo';
import * as testing from '@c2c/testing';
import { Disclosure, ProgramParticipation, setClock, students, StudentSchoolAttendanceEvent } from '@c2c/students';
import { AcademicSession } from '../src/academic-session.entity';
import { CourseTranscript } from '../src/course-transcript.entity';
import { DisciplineIncident } from '../src/discipline-incident.entity';
import { caseOf, entitiesQuery, errorCodes, namedViewer, NOW, studentReps } from './fixtures';

/**
 * The partner data portal (seed 002): attendance calendar, week view, rate, chronic
 * absenteeism and trend, early-warning flags, enrollment history and the caseload overview,
 * on records written here and checked against figures the test computes itself.
 */
const u = demo.demoUniverse();
const inForce = (a: demo.DemoAgreement) =>
  a.scopes.includes('STUDENT_DATA') &&
  !a.revokedAt &&
  Date.parse(a.effectiveFrom) <= NOW.getTime() &&
  (!a.expiresAt || Date.parse(a.expiresAt) > NOW.getTime());
const kindsOf = (org: string) => u.agreements.find((a) => a.organizationId === org && inForce(a))?.recordKinds ?? [];
const activeOf = (org: string) => u.participations.filter((p) => p.organizationId === org && caseOf(p) === 'active');
const onlyOne = (p: demo.DemoParticipation) =>
  u.participations.filter((q) => q.studentId === p.studentId && q.organizationId === p.organizationId).length === 1;

// An organisation whose agreement covers attendance, behaviour and courses, with at least eight
// consented participants who take part in only one of its programmes (so one consent decides).
const ORG = u.organizations.find((o) => {
  const k = kindsOf(o.id);
  return ['ATTENDANCE', 'BEHAVIOUR', 'COURSES'].every((x) => k.includes(x as never)) && activeOf(o.id).filter(onlyOne).length >= 8;
})!.id;
const OTHER_ORG = u.organizations.find((o) => o.id !== ORG && kindsOf(o.id).length && activeOf(o.id).length)!.id;
const caseload = activeOf(ORG);
// Eight participants with records; the last one's consent covers no record kind.
const withRecords = caseload.filter(onlyOne).slice(0, 8);
const noKinds = withRecords[7];
const subject = withRecords[0];

const partner = namedViewer(testing.viewerFor('partner_staff', ORG), 'portal-partner');
const otherPartner = namedViewer(testing.viewerFor('partner_staff', OTHER_ORG), 'portal-other');
const district = testing.viewerFor('district_admin');

/** School days (weekdays) from 2 September to 20 November 2026. */
const SCHOOL_DAYS: string[] = [];
for (let d = Date.parse('2026-09-02T00:00:00Z'); d <= Date.parse('2026-11-20T00:00:00Z'); d += 86_400_000) {
  const day = new Date(d);
  if (day.getUTCDay() !== 0 && day.getUTCDay() !== 6) SCHOOL_DAYS.push(day.toISOString().slice(0, 10));
}
/** Student k misses every (k+3)th school day (excused on even ones), arrives late every 7th, and has k incidents and a mark of 60 + 4k. */
const categoryOf = (k: number, i: number) =>
  i % (k + 3) === 0 ? (i % 2 === 0 ? 'excusedAbsence' : 'unexcusedAbsence') : i % 7 === 0 ? 'tardy' : 'present';
const ABSENT = new Set(['excusedAbsence', 'unexcusedAbsence']);
const expectedRate = (k: number, days = SCHOOL_DAYS.map((d, i) => [d, i] as const)) => {
  const missed = days.filter(([, i]) => ABSENT.has(categoryOf(k, i))).length;
  return (days.length - missed) / days.length;
};
const markOf = (k: number) => 60 + 4 * k;

describe('students subgraph: partner data portal', () => {
  let sg: testing.TestSubgraph;
  let partners: testing.PartnersProcess;
  const schoolOf = (id: string) => u.students.find((s) => s.id === id)!.schoolId;

  beforeAll(async () => {
    setClock(() => NOW);
    partners = await testing.startPartnersProcess();
    sg = await testing.createTestSubgraph(students, { seed: true, partners });
    const em = sg.em();
    const session = {
      id: randomUUID(),
      sourcedId: 'portal-fall-2026',
      title: 'Fall 2026',
      type: 'term',
      startDate: '2026-09-01',
      endDate: '2027-01-29',
      status: 'active',
    };
    const oldSession = {
      id: randomUUID(),
      sourcedId: 'portal-spring-2025',
      title: 'Spring 2025',
      type: 'term',
      startDate: '2025-01-06',
      endDate: '2025-06-13',
      status: 'active',
    };
    await em.insertMany(AcademicSession, [session, oldSession] as never[]);
    const attendance: Record<string, unknown>[] = [];
    const incidents: Record<string, unknown>[] = [];
    const transcripts: Record<string, unknown>[] = [];
    for (const [k, p] of withRecords.entries()) {
      const base = { studentId: p.studentId, status: 'active' };
      for (const [i, date] of SCHOOL_DAYS.entries())
        attendance.push({
          ...base,
          id: randomUUID(),
          sourcedId: `portal-a-${k}-${i}`,
          schoolId: schoolOf(p.studentId),
          date,
          category: categoryOf(k, i),
        });
      // A row the SIS deleted: it must count nowhere.
      attendance.push({
        ...base,
        status: 'tobedeleted',
        id: randomUUID(),
        sourcedId: `portal-a-${k}-x`,
        schoolId: schoolOf(p.studentId),
        date: '2026-11-21',
        category: 'unexcusedAbsence',
      });
      for (let j = 0; j < k; j++)
        incidents.push({
          ...base,
          id: randomUUID(),
          sourcedId: `portal-i-${k}-${j}`,
          schoolId: schoolOf(p.studentId),
          date: SCHOOL_DAYS[j * 5],
          type: 'Disruption',
          action: null,
          daysRemoved: 0,
        });
      transcripts.push(
        {
          ...base,
          id: randomUUID(),
          sourcedId: `portal-t-${k}-1`,
          courseId: randomUUID(),
          academicSessionId: session.id,
          mark: String(markOf(k)),
        },
        { ...base, id: randomUUID(), sourcedId: `portal-t-${k}-2`, courseId: randomUUID(), academicSessionId: session.id, mark: 'B+' },
        // Last year's failing mark is outside this year's range.
        { ...base, id: randomUUID(), sourcedId: `portal-t-${k}-3`, courseId: randomUUID(), academicSessionId: oldSession.id, mark: '40' },
      );
    }
    await em.insertMany(StudentSchoolAttendanceEvent, attendance as never[]);
    await em.insertMany(DisciplineIncident, incidents as never[]);
    await em.insertMany(CourseTranscript, transcripts as never[]);
    // This participant's guardian consented to no record kind: directory fields only.
    await em.nativeUpdate(ProgramParticipation, { id: noKinds.id }, { consentRecordKinds: [] });
  }, 120_000);
  afterAll(async () => {
    await sg?.close();
    await partners?.stop();
  });

  const disclosuresOf = (sub: string) => sg.em().find(Disclosure, { viewerSub: sub }, { orderBy: { createdAt: 'asc' } });
  const tables = () =>
    sg.statements.statements.map((sql) => {
      const verb = /^\s*(\w+)/.exec(sql)![1].toLowerCase();
      const table = /\b(?:from|into|update)\s+[`"](\w+)[`"]/i.exec(sql)?.[1];
      return `${verb} ${table}`;
    });

  const PORTAL = `query($id: ID!) { student(id: $id) {
    id givenName
    attendanceCalendar(month: "2026-10") { date category }
    attendanceWeek(weekOf: "2026-09-09") { from to days { date weekday category } }
    attendanceSummary(from: "2026-09-01", to: "2026-11-30") { from to enrolledDays daysAttended daysMissed excusedAbsences unexcusedAbsences tardies earlyDepartures attendanceRate chronicallyAbsent }
    attendanceTrend { month enrolledDays daysMissed attendanceRate }
    earlyWarning { level attendance { level value } behaviour { level value } courses { level value warnThreshold atRiskThreshold } }
    enrollmentHistory { schoolYear grade entryDate exitDate school { id } }
  } }`;

  describe('a student’s portal views', () => {
    it('gives the district the calendar, week, summary, trend, flags and enrollment history computed from the records', async () => {
      const res = await sg.exec(PORTAL, { id: subject.studentId }, district);
      expect(res.errors).toBeUndefined();
      const s = res.data!.student;
      const october = SCHOOL_DAYS.map((d, i) => ({ date: d, category: categoryOf(0, i) })).filter((d) => d.date.startsWith('2026-10'));
      expect(s.attendanceCalendar.map((d: any) => ({ date: d.date, category: d.category.toString() }))).toEqual(
        october.map((d) => ({ date: d.date, category: d.category.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase() })),
      );
      expect(s.attendanceWeek.from).toBe('2026-09-07');
      expect(s.attendanceWeek.to).toBe('2026-09-11');
      expect(s.attendanceWeek.days.map((d: any) => d.weekday)).toEqual(['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday']);
      const week = ['2026-09-07', '2026-09-08', '2026-09-09', '2026-09-10', '2026-09-11'];
      expect(s.attendanceWeek.days.map((d: any) => d.date)).toEqual(week);
      expect(s.attendanceWeek.days.map((d: any) => d.category)).toEqual(
        week.map((d) =>
          categoryOf(0, SCHOOL_DAYS.indexOf(d))
            .replace(/[A-Z]/g, (c) => `_${c}`)
            .toUpperCase(),
        ),
      );
      const missed = SCHOOL_DAYS.filter((_, i) => ABSENT.has(categoryOf(0, i))).length;
      expect(s.attendanceSummary).toEqual({
        from: '2026-09-01',
        to: '2026-11-30',
        enrolledDays: SCHOOL_DAYS.length,
        daysAttended: SCHOOL_DAYS.length - missed,
        daysMissed: missed,
        excusedAbsences: SCHOOL_DAYS.filter((_, i) => categoryOf(0, i) === 'excusedAbsence').length,
        unexcusedAbsences: SCHOOL_DAYS.filter((_, i) => categoryOf(0, i) === 'unexcusedAbsence').length,
        tardies: SCHOOL_DAYS.filter((_, i) => categoryOf(0, i) === 'tardy').length,
        earlyDepartures: 0,
        attendanceRate: expectedRate(0),
        chronicallyAbsent: missed / SCHOOL_DAYS.length >= 0.1,
      });
      expect(s.attendanceTrend.map((m: any) => m.month)).toEqual(['2026-09', '2026-10', '2026-11']);
      const days = SCHOOL_DAYS.map((d, i) => [d, i] as const);
      for (const m of s.attendanceTrend) {
        const inMonth = days.filter(([d]) => d.startsWith(m.month));
        expect(m.enrolledDays).toBe(inMonth.length);
        expect(m.attendanceRate).toBeCloseTo(expectedRate(0, inMonth), 10);
      }
      // Student 0 misses every third day (rate ≈ 0.67 < 0.80), has no incident, and a mark of 60 (< 65).
      expect(s.earlyWarning).toEqual({
        level: 'AT_RISK',
        attendance: { level: 'AT_RISK', value: expectedRate(0) },
        behaviour: { level: 'NONE', value: 0 },
        courses: { level: 'AT_RISK', value: 60, warnThreshold: 72, atRiskThreshold: 65 },
      });
      const own = u.students.find((x) => x.id === subject.studentId)!;
      expect(s.enrollmentHistory).toEqual([
        { schoolYear: '2026-2027', grade: own.grade, entryDate: own.entryDate, exitDate: null, school: { id: own.schoolId } },
      ]);
    });

    it('applies thresholds given in the query instead of Ed-Fi’s', async () => {
      const q = `query($id: ID!, $t: EarlyWarningThresholdsInput) { student(id: $id) { earlyWarning(thresholds: $t) { level attendance { level } behaviour { level } courses { level warnThreshold } } } }`;
      const res = await sg.exec(
        q,
        {
          id: withRecords[6].studentId,
          t: { attendanceWarnBelow: 0.85, attendanceAtRiskBelow: 0.5, incidentsAtRiskAt: 10, markWarnBelow: 90 },
        },
        district,
      );
      expect(res.errors).toBeUndefined();
      // Student 6: rate ≈ 0.879 (WARNING by Ed-Fi, NONE under 0.85), 6 incidents (AT_RISK by Ed-Fi, WARNING under 10), mark 84 (NONE by Ed-Fi, WARNING under 90).
      expect(expectedRate(6)).toBeGreaterThan(0.85);
      expect(expectedRate(6)).toBeLessThan(0.88);
      expect(res.data!.student.earlyWarning).toEqual({
        level: 'WARNING',
        attendance: { level: 'NONE' },
        behaviour: { level: 'WARNING' },
        courses: { level: 'WARNING', warnThreshold: 90 },
      });
      const edFi = await sg.exec(q, { id: withRecords[6].studentId }, district);
      expect(edFi.data!.student.earlyWarning).toEqual({
        level: 'AT_RISK',
        attendance: { level: 'WARNING' },
        behaviour: { level: 'AT_RISK' },
        courses: { level: 'NONE', warnThreshold: 72 },
      });
    });

    it.each([
      ['attendanceSummary(from: "2026-11-01", to: "2026-09-01") { enrolledDays }', 'from'],
      ['attendanceSummary(from: "2025-09-01", to: "2026-11-01") { enrolledDays }', 'to'],
      ['attendanceSummary(from: "2026-02-30") { enrolledDays }', 'from'],
      ['attendanceCalendar(month: "2026-13") { date }', 'month'],
      ['attendanceCalendar(month: "2026-10", from: "2026-10-01") { date }', 'month'],
      ['attendanceTrend(from: "2024-01-01", to: "2026-01-01") { month }', 'to'],
      ['attendanceWeek(weekOf: "someday") { from }', 'weekOf'],
      ['earlyWarning(thresholds: { attendanceAtRiskBelow: 0.95 }) { level }', 'thresholds.attendanceAtRiskBelow'],
      ['earlyWarning(thresholds: { incidentsWarnAt: 0 }) { level }', 'thresholds.incidentsWarnAt'],
    ])('refuses %s as BAD_USER_INPUT naming %s', async (field, name) => {
      const res = await sg.exec(`query($id: ID!) { student(id: $id) { ${field} } }`, { id: subject.studentId }, district);
      expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: name });
    });
  });

  describe('role matrix on the portal fields', () => {
    const FIELDS = ['attendanceCalendar', 'attendanceWeek', 'attendanceSummary', 'attendanceTrend', 'earlyWarning', 'enrollmentHistory'];
    const SELECTION = `attendanceCalendar(month: "2026-10") { date } attendanceWeek(weekOf: "2026-10-05") { from }
      attendanceSummary { enrolledDays } attendanceTrend { month } earlyWarning { level behaviour { value } } enrollmentHistory { grade }`;
    const byId = (id: string, v: Viewer) => sg.exec(`query($id: ID!) { student(id: $id) { id ${SELECTION} } }`, { id }, v);
    const viaEntities = (id: string, v: Viewer) => sg.exec(entitiesQuery(`... on Student { id ${SELECTION} }`), studentReps([id]), v);

    it('lets the assigned partner read every portal view by id and through _entities, leaving one disclosure per read', async () => {
      for (const [i, read] of [byId, viaEntities].entries()) {
        const viewer = namedViewer(partner, `portal-matrix-${i}`);
        const res = await read(subject.studentId, viewer);
        expect(res.errors).toBeUndefined();
        const s = res.data!.student ?? res.data!._entities[0];
        expect(s.attendanceSummary.enrolledDays).toBe(SCHOOL_DAYS.length);
        expect(s.earlyWarning.behaviour).toEqual({ value: 0 });
        const rows = await disclosuresOf(viewer.sub!);
        expect(rows).toHaveLength(1);
        expect(rows[0].studentId).toBe(subject.studentId);
        expect(rows[0].fields).toEqual([...FIELDS].sort());
      }
    });

    it('refuses the portal views of a participant whose consent covers no record kind, field by field, and logs only the directory read', async () => {
      const viewer = namedViewer(partner, 'portal-matrix-nokinds');
      const res = await byId(noKinds.studentId, viewer);
      expect(res.data!.student).toMatchObject({ id: noKinds.studentId, ...Object.fromEntries(FIELDS.map((f) => [f, null])) });
      expect(errorCodes(res)).toEqual(Object.fromEntries(FIELDS.map((f) => [`student.${f}`, 'FORBIDDEN'])));
      expect(await disclosuresOf(viewer.sub!)).toEqual([]);
    });

    it.each([
      ['another organisation’s partner', otherPartner, 'FORBIDDEN'],
      ['an evaluator', namedViewer(testing.viewerFor('evaluator'), 'portal-evaluator'), 'FORBIDDEN'],
      ['anonymous', testing.ANONYMOUS, 'UNAUTHENTICATED'],
    ] as const)('refuses %s, by id and through _entities, and logs nothing', async (_who, viewer, code) => {
      for (const read of [byId, viaEntities]) {
        const res = await read(subject.studentId, viewer);
        const data = res.data?.student ?? res.data?._entities?.[0] ?? null;
        expect(data).toBeNull();
        expect(res.errors?.[0].extensions?.code).toBe(code);
      }
      if (viewer.sub) expect(await disclosuresOf(viewer.sub)).toEqual([]);
    });
  });

  describe('caseload overview', () => {
    const CASELOAD = `query($first: Int, $after: String, $sort: CaseloadSort, $descending: Boolean, $org: ID) {
      caseloadOverview(first: $first, after: $after, sort: $sort, descending: $descending, organizationId: $org, from: "2026-09-01", to: "2026-11-30") {
        totalCount pageInfo { hasNextPage endCursor }
        edges { node { student { id familyName givenName } attendanceRate chronicallyAbsent incidents lowestMark level attendanceLevel behaviourLevel courseLevel } }
      } }`;
    const visibleIds = caseload.map((p) => p.studentId);

    it('lists every participant the partner may read, one row each, with the flags of the record kinds they may see', async () => {
      const viewer = namedViewer(partner, 'portal-caseload');
      const res = await sg.exec(CASELOAD, { first: 100, sort: 'ATTENDANCE_RATE' }, viewer);
      expect(res.errors).toBeUndefined();
      const c = res.data!.caseloadOverview;
      expect(c.totalCount).toBe(new Set(visibleIds).size);
      const rows = c.edges.map((e: any) => e.node);
      expect(rows.map((r: any) => r.student.id).sort()).toEqual([...new Set(visibleIds)].sort());
      // Lowest attendance first: students 0..6 in order (7 consented to no kind, others have no record), then those without a rate.
      expect(rows.slice(0, 7).map((r: any) => r.student.id)).toEqual(withRecords.slice(0, 7).map((p) => p.studentId));
      for (const [k, p] of withRecords.slice(0, 7).entries()) {
        const row = rows.find((r: any) => r.student.id === p.studentId);
        expect(row.attendanceRate).toBeCloseTo(expectedRate(k), 10);
        expect(row.incidents).toBe(k);
        expect(row.lowestMark).toBe(markOf(k));
        expect(row.behaviourLevel).toBe(k >= 5 ? 'AT_RISK' : k >= 2 ? 'WARNING' : 'NONE');
        expect(row.courseLevel).toBe(markOf(k) < 65 ? 'AT_RISK' : markOf(k) < 72 ? 'WARNING' : 'NONE');
      }
      const hidden = rows.find((r: any) => r.student.id === noKinds.studentId);
      expect(hidden).toMatchObject({ attendanceRate: null, incidents: null, lowestMark: null, level: 'NONE', attendanceLevel: null });
      // One disclosure row per student shown, in the request's one insert.
      const logged = await disclosuresOf(viewer.sub!);
      expect(logged.map((r) => r.studentId).sort()).toEqual([...new Set(visibleIds)].sort());
      expect(logged.find((r) => r.studentId === subject.studentId)!.fields).toEqual([
        'attendanceSummary',
        'earlyWarning',
        'familyName',
        'givenName',
      ]);
    });

    it('pages with a capped page size, sorts by flag level and name either way', async () => {
      const all = (await sg.exec(CASELOAD, { first: 100, sort: 'NAME' }, partner)).data!.caseloadOverview.edges.map((e: any) => e.node);
      const names = all.map((r: any) => `${r.student.familyName}\u0000${r.student.givenName}\u0000${r.student.id}`);
      expect(names).toEqual([...names].sort((a: string, b: string) => a.localeCompare(b)));
      const desc = (await sg.exec(CASELOAD, { first: 100, sort: 'NAME', descending: true }, partner)).data!.caseloadOverview.edges;
      expect(desc.map((e: any) => e.node.student.id)).toEqual(all.map((r: any) => r.student.id).reverse());
      const first = (await sg.exec(CASELOAD, { first: 3, sort: 'FLAG_LEVEL', descending: true }, partner)).data!.caseloadOverview;
      expect(first.edges.map((e: any) => e.node.level)).toEqual(['AT_RISK', 'AT_RISK', 'AT_RISK']);
      expect(first.pageInfo.hasNextPage).toBe(true);
      const next = (await sg.exec(CASELOAD, { first: 3, after: first.pageInfo.endCursor, sort: 'FLAG_LEVEL', descending: true }, partner))
        .data!.caseloadOverview;
      const ids = [...first.edges, ...next.edges].map((e: any) => e.node.student.id);
      expect(new Set(ids).size).toBe(6);
      const tooBig = await sg.exec(CASELOAD, { first: 101 }, partner);
      expect(tooBig.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    });

    it('costs the same statements for a page of 1, 5 and 20 rows', async () => {
      const counts: string[][] = [];
      for (const first of [1, 5, 20]) {
        sg.statements.reset();
        const res = await sg.exec(CASELOAD, { first, sort: 'ATTENDANCE_RATE' }, partner);
        expect(res.errors).toBeUndefined();
        expect(res.data!.caseloadOverview.edges).toHaveLength(Math.min(first, new Set(visibleIds).size));
        counts.push(tables().sort());
      }
      expect(counts[1]).toEqual(counts[0]);
      expect(counts[2]).toEqual(counts[0]);
      expect(counts[0]).toEqual([
        'insert disclosure',
        'select course_transcript',
        'select discipline_incident',
        'select program_participation',
        'select student',
        'select student_school_attendance_event',
      ]);
    });

    it('gives the district any organisation’s caseload, and requires it to name one', async () => {
      const res = await sg.exec(CASELOAD, { first: 100, org: ORG }, district);
      expect(res.errors).toBeUndefined();
      // The district sees every active participant, consented or not.
      const active = new Set(
        u.participations
          .filter((p) => p.organizationId === ORG && p.startDate <= '2026-11-20' && (!p.endDate || p.endDate >= '2026-11-20'))
          .map((p) => p.studentId),
      );
      expect(res.data!.caseloadOverview.totalCount).toBe(active.size);
      const missing = await sg.exec(CASELOAD, { first: 10 }, district);
      expect(missing.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'organizationId' });
    });

    it.each([
      ['another organisation’s partner asking for this one', otherPartner, ORG, 'FORBIDDEN'],
      ['an evaluator', testing.viewerFor('evaluator'), undefined, 'FORBIDDEN'],
      ['anonymous', testing.ANONYMOUS, undefined, 'UNAUTHENTICATED'],
    ] as const)('refuses %s', async (_who, viewer, org, code) => {
      const res = await sg.exec(CASELOAD, { first: 10, org }, viewer);
      expect(res.data?.caseloadOverview ?? null).toBeNull();
      expect(res.errors?.[0].extensions?.code).toBe(code);
    });

    it('shows another organisation’s partner only its own participants', async () => {
      const res = await sg.exec(CASELOAD, { first: 100 }, otherPartner);
      expect(res.errors).toBeUndefined();
      const ids = res.data!.caseloadOverview.edges.map((e: any) => e.node.student.id);
      expect(ids.sort()).toEqual([...new Set(activeOf(OTHER_ORG).map((p) => p.studentId))].sort());
    });

    it.each([
      [{ from: '2026-11-01', to: '2026-09-01' }, 'from'],
      [{ from: '2025-01-01', to: '2026-11-01' }, 'to'],
    ])('refuses the range %j as BAD_USER_INPUT naming %s', async (range, name) => {
      const res = await sg.exec(
        `query($from: String, $to: String) { caseloadOverview(from: $from, to: $to) { totalCount } }`,
        range,
        partner,
      );
      expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: name });
    });
  });
});
