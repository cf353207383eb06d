import { AsyncLocalStorage } from 'node:async_hooks';
import {
  type PGlite,
  parse,
  protocol,
  type QueryOptions,
  type Results,
  type Transaction,
} from '@electric-sql/pglite';

/**
 * PGlite with PostgreSQL's plan cache, on the hot paths. `PGlite.query` sends every statement as an
 * unnamed one, so the embedded server parses and plans it each time — in WebAssembly, on the event
 * loop's thread: ~0.6 ms of a 0.7 ms lookup, and most of the CPU a citizen report or a sign-in spends
 * outside Argon2id. Inside `keepPlans`, a statement text seen a second time is prepared under a name,
 * and later runs only bind and execute it in one round trip; PostgreSQL then keeps a generic plan when
 * it costs no more than the custom ones (`plan_cache_mode = auto`).
 *
 * Opt-in, not everywhere: a generic plan cannot use a search pattern's or a page size's value, and
 * measured slower on the province's lists, accent-insensitive search (14 -> 53 ms p95) and campaign
 * ranking (142 -> 218 ms). The hot paths are point lookups and single-row writes, where it is 6× faster.
 *
 * Semantics are PGlite's own: the same parameter types (from the statement's description), serializers,
 * result parsing and locks (a query outside a transaction waits for a running transaction).
 */
const hotPath = new AsyncLocalStorage<true>();

/** Runs fn with its statements' plans kept: PGlite as above; PostgreSQL by `NamedStatementClient` (db/client.ts). */
export function keepPlans<T>(fn: () => Promise<T>): Promise<T> {
  return hotPath.run(true, fn);
}

/** Whether the running code asked for kept plans. */
export const plansKept = () => hotPath.getStore() === true;

export interface QueryClient {
  query<T>(text: string, params?: unknown[], options?: QueryOptions): Promise<Results<T>>;
}

interface Statement {
  name: string;
  paramTypes: number[];
  /** The statement's rowDescription message, which a bind-and-execute round trip does not repeat. */
  rowDescription: BackendMessage | null;
}

type BackendMessage = Awaited<ReturnType<PGlite['execProtocolStream']>>[number];

/** Named statements kept at once; the least recently used is closed when a new one needs room. */
const MAX_STATEMENTS = 300;
/** Texts longer than this (multi-row inserts of a bulk path) are run once each; not worth a plan slot. */
const MAX_TEXT = 20_000;
/** Texts counted towards a second sighting before the count starts over. */
const MAX_SEEN = 5_000;

export class StatementCache {
  private readonly statements = new Map<string, Statement>();
  private readonly seen = new Set<string>();
  private readonly toClose: string[] = [];
  private counter = 0;

  constructor(private readonly pg: PGlite) {}

  /** Statements prepared now (for tests and diagnostics). */
  get size(): number {
    return this.statements.size;
  }

  /**
   * Runs one statement. `direct` is PGlite's own path (the instance's or the transaction's `query`),
   * taken outside `keepPlans`, for a text's first run and for options this path does not handle.
   */
  async run<T>(
    text: string,
    params: unknown[] | undefined,
    options: QueryOptions | undefined,
    inTransaction: boolean,
    direct: () => Promise<Results<T>>,
  ): Promise<Results<T>> {
    if (!hotPath.getStore()) return direct();
    if (options?.blob || options?.paramTypes || options?.onNotice || text.length > MAX_TEXT) return direct();
    if (!this.statements.has(text)) {
      if (!this.seen.has(text)) {
        if (this.seen.size >= MAX_SEEN) this.seen.clear();
        this.seen.add(text);
        return direct();
      }
      this.seen.delete(text);
    }
    const exclusive = () =>
      this.pg._runExclusiveQuery(() => this.execute<T>(text, params ?? [], options, inTransaction));
    // Outside a transaction a query waits for the running one, as PGlite.query does.
    return inTransaction ? exclusive() : this.pg._runExclusiveTransaction(exclusive);
  }

  private async execute<T>(
    text: string,
    params: unknown[],
    options: QueryOptions | undefined,
    inTransaction: boolean,
  ): Promise<Results<T>> {
    const { serialize } = protocol;
    let statement = this.statements.get(text);
    try {
      if (statement) {
        // Most recently used last: the map's first key is the one to close.
        this.statements.delete(text);
        this.statements.set(text, statement);
      } else {
        statement = await this.prepare(text);
      }
      const values = params.map((value, i) => {
        if (value === null || value === undefined) return null;
        const type = statement!.paramTypes[i]!;
        const serializer = options?.serializers?.[type] ?? this.pg.serializers[type];
        return serializer ? serializer(value) : String(value);
      });
      const messages = await this.pg.execProtocolStream(
        concat([
          ...this.closing(),
          serialize.bind({ statement: statement.name, values }),
          serialize.execute({}),
          serialize.sync(),
        ]),
        { syncToFs: false },
      );
      // PGlite merges a query's parsers into its ~320 defaults by spreading both, 80–250 µs a query;
      // the defaults as the prototype of the query's own parsers give the same lookup.
      const parsers = options?.parsers
        ? (Object.assign(Object.create(this.pg.parsers), options.parsers) as PGlite['parsers'])
        : this.pg.parsers;
      const [result] = parse.parseResults(
        statement.rowDescription ? [statement.rowDescription, ...messages] : messages,
        parsers,
        options?.parsers ? { ...options, parsers: undefined } : options,
      );
      return result as Results<T>;
    } catch (e) {
      // A schema change can make a kept plan unusable ("cached plan must not change result type"):
      // forget it, so the next run prepares the statement again.
      if ((e as { code?: string }).code === '0A000' && statement) this.forget(text);
      throw e;
    } finally {
      if (!inTransaction) await this.pg.syncToFs();
    }
  }

  private async prepare(text: string): Promise<Statement> {
    const { serialize } = protocol;
    if (this.statements.size >= MAX_STATEMENTS) this.forget(this.statements.keys().next().value!);
    const name = `liem_${++this.counter}`;
    const messages = await this.pg.execProtocolStream(
      concat([
        ...this.closing(),
        serialize.parse({ name, text }),
        serialize.describe({ type: 'S', name }),
        serialize.sync(),
      ]),
      { syncToFs: false },
    );
    const rowDescription = messages.find((m) => m.name === 'rowDescription') ?? null;
    const statement: Statement = {
      name,
      paramTypes: parse.parseDescribeStatementResults(messages),
      rowDescription,
    };
    this.statements.set(text, statement);
    return statement;
  }

  private forget(text: string) {
    const statement = this.statements.get(text);
    if (!statement) return;
    this.statements.delete(text);
    this.toClose.push(statement.name);
  }

  /** Close messages for forgotten statements, sent ahead of the next round trip. */
  private closing(): Uint8Array[] {
    return this.toClose.splice(0).map((name) => protocol.serialize.close({ type: 'S', name }));
  }
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/**
 * The client Drizzle's PGlite driver is given: `query` and `transaction` through the statement cache,
 * everything else PGlite's.
 */
export function preparedClient(pg: PGlite, cache = new StatementCache(pg)) {
  return {
    query: <T>(text: string, params?: unknown[], options?: QueryOptions) =>
      cache.run<T>(text, params, options, false, () => pg.query<T>(text, params, options)),
    transaction: <T>(fn: (tx: Transaction) => Promise<T>) =>
      pg.transaction((tx) =>
        fn({
          ...tx,
          rollback: () => tx.rollback(),
          get closed() {
            return tx.closed;
          },
          query: <R>(text: string, params?: unknown[], options?: QueryOptions) =>
            cache.run<R>(text, params, options, true, () => tx.query<R>(text, params, options)),
        } as Transaction),
      ),
  };
}
