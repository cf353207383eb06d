import { and, asc, desc, eq, lt, sql } from 'drizzle-orm';
import { vnToday } from '#server/clock.ts';
import type { Db } from '#server/db/client.ts';
import { type Language, type MessageKey, translate } from '#shared/i18n/index.ts';
import {
  COLUMNS,
  type Column,
  type Counts,
  cellRanges,
  cellsOf,
  type HiddenMask,
  type Link,
  SUPPRESS_BELOW,
} from './disclosure.ts';
import { reportCategories, statisticsReleases } from './tables.ts';

export { SUPPRESS_BELOW };

/** A published count; null where it is hidden. */
export type Published<T> = Omit<T, Column> & Record<Column, number | null>;

/**
 * Suppression of tables published side by side. Counts from 1 to 4 are hidden (a true zero singles no
 * one out and is shown). Complementary cells are then hidden, cheapest first by the rules of thumb below,
 * and the result is audited: for each hidden small count, the range anyone reading all the tables could
 * narrow it to (`cellRange`: shared totals, handled = on time + late, handled ≤ received) must span more
 * than SUPPRESS_BELOW values; while one does not, the smallest open cell beside it is hidden too. Hiding
 * more only widens every range, so this ends, at worst with every non-zero cell hidden. Where even that
 * leaves a small count narrow — a release already published pins what this one hides — the page is
 * withheld whole: every cell hidden, zeros too, and the next release is audited against the last one
 * that was published. Only the page and the CSV ever see what this returns.
 */
export function suppressTables<T extends Counts>(
  tables: readonly (readonly T[])[],
  prior?: Prior,
): { tables: Array<Array<Published<T>>>; withheld: boolean } {
  // What was published before is part of what a reader knows; it cannot be hidden any more.
  const all: ReadonlyArray<ReadonlyArray<Counts>> = [...tables, ...(prior?.tables ?? [])];
  const hidden: HiddenMask = [
    ...tables.map((rows) => rows.map((r) => COLUMNS.map((c) => r[c] > 0 && r[c] < SUPPRESS_BELOW))),
    ...(prior?.hidden.map((rows) => rows.map((r) => [...r])) ?? []),
  ];
  const links = prior?.links ?? [];
  const releases = all.map((_, t) => (t < tables.length ? 0 : 1));
  for (const [t, rows] of tables.entries()) thumbRules(rows, hidden[t]!);
  const small = [...cellsOf(all)].filter(([, n]) => n > 0 && n < SUPPRESS_BELOW).map(([at]) => at);
  // A cell found safe stays safe as more is hidden, so only the others are audited again.
  let exposed = small;
  while (exposed.length > 0) {
    const ranges = cellRanges(all, hidden, exposed, links, releases);
    exposed = exposed.filter((_, i) => ranges[i]!.max - ranges[i]!.min < SUPPRESS_BELOW);
    const weak = exposed[0];
    if (!weak) break;
    const next = besideOf(all, hidden, weak, tables.length);
    if (!next) break; // every non-zero cell that can still be hidden is: nothing is left to give away
    hidden[next[0]]![next[1]]![next[2]] = true;
  }
  const withheld = exposed.length > 0;
  return {
    withheld,
    tables: tables.map((rows, t) =>
      rows.map((r, i) => {
        const out = { ...r } as Published<T>;
        COLUMNS.forEach((c, j) => {
          if (withheld || hidden[t]![i]![j]) out[c] = null;
        });
        return out;
      }),
    ),
  };
}

/** A release already published: its tables (true counts), what it hid, and the cells it shares with this one. */
export interface Prior {
  tables: Counts[][];
  hidden: HiddenMask;
  /** Cells of this release and of the prior one (numbered after this release's tables) with equal counts. */
  links: Link[];
}

/** One table alone (tests, and a table published by itself). */
export const suppress = <T extends Counts>(rows: readonly T[]) => suppressTables([rows]).tables[0]!;

/**
 * Cheap first pass, table by table, until nothing changes: a column whose hidden cells are one alone, or
 * sum to less than twice the threshold, hides its smallest other non-zero cell too, because every table
 * sums to the same totals; and the same across a row's handled, on time and late.
 */
function thumbRules(rows: readonly Counts[], hidden: boolean[][]) {
  const complement = (cells: Array<[number, number]>) => {
    const open = cells.filter(([i, j]) => !hidden[i]![j] && rows[i]![COLUMNS[j]!] > 0);
    const shut = cells.filter(([i, j]) => hidden[i]![j]);
    const shutSum = shut.reduce((n, [i, j]) => n + rows[i]![COLUMNS[j]!], 0);
    if (shut.length === 0 || (shut.length > 1 && shutSum >= 2 * SUPPRESS_BELOW) || open.length === 0)
      return false;
    const [i, j] = open.reduce((a, b) => (rows[b[0]]![COLUMNS[b[1]]!] < rows[a[0]]![COLUMNS[a[1]]!] ? b : a));
    hidden[i]![j] = true;
    return true;
  };
  for (let changed = true; changed; ) {
    changed = false;
    for (let j = 0; j < COLUMNS.length; j++) changed = complement(rows.map((_, i) => [i, j])) || changed;
    for (let i = 0; i < rows.length; i++)
      changed =
        complement([
          [i, 1],
          [i, 2],
          [i, 3],
        ]) || changed;
  }
}

/**
 * The next cell to hide for an exposed one: the smallest open non-zero cell in its column, else in its
 * row's relations, else in the same column of another table (which fixes the shared total).
 */
function besideOf(
  tables: readonly (readonly Counts[])[],
  hidden: HiddenMask,
  [t, r, c]: readonly [number, number, number],
  editable: number,
): [number, number, number] | null {
  const value = ([ti, ri, ci]: [number, number, number]) => tables[ti]![ri]![COLUMNS[ci]!];
  const open = (cells: Array<[number, number, number]>) =>
    cells
      .filter((x) => x[0] < editable && !hidden[x[0]]![x[1]]![x[2]] && value(x) > 0)
      .sort((a, b) => value(a) - value(b))[0];
  const rowMates = c === 0 ? [1] : c === 1 ? [0, 2, 3] : [1, c === 2 ? 3 : 2];
  return (
    open(tables[t]!.map((_, i) => [t, i, c])) ??
    open(rowMates.map((j) => [t, r, j])) ??
    open(
      tables.flatMap((rows, ti) =>
        ti === t ? [] : rows.map((_, i): [number, number, number] => [ti, i, c]),
      ),
    ) ??
    open(
      tables.flatMap((rows, ti) =>
        rows.flatMap((_, i) => COLUMNS.map((_, j): [number, number, number] => [ti, i, j])),
      ),
    ) ??
    null
  );
}

type Keyed = Counts & { key: string };
type Row = { key: string; received: number; handled: number; on_time: number; late: number };
const toCounts = (r: Row): Keyed => ({
  key: r.key,
  received: r.received,
  handled: r.handled,
  onTime: r.on_time,
  late: r.late,
});

/** The twelve whole months before today's (Vietnam time): first day of the first, last day of the last. */
export function statisticsWindow(now: Date): { from: string; through: string } {
  const first = new Date(`${vnToday(now).slice(0, 7)}-01T00:00:00Z`);
  const through = new Date(first.getTime() - 86_400_000).toISOString().slice(0, 10);
  first.setUTCMonth(first.getUTCMonth() - 12);
  return { from: first.toISOString().slice(0, 10), through };
}

interface Snapshot {
  through: string;
  /** Nothing could be shown without singling someone out: every cell is hidden. */
  withheld: boolean;
  months: Array<Published<Keyed>>;
  categories: Array<Published<Keyed>>;
  levels: Array<Published<Keyed>>;
}

/** A release as stored: the counts behind it and what it hid, table by table (months, categories, levels). */
interface StoredRelease {
  counts: [Keyed[], Keyed[], Keyed[]];
  hidden: HiddenMask;
  /** Published as nothing; a later release is audited against the last one that was not. */
  withheld?: boolean;
}

const releases = new WeakMap<Db, Snapshot>();

async function countWindow(db: Db, from: string, through: string): Promise<StoredRelease['counts']> {
  const closed = sql`r.status = 'closed' and r.closed_on <= ${through}`;
  const run = async (key: ReturnType<typeof sql>) => {
    const res = await db.execute(sql`select ${key} as key, count(*)::int as received,
        count(*) filter (where ${closed})::int as handled,
        count(*) filter (where ${closed} and r.on_time)::int as on_time,
        count(*) filter (where ${closed} and r.on_time = false)::int as late
      from reports r join units u on u.id = r.received_unit_id
      where r.received_on between ${from} and ${through} and r.merged_into_id is null
      group by 1 order by 1`);
    return (res as unknown as { rows: Row[] }).rows.map(toCounts);
  };
  const [found, categories, levels, codes] = await Promise.all([
    run(sql`to_char(r.received_on::date, 'YYYY-MM')`),
    run(sql`r.category_code`),
    run(sql`u.type`),
    db.select({ code: reportCategories.code }).from(reportCategories).orderBy(asc(reportCategories.sort)),
  ]);
  // Every month appears, with zeros, so the chart's axis is honest.
  const months = Array.from({ length: 12 }, (_, i) => {
    const d = new Date(`${from}T00:00:00Z`);
    d.setUTCMonth(d.getUTCMonth() + i);
    const key = d.toISOString().slice(0, 7);
    return found.find((m) => m.key === key) ?? { key, received: 0, handled: 0, onTime: 0, late: 0 };
  });
  return [months, codes.flatMap((c) => categories.filter((x) => x.key === c.code)), levels];
}

/**
 * The month before, as published, for this month's audit: a reader holds both pages. The months they
 * share show the same received counts (linked where they still are equal), so a total that grew by one
 * month's reports cannot give that month away.
 */
export function priorOf(prev: StoredRelease, months: readonly Keyed[]): Prior {
  const links: Link[] = [];
  for (const [i, m] of months.entries()) {
    const j = prev.counts[0].findIndex((p) => p.key === m.key);
    if (j >= 0 && prev.counts[0][j]!.received === m.received)
      links.push([
        [0, i, 0],
        [3, j, 0],
      ]);
  }
  return { tables: prev.counts, hidden: prev.hidden, links };
}

/** Applies a release's mask to its counts. */
function published(release: StoredRelease, through: string): Snapshot {
  const [months, categories, levels] = release.counts.map((rows, t) =>
    rows.map((r, i) => {
      const out = { ...r } as Published<Keyed>;
      COLUMNS.forEach((c, j) => {
        if (release.withheld || release.hidden[t]![i]![j]) out[c] = null;
      });
      return out;
    }),
  );
  const withheld = release.withheld === true;
  // Which categories and levels had a report at all would still show in a withheld page's rows: it keeps
  // only the twelve months, which every page has.
  if (withheld) return { through, withheld, months: months!, categories: [], levels: [] };
  return { through, withheld, months: months!, categories: categories!, levels: levels! };
}

/**
 * Counts as they stood at the end of last month, published once and kept: not live (a figure that moved
 * when a report arrived would tell a poller that one had, of what kind and where), and never recounted
 * (a merge would otherwise change a published page). Suppressed knowing the release before it.
 */
export async function statisticsRelease(db: Db, now: Date): Promise<Snapshot> {
  const { from, through } = statisticsWindow(now);
  const kept = releases.get(db);
  if (kept?.through === through) return kept;
  const stored = async () =>
    (
      await db
        .select({ tables: statisticsReleases.tables })
        .from(statisticsReleases)
        .where(eq(statisticsReleases.through, through))
    )[0]?.tables as StoredRelease | undefined;
  let release = await stored();
  if (!release) {
    const counts = await countWindow(db, from, through);
    const [prev] = await db
      .select({ tables: statisticsReleases.tables })
      .from(statisticsReleases)
      .where(
        and(lt(statisticsReleases.through, through), sql`${statisticsReleases.tables}->>'withheld' is null`),
      )
      .orderBy(desc(statisticsReleases.through))
      .limit(1);
    const prior = prev ? priorOf(prev.tables as StoredRelease, counts[0]) : undefined;
    const out = suppressTables(counts, prior);
    const made: StoredRelease = {
      counts,
      hidden: out.tables.map((rows) => rows.map((r) => COLUMNS.map((c) => r[c] === null))),
      ...(out.withheld ? { withheld: true } : {}),
    };
    // Two instances at once: the first one stored is the one published.
    await db.insert(statisticsReleases).values({ through, tables: made }).onConflictDoNothing();
    release = (await stored())!;
  }
  const snap = published(release, through);
  releases.set(db, snap);
  return snap;
}

/** Public statistics for the twelve whole months before this one: counts only, from metadata that outlives retention. */
export async function publicStatistics(db: Db, now: Date, lang: Language) {
  const { from, through } = statisticsWindow(now);
  const [snap, names] = await Promise.all([
    statisticsRelease(db, now),
    db.select().from(reportCategories).orderBy(asc(reportCategories.sort)),
  ]);
  const nameOf = new Map(names.map((n) => [n.code, lang === 'vi' ? n.nameVi : n.nameEn]));
  return {
    from,
    through,
    withheld: snap.withheld,
    byMonth: snap.months.map((r) => ({ ...r, label: `${r.key.slice(5)}/${r.key.slice(0, 4)}` })),
    byCategory: snap.categories.map((r) => ({ ...r, label: nameOf.get(r.key) ?? r.key })),
    byLevel: snap.levels.map((r) => ({ ...r, label: translate(lang, `unitType.${r.key}` as MessageKey) })),
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
