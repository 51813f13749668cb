import fs from 'node:fs';
import path from 'node:path';
import { once } from 'node:events';

/**
 * A synthetic OneRoster export of any size, for the resumability test and the benchmark:
 * schools, students with demographics, and one attendance row per student per school day.
 * Deterministic for a given seed, and written as a stream, so a million rows cost no memory.
 */
export interface GenerateOptions {
  students: number;
  days: number;
  schools?: number;
  seed?: number;
  /** sourcedId prefix, so two exports can live side by side in one hub. */
  prefix?: string;
  /** First school day, YYYY-MM-DD; days skip weekends. */
  firstDay?: string;
}

function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** School days from `first`, weekdays only. */
export function schoolDays(first: string, n: number): string[] {
  const out: string[] = [];
  for (let d = new Date(`${first}T00:00:00Z`); out.length < n; d.setUTCDate(d.getUTCDate() + 1))
    if (d.getUTCDay() !== 0 && d.getUTCDay() !== 6) out.push(d.toISOString().slice(0, 10));
  return out;
}

async function writeLines(file: string, lines: () => Generator<string>) {
  const out = fs.createWriteStream(file);
  for (const line of lines()) if (!out.write(line + '\n')) await once(out, 'drain');
  out.end();
  await once(out, 'finish');
}

const GIVEN = ['Ana', 'Ben', 'Chloe', 'Dev', 'Eli', 'Fay', 'Gus', 'Hana', 'Ivan', 'Jae', 'Kai', 'Lena', 'Mo', 'Nia', 'Omar', 'Pia'];
const FAMILY = ['Alvarez', 'Baker', 'Chen', 'Das', 'Evans', 'Fisher', 'Garcia', 'Huang', 'Ibrahim', 'Jones', 'Kim', 'Lopez'];
const GRADES = ['KG', '01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12'];

export async function generateExport(dir: string, o: GenerateOptions): Promise<{ students: number; attendance: number }> {
  fs.mkdirSync(dir, { recursive: true });
  const p = o.prefix ?? 'gen';
  const schools = o.schools ?? Math.max(1, Math.ceil(o.students / 500));
  const days = schoolDays(o.firstDay ?? '2026-08-31', o.days);
  const stamp = '2026-08-01T00:00:00Z';
  const manifest = ['propertyName,value', 'manifest.version,1.0', 'oneroster.version,1.1'];
  for (const f of ['orgs', 'users', 'demographics', 'attendance']) manifest.push(`file.${f},bulk`);
  for (const f of ['academicSessions', 'courses', 'classes', 'enrollments', 'incidents', 'assessments', 'grades'])
    manifest.push(`file.${f},absent`);
  fs.writeFileSync(path.join(dir, 'manifest.csv'), manifest.join('\n') + '\n');
  await writeLines(path.join(dir, 'orgs.csv'), function* () {
    yield 'sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId';
    for (let s = 0; s < schools; s++) yield `${p}-sch-${s},active,${stamp},School ${s},school,S${s},`;
  });
  const schoolOf = (i: number) => `${p}-sch-${i % schools}`;
  await writeLines(path.join(dir, 'users.csv'), function* () {
    const r = prng(o.seed ?? 1);
    yield 'sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,givenName,familyName,identifier,grades';
    for (let i = 0; i < o.students; i++)
      yield `${p}-stu-${i},active,${stamp},true,${schoolOf(i)},student,u${i},${GIVEN[Math.floor(r() * GIVEN.length)]},${FAMILY[Math.floor(r() * FAMILY.length)]},${p.toUpperCase()}${100000 + i},${GRADES[i % GRADES.length]}`;
  });
  await writeLines(path.join(dir, 'demographics.csv'), function* () {
    const r = prng((o.seed ?? 1) + 1);
    const b = () => (r() < 0.5 ? 'true' : 'false');
    yield 'sourcedId,status,dateLastModified,birthDate,sex,asian,white,hispanicOrLatinoEthnicity,metadata.economicallyDisadvantaged,metadata.disability,metadata.englishLearner,metadata.homeZip';
    for (let i = 0; i < o.students; i++)
      yield `${p}-stu-${i},active,${stamp},20${10 + (i % 12)}-0${1 + (i % 9)}-1${i % 10},${r() < 0.5 ? 'female' : 'male'},${b()},${b()},${b()},${b()},${b()},${b()},981${String(i % 100).padStart(2, '0')}`;
  });
  const cats = [
    'present',
    'present',
    'present',
    'present',
    'present',
    'present',
    'excusedAbsence',
    'unexcusedAbsence',
    'tardy',
    'earlyDeparture',
  ];
  await writeLines(path.join(dir, 'attendance.csv'), function* () {
    const r = prng((o.seed ?? 1) + 2);
    yield 'sourcedId,status,dateLastModified,studentSourcedId,schoolSourcedId,date,category';
    // Day by day, as a SIS exports it: every student's row for a day, then the next day.
    for (const day of days)
      for (let i = 0; i < o.students; i++)
        yield `${p}-att-${i}-${day},active,${day}T18:00:00Z,${p}-stu-${i},${schoolOf(i)},${day},${cats[Math.floor(r() * cats.length)]}`;
  });
  return { students: o.students, attendance: o.students * days.length };
}
