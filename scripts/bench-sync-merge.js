// Server time of the ways the sync can write a batch of new attendance rows, in one run, into a
// table shaped and indexed like the hub's student_school_attendance_event (uuid key, unique
// sourcedId, the student-and-day index and the covering school index):
//   copy:  COPY straight into the table (what the sync does for rows no stored record has);
//   json:  INSERT … SELECT from json_populate_recordset … ON CONFLICT (what it does for the rest);
//   stage: COPY into a temporary staging table, then INSERT … SELECT … ON CONFLICT from it.
// DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres node scripts/bench-sync-merge.js [rows] [batch]
// It creates and drops a database of its own.
const { Client } = require('pg');
const { from: copyFrom } = require('pg-copy-streams');
const { pipeline } = require('node:stream/promises');
const { Readable } = require('node:stream');
const { createHash } = require('node:crypto');

const rows = Number(process.argv[2] ?? 250000);
const batch = Number(process.argv[3] ?? 4000);
const admin = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const name = `c2c_merge_bench_${process.pid}`;
const uuid = (s) =>
  createHash('md5')
    .update(s)
    .digest('hex')
    .replace(/(.{8})(.{4})(.{4})(.{4})(.{12})/, '$1-$2-$3-$4-$5');

const TABLE = `(id uuid primary key, sourced_id varchar(255) not null unique, status varchar(20) not null,
  date_last_modified varchar(40), fingerprint varchar(40), seen_run uuid, student_id uuid not null,
  school_id uuid not null, date date not null, category varchar(30) not null)`;
const INDEXES = (t) => `create index on ${t} (student_id, date); create index on ${t} (school_id, date, student_id, category, status);`;

async function main() {
  const root = new Client({ connectionString: admin });
  await root.connect();
  await root.query(`create database ${name}`);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  const c = new Client({ connectionString: url.toString() });
  await c.connect();
  try {
    const records = [];
    for (let g = 1; g <= rows; g++) {
      const sid = `att-${String(g).padStart(8, '0')}`;
      records.push({
        id: uuid(sid),
        sourced_id: sid,
        status: 'active',
        date_last_modified: null,
        fingerprint: createHash('sha1').update(sid).digest('hex'),
        seen_run: uuid('run'),
        student_id: uuid(`s${Math.floor(g / 180)}`),
        school_id: uuid(`sch${g % 264}`),
        date: `2026-09-${String(1 + (g % 28)).padStart(2, '0')}`,
        category: ['present', 'excusedAbsence', 'unexcusedAbsence', 'tardy'][g % 4],
      });
    }
    const cols = Object.keys(records[0]);
    const names = cols.join(', ');
    const onConflict = `on conflict (sourced_id) do update set ${cols
      .filter((k) => k !== 'id' && k !== 'sourced_id')
      .map((k) => `${k} = excluded.${k}`)
      .join(', ')}`;
    const text = (part) => part.map((r) => cols.map((k) => (r[k] === null ? '\\N' : String(r[k]))).join('\t')).join('\n') + '\n';
    const ways = {
      copy: (part) => pipeline(Readable.from([text(part)]), c.query(copyFrom(`copy t (${names}) from stdin`))),
      json: (part) =>
        c.query(`insert into t (${names}) select ${names} from json_populate_recordset(null::t, $1::json) ${onConflict}`, [
          JSON.stringify(part),
        ]),
      stage: async (part) => {
        await c.query(`create temp table if not exists stage on commit delete rows as select * from t with no data`);
        await pipeline(Readable.from([text(part)]), c.query(copyFrom(`copy stage (${names}) from stdin`)));
        await c.query(`insert into t (${names}) select ${names} from stage ${onConflict}`);
      },
    };
    const result = {};
    // Each way twice, alternating, into a fresh table each time; the faster of its two is kept.
    for (const round of [1, 2])
      for (const [way, write] of Object.entries(ways)) {
        await c.query(`drop table if exists t; create table t ${TABLE}; ${INDEXES('t')}`);
        const started = process.hrtime.bigint();
        for (let i = 0; i < records.length; i += batch) {
          await c.query('begin');
          await write(records.slice(i, i + batch));
          await c.query('commit');
        }
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        result[way] = Math.min(result[way] ?? Infinity, Math.round(ms));
        if (round === 2) result[`${way}÷copy`] = +(result[way] / result.copy).toFixed(2);
      }
    console.log(JSON.stringify({ rows, batch, ms: result }));
  } finally {
    await c.end();
    await root.query(`drop database ${name} with (force)`);
    await root.end();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
