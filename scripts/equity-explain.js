#!/usr/bin/env node
/*
 * EXPLAIN ANALYZE of the equity report's one grouped statement on PostgreSQL, on a generated
 * district (default 1,500 students × 200 school days = 300,000 attendance rows), district-wide
 * and for one school, with the time of the suppression that follows it. Development tool:
 *   npx tsc -b && DATABASE_URL=postgres://postgres@127.0.0.1:5432/c2c_dev node scripts/equity-explain.js [students] [days]
 * It runs on a fresh database of its own (the test harness's) and drops it afterwards.
 */
const testing = require('@c2c/testing');
const { students } = require('@c2c/students');
const { groupRowsStatement, groupRows, publishRelease } = require('../subgraphs/students/dist/equity.logic.js');

async function main() {
  if (!process.env.DATABASE_URL) throw new Error('Set DATABASE_URL to a PostgreSQL server');
  const pupils = Number(process.argv[2] ?? 1500);
  const days = Number(process.argv[3] ?? 200);
  const sg = await testing.createTestSubgraph(students, {});
  try {
    const knex = sg.em().getKnex();
    const t0 = Date.now();
    await knex.raw(
      `insert into student (id, sourced_id, given_name, family_name, birth_date, grade, school_id, status, created_at, updated_at)
      select md5('s' || i)::uuid, 's' || i, 'G', 'F', '2015-01-01', lpad(((i % 12) + 1)::text, 2, '0'), md5('school' || (i % 20))::uuid, 'active', now(), now()
      from generate_series(1, ?) i`,
      [pupils],
    );
    await knex.raw(
      `insert into student_demographics (id, sourced_id, student_id, sex, white, asian, black_or_african_american, hispanic_or_latino_ethnicity,
        economically_disadvantaged, disability, english_learner, home_zip, status)
      select md5('d' || i)::uuid, 'd' || i, md5('s' || i)::uuid, case when i % 2 = 0 then 'female' else 'male' end,
        i % 5 < 2, i % 5 = 2, i % 5 = 3, i % 7 = 0, i % 3 = 0, i % 9 = 0, i % 11 = 0, (98100 + i % 40)::text, 'active'
      from generate_series(1, ?) i`,
      [pupils],
    );
    await knex.raw(
      `insert into student_school_attendance_event (id, sourced_id, student_id, school_id, date, category, status)
      select md5('a' || i || '-' || d)::uuid, 'a' || i || '-' || d, md5('s' || i)::uuid, md5('school' || (i % 20))::uuid,
        date '2026-08-20' + d, case when (i * 7 + d) % 23 = 0 then 'unexcusedAbsence' when (i + d) % 31 = 0 then 'tardy' else 'present' end, 'active'
      from generate_series(1, ?) i, generate_series(0, ? - 1) d`,
      [pupils, days],
    );
    await knex.raw(
      `insert into student_assessment (id, sourced_id, student_id, assessment, subject, administration_date, proficient, status)
      select md5('r' || i)::uuid, 'r' || i, md5('s' || i)::uuid, 'MAP', 'Mathematics', date '2026-10-01', i % 3 <> 0, 'active'
      from generate_series(1, ?) i`,
      [pupils],
    );
    await knex.raw('analyze');
    console.log(`generated ${pupils} students, ${pupils * days} attendance rows in ${Date.now() - t0} ms`);

    const period = { from: '2026-08-01', to: '2027-07-31' };
    const school = (await knex.raw(`select school_id from student limit 1`)).rows[0].school_id;
    for (const [label, q] of [
      ['district-wide (every viewer but the district with a school filter)', period],
      ['one school (the district with schoolId)', { ...period, schoolId: school }],
    ]) {
      const { sql, bindings } = groupRowsStatement(q, false);
      const plan = (await knex.raw(`explain (analyze, buffers, costs off) ${sql}`, bindings)).rows.map((r) => r['QUERY PLAN']);
      console.log(`\n=== ${label}\n${plan.join('\n')}`);
      const em = sg.em();
      const started = process.hrtime.bigint();
      const rows = await groupRows(em, q);
      const queried = process.hrtime.bigint();
      const release = publishRelease(rows, { exact: false, minimum: 10 });
      const done = process.hrtime.bigint();
      const hidden = [release.total, ...release.cells].filter((c) => c.suppressed).length;
      console.log(
        `statement ${Number(queried - started) / 1e6} ms; suppression of ${rows.length} groups (${hidden} hidden) ${Number(done - queried) / 1e6} ms`,
      );
    }
  } finally {
    await sg.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
