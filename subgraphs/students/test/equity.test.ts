import { randomUUID } from 'node:crypto';
import { EnvError, readEnv, type Role, type Viewer } from '@c2c/kernel';
import * as demo from '@c2c/demo';
import * as testing from '@c2c/testing';
import { students } from '@c2c/students';
import { StudentDemographics } from '../src/student-demographics.entity';
import { StudentSchoolAttendanceEvent } from '../src/attendance-event.entity';
import { StudentAssessment } from '../src/student-assessment.entity';
import { Student } from '../src/student.entity';
import { ProgramParticipation } from '../src/program-participation.entity';
import { AttendanceCategory } from '../src/attendance-category.enum';
import { School } from '../src/school.entity';
import { groupRows, type GroupRow } from '../src/equity.logic';
import { releaseGroups } from '../src/equity-release.logic';
import { errorCodes, partnerFixture } from './fixtures';

/*
 * The equityReport query on a real database: exact figures for the district, one suppressed
 * release for everyone else, one grouped SQL statement, the role matrix and bad input.
 * The population is written here (the demo has no attendance): two schools, ten school days.
 */

let partners: testing.PartnersProcess;
beforeAll(async () => {
  partners = await testing.startPartnersProcess();
});
afterAll(() => partners?.stop());

const SCHOOL_A = '20000000-0000-4000-8000-00000000000a';
const SCHOOL_B = '20000000-0000-4000-8000-00000000000b';
const DAYS = Array.from({ length: 10 }, (_, i) => `2026-09-${String(i + 1).padStart(2, '0')}`);

interface Pupil {
  id: string;
  school: string;
  grade: string;
  races: Partial<Record<'asian' | 'white' | 'blackOrAfricanAmerican' | 'hispanicOrLatinoEthnicity', boolean>>;
  sex: string;
  econ: boolean;
  missed: number;
  proficient: boolean | null;
}

/** 64 pupils: large white and Black groups, 4 Asian, one Asian and white, two Hispanic and white. */
function population(): Pupil[] {
  const out: Pupil[] = [];
  const add = (n: number, p: Omit<Pupil, 'id' | 'missed' | 'sex' | 'econ'>) => {
    for (let i = 0; i < n; i++) {
      const k = out.length;
      out.push({
        ...p,
        id: randomUUID(),
        sex: k % 2 ? 'female' : 'male',
        econ: k % 3 === 0,
        missed: k % 7 === 0 ? 2 : k % 5 === 0 ? 1 : 0,
      });
    }
  };
  add(30, { school: SCHOOL_A, grade: '03', races: { white: true }, proficient: true });
  add(27, { school: SCHOOL_B, grade: '04', races: { blackOrAfricanAmerican: true }, proficient: false });
  add(4, { school: SCHOOL_B, grade: '04', races: { asian: true }, proficient: true });
  add(1, { school: SCHOOL_A, grade: '03', races: { asian: true, white: true }, proficient: null });
  add(2, { school: SCHOOL_A, grade: '05', races: { hispanicOrLatinoEthnicity: true, white: true }, proficient: true });
  return out;
}

async function write(sg: testing.TestSubgraph, pupils: Pupil[], participantsOf: { org: string; count: number }[]) {
  const em = sg.em();
  const now = new Date();
  for (const p of pupils) {
    em.create(Student, {
      id: p.id,
      sourcedId: `eq-${p.id}`,
      givenName: 'Eq',
      familyName: 'Pupil',
      birthDate: '2017-01-01',
      grade: p.grade,
      schoolId: p.school,
      createdAt: now,
      updatedAt: now,
    } as never);
    em.create(StudentDemographics, {
      id: randomUUID(),
      sourcedId: `eq-d-${p.id}`,
      studentId: p.id,
      sex: p.sex,
      asian: p.races.asian ?? false,
      white: p.races.white ?? false,
      blackOrAfricanAmerican: p.races.blackOrAfricanAmerican ?? false,
      hispanicOrLatinoEthnicity: p.races.hispanicOrLatinoEthnicity ?? false,
      economicallyDisadvantaged: p.econ,
      homeZip: p.school === SCHOOL_A ? '98101' : '98102',
    } as never);
    DAYS.forEach((date, i) =>
      em.create(StudentSchoolAttendanceEvent, {
        id: randomUUID(),
        sourcedId: `eq-a-${p.id}-${date}`,
        studentId: p.id,
        schoolId: p.school,
        date,
        category: i < p.missed ? AttendanceCategory.UNEXCUSED_ABSENCE : i === 9 ? AttendanceCategory.TARDY : AttendanceCategory.PRESENT,
      }),
    );
    if (p.proficient !== null) {
      em.create(StudentAssessment, {
        id: randomUUID(),
        sourcedId: `eq-r-${p.id}`,
        studentId: p.id,
        assessment: 'MAP',
        subject: 'Mathematics',
        administrationDate: '2026-09-05',
        proficient: p.proficient,
      } as never);
    }
  }
  let k = 0;
  for (const { org, count } of participantsOf) {
    for (let i = 0; i < count; i++, k++) {
      em.create(ProgramParticipation, {
        student: pupils[k].id,
        organizationId: org,
        programName: 'Afterschool Program',
        startDate: '2026-08-20',
      } as never);
    }
  }
  await em.flush();
}

const REPORT = `query($from: String, $to: String, $schoolYear: String, $schoolId: ID, $dimensions: [EquityDimension!], $org: ID) {
  equityReport(from: $from, to: $to, schoolYear: $schoolYear, schoolId: $schoolId, dimensions: $dimensions, programOrganizationId: $org) {
    from to schoolId suppressedView minimumCellSize
    total { ...cell }
    cells { ...cell }
    participation { organizationId participants { ...cell } nonParticipants { ...cell } }
  }
}
fragment cell on EquityCell {
  dimension group schoolId suppressed students
  attendanceRate { percent display gap }
  chronicAbsenteeismRate { percent display gap }
  proficiencyRate { percent display gap }
}`;
const PERIOD = { from: '2026-09-01', to: '2026-09-30' };

type Cell = {
  dimension: string | null;
  group: string;
  schoolId: string | null;
  suppressed: boolean;
  students: number | null;
  attendanceRate: { percent: number | null; display: string | null; gap: number | null };
  chronicAbsenteeismRate: { percent: number | null; display: string | null; gap: number | null };
  proficiencyRate: { percent: number | null; display: string | null; gap: number | null };
};

describe('students subgraph: equity report', () => {
  let sg: testing.TestSubgraph;
  const pupils = population();
  const fx = partnerFixture();
  const u = demo.demoUniverse();
  const inForce = (a: demo.DemoAgreement) =>
    !a.revokedAt && Date.parse(a.effectiveFrom) <= Date.now() && (!a.expiresAt || Date.parse(a.expiresAt) > Date.now());
  // An event host whose agreements in force cover event aggregates but no student data.
  const aggregatesOnly = u.organizations.find((o) => {
    const mine = u.agreements.filter((a) => a.organizationId === o.id && inForce(a));
    return mine.length > 0 && mine.every((a) => !a.scopes.includes('STUDENT_DATA'));
  })!;
  const otherOrg = u.organizations.find((o) => o.id !== fx.orgId && o.id !== aggregatesOnly.id)!;
  const as = (roles: Role[] | Role, org?: string): Viewer => testing.viewerFor(roles, org);

  beforeAll(async () => {
    sg = await testing.createTestSubgraph(students, { seed: true, partners });
    // The fixture partner's programme: 12 of the pupils; another organisation's: the next 3.
    await write(sg, pupils, [
      { org: fx.orgId, count: 12 },
      { org: otherOrg.id, count: 3 },
    ]);
  });
  afterAll(() => sg.close());

  const report = async (viewer: Viewer, vars: Record<string, unknown> = PERIOD) => sg.exec(REPORT, vars, viewer);
  const cellOf = (cells: Cell[], dimension: string, group: string) => cells.find((c) => c.dimension === dimension && c.group === group);
  const byDimension = (cells: Cell[], dimension: string) => cells.filter((c) => c.dimension === dimension);

  it('gives the district exact figures, with federal race/ethnicity and gaps, from one SQL statement', async () => {
    sg.statements.reset();
    const res = await report(as('district_admin'));
    expect(res.errors).toBeUndefined();
    // The rule asks nothing of the database for the district. The first report of a period is
    // one grouped statement over the attendance, between reading the stored release (none yet)
    // and storing it.
    expect(sg.statements.statements.filter((s) => /student_school_attendance_event/.test(s))).toHaveLength(1);
    expect(sg.statements.count).toBe(3);
    sg.statements.reset();
    const again = await report(as('district_admin'));
    // The next is the stored release, read by its key: no attendance row is read again.
    expect(sg.statements.count).toBe(1);
    expect(sg.statements.statements.filter((s) => /student_school_attendance_event/.test(s))).toHaveLength(0);
    expect(again.data).toEqual(res.data);
    const r = res.data.equityReport;
    expect(r).toMatchObject({ from: '2026-09-01', to: '2026-09-30', suppressedView: false, minimumCellSize: 10 });
    const enrolled = pupils.length * DAYS.length;
    const missed = pupils.reduce((a, p) => a + p.missed, 0);
    const chronic = pupils.filter((p) => p.missed * 10 >= DAYS.length).length;
    const scored = pupils.filter((p) => p.proficient !== null);
    const pct = (a: number, b: number) => Math.round((1000 * a) / b) / 10;
    expect(r.total).toMatchObject({
      dimension: null,
      suppressed: false,
      students: pupils.length,
      attendanceRate: { percent: pct(enrolled - missed, enrolled), gap: null },
      chronicAbsenteeismRate: { percent: pct(chronic, pupils.length) },
      proficiencyRate: { percent: pct(scored.filter((p) => p.proficient).length, scored.length) },
    });
    const race = byDimension(r.cells, 'RACE_ETHNICITY');
    expect(Object.fromEntries(race.map((c: Cell) => [c.group, c.students]))).toEqual({
      white: 30,
      blackOrAfricanAmerican: 27,
      asian: 4,
      // Asian and white: two or more races; Hispanic and white: Hispanic, as federal reporting counts them.
      demographicRaceTwoOrMoreRaces: 1,
      hispanicOrLatinoEthnicity: 2,
    });
    // Every breakdown adds up to the total.
    for (const dimension of [
      'RACE_ETHNICITY',
      'SEX',
      'ECONOMICALLY_DISADVANTAGED',
      'DISABILITY',
      'ENGLISH_LEARNER',
      'GRADE',
      'SCHOOL',
      'HOME_ZIP',
      'SCHOOL_GRADE',
    ]) {
      expect(byDimension(r.cells, dimension).reduce((a: number, c: Cell) => a + c.students!, 0)).toBe(pupils.length);
    }
    const white = cellOf(r.cells, 'RACE_ETHNICITY', 'white')!;
    expect(white.proficiencyRate).toEqual({
      percent: 100,
      display: '100%',
      gap: Math.round(10 * (100 - r.total.proficiencyRate.percent)) / 10,
    });
    expect(cellOf(r.cells, 'DISABILITY', 'unknown')?.students).toBe(pupils.length);
    expect(cellOf(r.cells, 'SCHOOL_GRADE', '05')).toMatchObject({ schoolId: SCHOOL_A, students: 2 });
    expect(r.participation.participants.students).toBe(15);
    expect(r.participation.nonParticipants.students).toBe(pupils.length - 15);
  });

  it('hides small cells and their complements for an evaluator, rounds counts to multiples of 3 and bands the ends', async () => {
    sg.statements.reset();
    const res = await report(as('evaluator'));
    expect(res.errors).toBeUndefined();
    // Suppression runs on the grouped rows in memory: still one statement.
    expect(sg.statements.count).toBe(1);
    const r = res.data.equityReport;
    expect(r.suppressedView).toBe(true);
    const race = byDimension(r.cells, 'RACE_ETHNICITY');
    const hidden = race.filter((c: Cell) => c.suppressed).map((c: Cell) => c.group);
    // The three small groups (4 + 1 + 2 = 7) are not enough to protect each other: one large group goes too.
    expect(hidden).toEqual(expect.arrayContaining(['asian', 'demographicRaceTwoOrMoreRaces', 'hispanicOrLatinoEthnicity']));
    expect(hidden.length).toBeGreaterThanOrEqual(4);
    for (const c of [r.total, ...r.cells, r.participation.participants, r.participation.nonParticipants] as Cell[]) {
      if (c.suppressed) {
        expect(c).toMatchObject({ students: null, attendanceRate: { percent: null, display: null, gap: null } });
      } else {
        expect(c.students! % 3).toBe(0);
        // Whole percents, never a 0 or 100 for a group.
        for (const rate of [c.attendanceRate, c.chronicAbsenteeismRate, c.proficiencyRate]) {
          if (rate.percent !== null) expect(Number.isInteger(rate.percent) && rate.percent > 5 && rate.percent < 95).toBe(true);
        }
      }
    }
    // The white group is 100% proficient: shown as a band, so without a number or a gap.
    expect(cellOf(r.cells, 'RACE_ETHNICITY', 'white')?.proficiencyRate).toEqual({ percent: null, display: '≥95%', gap: null });
    // School × grade: school A's grade 05 holds 2 pupils, so it and a complement are hidden.
    const schoolA = r.cells.filter((c: Cell) => c.dimension === 'SCHOOL_GRADE' && c.schoolId === SCHOOL_A);
    expect(schoolA.filter((c: Cell) => c.suppressed).length).toBeGreaterThanOrEqual(2);
  });

  it('treats a partner’s own participants as known: its programme’s comparison is hidden from it, not from an evaluator', async () => {
    const own = { ...PERIOD, org: fx.orgId };
    const partner = await report(fx.viewer, own);
    expect(partner.errors).toBeUndefined();
    expect(partner.data.equityReport.participation.participants).toMatchObject({ suppressed: true, students: null });
    const evaluator = await report(as('evaluator'), own);
    expect(evaluator.data.equityReport.participation.participants).toMatchObject({ suppressed: false, students: 12 });
  });

  it('gives the district a school’s own release, and everyone else that school’s slice of the district release', async () => {
    const district = await report(as('district_admin'), { ...PERIOD, schoolId: SCHOOL_B });
    expect(district.data.equityReport.total.students).toBe(31);
    expect(cellOf(district.data.equityReport.cells, 'RACE_ETHNICITY', 'asian')?.students).toBe(4);
    const evaluator = await report(as('evaluator'), { ...PERIOD, schoolId: SCHOOL_B.toUpperCase() });
    const r = evaluator.data.equityReport;
    expect(r.schoolId).toBe(SCHOOL_B);
    expect(r.total.students).toBe(63);
    expect(new Set(r.cells.map((c: Cell) => c.dimension))).toEqual(new Set(['SCHOOL', 'SCHOOL_GRADE']));
    expect(r.cells.every((c: Cell) => (c.dimension === 'SCHOOL' ? c.group : c.schoolId) === SCHOOL_B)).toBe(true);
  });

  it('answers a period without attendance with an empty release, not an error', async () => {
    for (const viewer of [as('district_admin'), as('evaluator')]) {
      const res = await report(viewer, { from: '2025-01-01', to: '2025-01-31' });
      expect(res.errors).toBeUndefined();
      expect(res.data.equityReport.total).toMatchObject({
        suppressed: false,
        students: 0,
        attendanceRate: { percent: null, display: null },
      });
      expect(res.data.equityReport.cells).toEqual([]);
    }
  });

  it('returns only the breakdowns asked for, from the same release', async () => {
    const all = (await report(as('evaluator'))).data.equityReport.cells as Cell[];
    const sex = (await report(as('evaluator'), { ...PERIOD, dimensions: ['SEX'] })).data.equityReport.cells;
    expect(sex).toEqual(all.filter((c) => c.dimension === 'SEX'));
  });

  describe('who may read it', () => {
    const cases: [string, Viewer | undefined, Record<string, unknown>, 'exact' | 'suppressed' | string][] = [
      ['anonymous', undefined, PERIOD, 'UNAUTHENTICATED'],
      ['embed API client', as('embed'), PERIOD, 'FORBIDDEN'],
      ['district_sis (a sync account)', as('district_sis'), PERIOD, 'FORBIDDEN'],
      ['district_admin', as('district_admin'), PERIOD, 'exact'],
      ['cec_admin', as('cec_admin'), PERIOD, 'suppressed'],
      ['evaluator', as('evaluator'), PERIOD, 'suppressed'],
      ['evaluator, one organisation’s programme', as('evaluator'), { ...PERIOD, org: otherOrg.id }, 'suppressed'],
      ['partner under a student-data agreement', fx.viewer, PERIOD, 'suppressed'],
      ['partner, its own programme', fx.viewer, { ...PERIOD, org: fx.orgId }, 'suppressed'],
      ['partner, another organisation’s programme', fx.viewer, { ...PERIOD, org: otherOrg.id }, 'FORBIDDEN'],
      ['partner with an aggregates-only agreement', as('partner_staff', aggregatesOnly.id), PERIOD, 'FORBIDDEN'],
      ['partner without an organisation', as('partner_staff'), PERIOD, 'FORBIDDEN'],
    ];
    it.each(cases)('%s', async (_name, viewer, vars, expected) => {
      const res = viewer ? await report(viewer, vars) : await sg.exec(REPORT, vars);
      if (expected === 'exact' || expected === 'suppressed') {
        expect(res.errors).toBeUndefined();
        expect(res.data.equityReport.suppressedView).toBe(expected === 'suppressed');
      } else {
        expect(res.data?.equityReport ?? null).toBeNull();
        expect(errorCodes(res)).toEqual({ equityReport: expected });
      }
    });
  });

  describe('bad input', () => {
    const cases: [string, Record<string, unknown>, string][] = [
      ['no period', {}, 'from'],
      ['a period over a year', { from: '2026-01-01', to: '2027-01-02' }, 'to'],
      ['a reversed period', { from: '2026-09-30', to: '2026-09-01' }, 'to'],
      ['an impossible date', { from: '2026-02-30', to: '2026-03-01' }, 'from'],
      ['a malformed school year', { schoolYear: '2026-2028' }, 'schoolYear'],
      ['a school year and dates', { schoolYear: '2026-2027', from: '2026-09-01', to: '2026-09-30' }, 'schoolYear'],
      ['a school that is not an id', { ...PERIOD, schoolId: 'north' }, 'schoolId'],
    ];
    it.each(cases)('%s', async (_name, vars, field) => {
      const res = await report(as('evaluator'), vars);
      expect(res.data?.equityReport ?? null).toBeNull();
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    });

    it('accepts a school year, August to July', async () => {
      const res = await report(as('district_admin'), { schoolYear: '2026-2027' });
      expect(res.data.equityReport).toMatchObject({ from: '2026-08-01', to: '2027-07-31' });
      expect(res.data.equityReport.total.students).toBe(pupils.length);
    });
  });

  describe('the minimum cell size', () => {
    const saved = process.env.C2C_MIN_CELL_SIZE;
    afterEach(() => {
      if (saved === undefined) delete process.env.C2C_MIN_CELL_SIZE;
      else process.env.C2C_MIN_CELL_SIZE = saved;
    });

    it('is refused at start-up below 5, with an EnvError naming the variable', () => {
      for (const value of ['4', '0', 'ten', '7.5']) {
        let error: unknown;
        try {
          readEnv({ NODE_ENV: 'test', C2C_MIN_CELL_SIZE: value });
        } catch (e) {
          error = e;
        }
        expect(error).toBeInstanceOf(EnvError);
        expect((error as EnvError).problems.join('\n')).toContain('C2C_MIN_CELL_SIZE');
      }
      expect(() => readEnv({ NODE_ENV: 'test', C2C_MIN_CELL_SIZE: '5' })).not.toThrow();
    });

    it('raises the threshold when configured higher', async () => {
      process.env.C2C_MIN_CELL_SIZE = '28';
      const r = (await report(as('evaluator'))).data.equityReport;
      expect(r.minimumCellSize).toBe(28);
      // 27 Black pupils: shown at 10, hidden at 28.
      expect(cellOf(r.cells, 'RACE_ETHNICITY', 'blackOrAfricanAmerican')?.suppressed).toBe(true);
    });
  });

  // Last: these change the records.
  describe('stored releases', () => {
    const canonical = (rows: GroupRow[]) =>
      [...rows].sort((a, b) => `${a.dimension}|${a.school}|${a.group}`.localeCompare(`${b.dimension}|${b.school}|${b.group}`));
    const direct = (q: Parameters<typeof groupRows>[1]) => groupRows(sg.em(), q).then(canonical);
    const stored = (q: Parameters<typeof groupRows>[1]) => releaseGroups(sg.em(), q).then(canonical);
    const queries = () => {
      const out: Parameters<typeof groupRows>[1][] = [];
      for (const period of [PERIOD, { from: '2026-09-03', to: '2026-09-07' }, { from: '2027-01-01', to: '2027-01-31' }])
        for (const schoolId of [null, SCHOOL_A, SCHOOL_B])
          for (const viewerOrganizationId of [null, fx.orgId, otherOrg.id])
            for (const programOrganizationId of [null, fx.orgId, otherOrg.id])
              out.push({ ...period, schoolId, viewerOrganizationId, programOrganizationId });
      return out;
    };

    it('give the same groups as the one grouped statement, for every viewer, programme, school and period', async () => {
      for (const q of queries()) expect([q, await stored(q)]).toEqual([q, await direct(q)]);
    });

    it('are computed again after a sync batch changes the attendance, and after a participant exits', async () => {
      const sync = sg.em();
      sync.create(School, { id: SCHOOL_A, sourcedId: 'eq-school-a', name: 'School A', type: 'school' } as never);
      await sync.flush();
      const before = (await report(as('district_admin'))).data.equityReport.total;
      const pupil = pupils.find((p) => p.school === SCHOOL_A && p.missed === 0)!;
      const rows = JSON.stringify([[`eq-a-${pupil.id}-2026-09-11`, `eq-${pupil.id}`, 'eq-school-a', '2026-09-11', 'unexcusedAbsence']]);
      const res = await sg.exec(
        `mutation($rows: SyncRowTable!) { syncRows(file: "attendance", columns: ["sourcedId", "studentSourcedId", "schoolSourcedId", "date", "category"], rows: $rows) { created failed rows { reason } } }`,
        { rows: JSON.parse(rows) },
        as('district_sis'),
      );
      expect(res.errors).toBeUndefined();
      expect(res.data.syncRows).toMatchObject({ created: 1, failed: 0 });
      const after = (await report(as('district_admin'))).data.equityReport.total;
      const enrolled = pupils.length * DAYS.length + 1;
      const missed = pupils.reduce((a, p) => a + p.missed, 0) + 1;
      expect(before.attendanceRate.percent).not.toBe(after.attendanceRate.percent);
      expect(after.attendanceRate.percent).toBe(Math.round((1000 * (enrolled - missed)) / enrolled) / 10);
      for (const q of queries().slice(0, 9)) expect(await stored(q)).toEqual(await direct(q));

      const participation = (await report(as('district_admin'), { ...PERIOD, org: otherOrg.id })).data.equityReport.participation;
      expect(participation.participants.students).toBe(3);
      const [p] = await sg.em().find(ProgramParticipation, { organizationId: otherOrg.id }, { limit: 1 });
      const exit = await sg.exec(
        `mutation($id: ID!) { exitProgram(participationId: $id, endDate: "2026-08-25") { endDate } }`,
        { id: p.id },
        as('district_admin'),
      );
      expect(exit.errors).toBeUndefined();
      const later = (await report(as('district_admin'), { ...PERIOD, org: otherOrg.id })).data.equityReport.participation;
      expect(later.participants.students).toBe(2);
      expect(later.nonParticipants.students).toBe(participation.nonParticipants.students + 1);
    });
  });
});
