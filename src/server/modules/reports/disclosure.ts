import { type Coefficients, type Constraint, type Model, solve } from 'yalps';

/** Cells below this are hidden so no one can be singled out. */
export const SUPPRESS_BELOW = 5;

export const COLUMNS = ['received', 'handled', 'onTime', 'late'] as const;
export type Column = (typeof COLUMNS)[number];
export type Counts = Record<Column, number>;

/** hidden[table][row][column] */
export type HiddenMask = boolean[][][];

export type CellAt = [table: number, row: number, column: number];
/**
 * Two cells known to hold the same count: last month's page and this month's both show the received
 * count of the eleven months they share. Only cells whose counts are in fact equal are linked.
 */
export type Link = readonly [CellAt, CellAt];

/** Every cell of the tables, with its place and count. */
export function* cellsOf(tables: readonly (readonly Counts[])[]): Generator<[CellAt, number]> {
  for (const [t, rows] of tables.entries())
    for (const [r, row] of rows.entries())
      for (const [c, column] of COLUMNS.entries()) yield [[t, r, c], row[column]];
}

/**
 * What someone who reads every published table can work out about a hidden cell, at worst: the tables
 * count the same reports (each column sums to the same total in every table), a row's handled is its on
 * time plus late (at least; exactly where it is so), handled never exceeds received, and
 * every hidden count is a whole number from 1 up (zeros are always shown). The smallest and largest value
 * the cell can take under all of that, by integer programming; `max` is Infinity when nothing bounds it.
 */
export function cellRange(
  tables: readonly (readonly Counts[])[],
  hidden: HiddenMask,
  at: readonly [number, number, number],
  links: readonly Link[] = [],
  releases: readonly number[] = [],
): { min: number; max: number } {
  return cellRanges(tables, hidden, [at], links, releases)[0]!;
}

/** The same for several cells, over one model of what is known (built once, solved per cell). */
export function cellRanges(
  tables: readonly (readonly Counts[])[],
  hidden: HiddenMask,
  cells: ReadonlyArray<readonly [number, number, number]>,
  links: readonly Link[] = [],
  releases: readonly number[] = [],
): Array<{ min: number; max: number }> {
  const model = attackerModel(tables, hidden, links, releases);
  return cells.map((at) => {
    const target = varName(...at);
    const run = (direction: 'minimize' | 'maximize') => {
      const s = solve({ ...model, direction, objective: target }, { maxIterations: 20_000 });
      if (s.status === 'optimal') return Math.round(s.result);
      if (s.status === 'unbounded') return direction === 'maximize' ? Infinity : -Infinity;
      // Not solved in time: counted as found, so the caller hides more rather than trust it.
      return Number.NaN;
    };
    const min = run('minimize');
    const max = run('maximize');
    return Number.isNaN(min) || Number.isNaN(max) ? { min: 0, max: 0 } : { min, max };
  });
}

const varName = (t: number, r: number, c: number) => `x${t}.${r}.${c}`;

/** `releases[t]` numbers the page table t was published on (0 when omitted): each page has its own totals. */
function attackerModel(
  tables: readonly (readonly Counts[])[],
  hidden: HiddenMask,
  links: readonly Link[],
  releases: readonly number[],
) {
  const variables = new Map<string, Map<string, number>>();
  const constraints = new Map<string, Constraint>();
  const coef = (v: string, constraint: string, k: number) => {
    let row = variables.get(v);
    if (!row) {
      // Its own name as the objective when it is the cell asked about; every hidden cell is at least 1.
      row = new Map([[v, 1]]);
      if (v.startsWith('x')) {
        row.set(`lb${v}`, 1);
        constraints.set(`lb${v}`, { min: 1 });
      }
      variables.set(v, row);
    }
    row.set(constraint, (row.get(constraint) ?? 0) + k);
  };
  // A linear relation sum(k * cell) (=|>=) 0: published cells move to the right-hand side.
  const relation = (name: string, terms: Array<[number, number, number, number]>, kind: 'equal' | 'min') => {
    let rhs = 0;
    let open = false;
    for (const [t, r, c, k] of terms) {
      if (hidden[t]![r]![c]) {
        coef(varName(t, r, c), name, k);
        open = true;
      } else rhs -= k * tables[t]![r]![COLUMNS[c]!];
    }
    if (open) constraints.set(name, kind === 'equal' ? { equal: rhs } : { min: rhs });
    return open;
  };
  COLUMNS.forEach((_, c) => {
    // Each table's column sums to the same unknown total as the other tables of its page.
    tables.forEach((rows, t) => {
      const total = `T${releases[t] ?? 0}.${c}`;
      const name = `sum${t}.${c}`;
      if (
        relation(
          name,
          rows.map((_, r) => [t, r, c, 1]),
          'equal',
        )
      )
        coef(total, name, -1);
      else {
        // A column published whole fixes the total for every other table.
        coef(total, name, 1);
        constraints.set(name, { equal: rows.reduce((n, row) => n + row[COLUMNS[c]!], 0) });
      }
    });
  });
  for (const [t, rows] of tables.entries())
    for (const [r, row] of rows.entries()) {
      // handled = on time + late where every closed report had a clock, as nearly all do (taken as
      // known, the worst case); where some had none, only handled >= on time + late.
      relation(
        `rel${t}.${r}`,
        [
          [t, r, 1, 1],
          [t, r, 2, -1],
          [t, r, 3, -1],
        ],
        row.handled === row.onTime + row.late ? 'equal' : 'min',
      );
      relation(
        `mono${t}.${r}`,
        [
          [t, r, 0, 1],
          [t, r, 1, -1],
        ],
        'min',
      );
    }
  links.forEach(([a, b], i) => {
    relation(
      `link${i}`,
      [
        [...a, 1],
        [...b, -1],
      ],
      'equal',
    );
  });
  const model: Omit<Model<string, string>, 'objective' | 'direction'> = {
    constraints: [...constraints],
    variables: [...variables].map(([v, row]) => [v, [...row] as Coefficients<string>]),
    integers: true,
  };
  return model;
}
