/**
 * `npm run bench:national`: the national risk ranking (issue 18: 1.5 million declarations of a year ranked
 * in under a minute on PostgreSQL), beside its raw-SQL reference in the same run. Too long for CI — the
 * data set alone is written in ~25 minutes on 2 cores — so it is run by hand, on a PostgreSQL database
 * (DATABASE_URL) holding the national declarations:
 *   npm run liem -- generate --scale national --only declarations
 * The ranking is the control agency's at the top: every handed-over declaration of the year scored by the
 * engine the API runs (`scoreWhere`, as POST /api/declaration-risks/rank), its stored scores checked
 * against the reference. Results: bench/results/postgres-national.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { openDatabase } from '#server/db/client.ts';
import { scoreWhere } from '#server/modules/declarations/risk.ts';
import { riskReferenceSql } from './risk-reference.ts';

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  process.stderr.write('DATABASE_URL must name the national data set (PostgreSQL).\n');
  process.exit(64);
}
const year = Number(process.env.YEAR ?? 2026);
const rounds = Number(process.env.ROUNDS ?? 3);
const log = (s: string) => process.stderr.write(`${s}\n`);
const database = await openDatabase({ databaseUrl, dataDir: 'unused' });
const { db } = database;
const today = new Date().toISOString().slice(0, 10);
const reference = riskReferenceSql(year, today);
const rankMs: number[] = [];
const refMs: number[] = [];
let ranked = 0;
for (let i = 0; i < rounds; i++) {
  let t = performance.now();
  ranked = await db.transaction((tx) =>
    scoreWhere(tx, sql`d.year = ${year}`, new Date(), (n) => {
      if (n % 250_000 === 0)
        log(`  ${n.toLocaleString('en')} in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    }),
  );
  rankMs.push(performance.now() - t);
  log(
    `rank ${i + 1}: ${ranked.toLocaleString('en')} declarations in ${(rankMs.at(-1)! / 1000).toFixed(1)} s`,
  );
  t = performance.now();
  await db.execute(sql.raw(`select count(*), sum(score) from (${reference}) r`));
  refMs.push(performance.now() - t);
  log(`reference ${i + 1}: ${(refMs.at(-1)! / 1000).toFixed(1)} s`);
}
const [check] = (
  (await db.execute(
    sql.raw(
      `select count(*)::int differ from (${reference}) ref join declaration_risks dr on dr.declaration_id = ref.id where dr.score <> ref.score`,
    ),
  )) as unknown as { rows: Array<{ differ: number }> }
).rows;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const value = median(rankMs) / 1000;
const ref = median(refMs) / 1000;
const figure = {
  name: `national risk ranking of a year's declarations (${ranked.toLocaleString('en')}) p50`,
  engine: 'postgres',
  value: Math.round(value * 100) / 100,
  unit: 's',
  reference: Math.round(ref * 100) / 100,
  ratio: Math.round((value / ref) * 100) / 100,
  target: '< 60 s on PostgreSQL',
  pass: value < 60,
  firstRankS: Math.round(rankMs[0]! / 10) / 100,
  scoresDifferingFromReference: check!.differ,
};
process.stdout.write(`${JSON.stringify(figure)}\n`);
const machine = `${cpus().length} × ${cpus()[0]?.model.trim()}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.versions.node}`;
mkdirSync(join('bench', 'results'), { recursive: true });
writeFileSync(
  join('bench', 'results', 'postgres-national.json'),
  `${JSON.stringify({ engine: 'postgres', scale: 'national', year, date: new Date().toISOString(), machine, figures: [figure] }, null, 2)}\n`,
);
await database.close();
process.exit(check!.differ > 0 ? 1 : 0);
