import { asc, sql } from 'drizzle-orm';
import { vnToday } from '#server/clock.ts';
import type { Db } from '#server/db/client.ts';
import { type Language, type MessageKey, translate } from '#shared/i18n/index.ts';
import { reportCategories } from './tables.ts';

/** Cells below this are hidden so no one can be singled out. */
export const SUPPRESS_BELOW = 5;

const columns = ['received', 'handled', 'onTime', 'late'] as const;
type Column = (typeof columns)[number];
/** A published count; null where it is hidden. */
export type Published<T> = Omit<T, Column> & Record<Column, number | null>;

/**
 * Primary and complementary suppression of one table. Counts from 1 to 4 are hidden (a true zero singles
 * no one out and is shown). Then, until nothing changes: a column whose hidden cells are one alone, or sum
 * to less than twice the threshold, hides its smallest other non-zero cell too, because every table sums
 * to the same totals; and the same across a row's handled, on time and late, because handled is on time
 * plus late.
 * Only the page and the CSV ever see what this returns.
 */
export function suppress<T extends Counts>(rows: readonly T[]): Array<Published<T>> {
  const hidden = rows.map((r) => columns.map((c) => r[c] > 0 && r[c] < SUPPRESS_BELOW));
  const complement = (cells: Array<[number, number]>) => {
    const open = cells.filter(([i, j]) => !hidden[i]![j] && rows[i]![columns[j]!] > 0);
    const shut = cells.filter(([i, j]) => hidden[i]![j]);
    const shutSum = shut.reduce((n, [i, j]) => n + rows[i]![columns[j]!], 0);
    // Hidden cells are at least 1 each (zeros are shown) and their sum is known: too small a sum pins
    // them down (two hidden cells summing to 2 are both 1), so it must reach twice the threshold.
    if (shut.length === 0 || (shut.length > 1 && shutSum >= 2 * SUPPRESS_BELOW) || open.length === 0)
      return false;
    const [i, j] = open.reduce((a, b) => (rows[b[0]]![columns[b[1]]!] < rows[a[0]]![columns[a[1]]!] ? b : a));
    hidden[i]![j] = true;
    return true;
  };
  for (let changed = true; changed; ) {
    changed = false;
    for (let j = 0; j < columns.length; j++) changed = complement(rows.map((_, i) => [i, j])) || changed;
    for (let i = 0; i < rows.length; i++)
      changed =
        complement([
          [i, 1],
          [i, 2],
          [i, 3],
        ]) || changed;
  }
  return rows.map((r, i) => {
    const out = { ...r } as Published<T>;
    columns.forEach((c, j) => {
      if (hidden[i]![j]) out[c] = null;
    });
    return out;
  });
}

interface Counts {
  key: string;
  received: number;
  handled: number;
  onTime: number;
  late: number;
}

const counts = sql`count(*)::int as received,
  count(*) filter (where r.status = 'closed')::int as handled,
  count(*) filter (where r.on_time)::int as on_time,
  count(*) filter (where r.on_time = false)::int as late`;

type Row = { key: string; received: number; handled: number; on_time: number; late: number };
const toCounts = (r: Row): Counts => ({
  key: r.key,
  received: r.received,
  handled: r.handled,
  onTime: r.on_time,
  late: r.late,
});

function firstMonth(today: string): string {
  const d = new Date(`${today.slice(0, 7)}-01T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() - 11);
  return d.toISOString().slice(0, 10);
}

/** Public statistics for the last 12 months: only counts, from metadata that outlives retention. */
export async function publicStatistics(db: Db, now: Date, lang: Language) {
  const today = vnToday(now);
  const from = firstMonth(today);
  const run = async (key: ReturnType<typeof sql>) => {
    const res = await db.execute(sql`select ${key} as key, ${counts}
      from reports r join units u on u.id = r.received_unit_id
      where r.received_on >= ${from} and r.merged_into_id is null
      group by 1 order by 1`);
    return (res as unknown as { rows: Row[] }).rows.map(toCounts);
  };
  const [months, cats, levels, names] = await Promise.all([
    run(sql`to_char(r.received_on::date, 'YYYY-MM')`),
    run(sql`r.category_code`),
    run(sql`u.type`),
    db.select().from(reportCategories).orderBy(asc(reportCategories.sort)),
  ]);
  // Every month appears, with zeros, so the chart's axis is honest.
  const byMonth = Array.from({ length: 12 }, (_, i) => {
    const d = new Date(`${from}T00:00:00Z`);
    d.setUTCMonth(d.getUTCMonth() + i);
    const key = d.toISOString().slice(0, 7);
    const hit = months.find((m) => m.key === key);
    return {
      ...(hit ?? { key, received: 0, handled: 0, onTime: 0, late: 0 }),
      label: `${key.slice(5)}/${key.slice(0, 4)}`,
    };
  });
  const byCategory = names
    .map((n) => ({
      ...(cats.find((c) => c.key === n.code) ?? { key: n.code, received: 0, handled: 0, onTime: 0, late: 0 }),
      label: lang === 'vi' ? n.nameVi : n.nameEn,
    }))
    .filter((r) => r.received > 0);
  const byLevel = levels.map((l) => ({ ...l, label: translate(lang, `unitType.${l.key}` as MessageKey) }));
  return {
    from,
    byMonth: suppress(byMonth),
    byCategory: suppress(byCategory),
    byLevel: suppress(byLevel),
  };
}

/** CSV of the same tables; hidden cells are written as "x", never as their value. */
export function statisticsCsv(stats: Awaited<ReturnType<typeof publicStatistics>>): string {
  const cell = (n: number | null) => (n === null ? 'x' : String(n));
  // A text cell a spreadsheet would read as a formula is opened with an apostrophe.
  const q = (s: string) => `"${(/^[=+\-@\t\r]/.test(s) ? `'${s}` : s).replace(/"/g, '""')}"`;
  const lines = ['group,key,received,handled,on_time,late,label'];
  for (const [group, rows] of [
    ['month', stats.byMonth],
    ['category', stats.byCategory],
    ['unit_level', stats.byLevel],
  ] as const)
    for (const r of rows)
      lines.push(
        [group, q(r.key), cell(r.received), cell(r.handled), cell(r.onTime), cell(r.late), q(r.label)].join(
          ',',
        ),
      );
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
