/**
 * `npm run test:durability`: 1,000 acknowledged writes (plan progress and citizens' reports) while the
 * server is killed with SIGKILL at random moments and restarted; afterwards every acknowledged write must
 * be present and intact, and the audit chain must verify. Runs on PGlite in a fresh directory, and on
 * PostgreSQL too when DATABASE_URL names a database whose name ends in `_durability` (it is emptied).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { openDatabase } from '#server/db/client.ts';
import { Random } from '#server/generate/random.ts';
import { loadAuditKeys } from '#server/modules/audit/keys.ts';
import { verifyChain } from '#server/modules/audit/service.ts';
import { decrypt, decryptJson } from '#server/modules/keys/crypto.ts';
import { progressReports } from '#server/modules/plans/tables.ts';
import { ad } from '#server/modules/reports/crypt.ts';
import { portalSecrets, receiptKeys } from '#server/modules/reports/secrets.ts';
import { reports } from '#server/modules/reports/tables.ts';
import { type Server, signIn, startServer } from '../bench/server.ts';

const TOTAL = Number(process.env.DURABILITY_WRITES ?? 1000);
const WORKERS = 4;
const seed = Number(process.env.DURABILITY_SEED ?? Date.now() % 100_000);
const log = (s: string) => process.stdout.write(`${s}\n`);

type Write =
  | { kind: 'progress'; key: string; itemId: string; period: string; progress: number; result: string }
  | { kind: 'report'; key: string; token: string; title: string; description: string };
interface Acked {
  write: Write;
  /** For reports: the number and receipt the portal answered with. */
  number?: string;
  receipt?: string;
}

async function run(engine: 'pglite' | 'postgres', databaseUrl?: string) {
  const dataDir = mkdtempSync(join(tmpdir(), 'liem-durability-'));
  // The data directory holds the audit chain's keys and checkpoints on both engines.
  const env: Record<string, string> = {
    DATA_DIR: dataDir,
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
  };
  if (databaseUrl) {
    const d = await openDatabase({ databaseUrl, dataDir });
    await d.exec(
      'drop schema if exists public cascade; drop schema if exists pgboss cascade; drop schema if exists drizzle cascade; create schema public;',
    );
    await d.close();
  }
  log(`\n[${engine}] generating a small province…`);
  const gen = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'src/cli/main.ts', 'generate', '--scale', 'quick'],
    {
      env: { ...process.env, ...env, JOBS: 'false', LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  if (gen.status !== 0) throw new Error('generate failed');

  const serverEnv = {
    ...env,
    AUTH_RATE_LIMIT_PER_MINUTE: '100000',
    PORTAL_FORM_RATE_LIMIT_PER_MINUTE: '100000',
  };
  let server: Server = await startServer(serverEnv);
  const focal = await signIn(server.url, 'daumoi');
  const api = async (path: string, init: RequestInit = {}) => {
    const res = await fetch(server.url + path, {
      ...init,
      headers: {
        'content-type': 'application/json',
        cookie: focal.cookie,
        'x-csrf-token': focal.csrf,
        origin: server.url,
        ...(init.headers ?? {}),
      },
    });
    return res;
  };
  const plans = (await (await api('/api/plans?year=2026&status=issued&pageSize=100')).json()) as {
    items: Array<{ id: string; status: string; sourcePlanId: string | null }>;
  };
  const writable = plans.items.filter((p) => p.status === 'issued' && p.sourcePlanId !== null);
  if (writable.length === 0) throw new Error('no issued plan for the focal officer');
  const items: Array<{ id: string }> = [];
  for (const plan of writable)
    items.push(...((await (await api(`/api/plans/${plan.id}/items`)).json()) as []));
  const receiving = (await (await api('/api/reports/receiving-units')).json().catch(() => [])) as Array<{
    id: string;
  }>;
  const deskPage = await (await fetch(`${server.url}/report?lang=vi`)).text();
  const desk = receiving[0]?.id ?? /value="([0-9a-f-]{36})"/.exec(deskPage)?.[1];
  if (!desk) throw new Error('no receiving unit');

  // The writes: every (item, period) once (periods other than Q3, which the data may have accepted), then reports.
  const r = new Random(seed);
  const writes: Write[] = [];
  for (const period of ['2026-Q1', '2026-Q2', '2026-Q4', '2026-6M', '2026-9M', '2026-Y'])
    for (const item of items)
      if (writes.length < TOTAL / 2)
        writes.push({
          kind: 'progress',
          key: `${item.id}/${period}`,
          itemId: item.id,
          period,
          progress: r.int(1, 99),
          result: `Ghi #${writes.length} — kết quả thực hiện ${r.int(1, 1_000_000)}`,
        });
  while (writes.length < TOTAL) {
    const n = writes.length;
    writes.push({
      kind: 'report',
      key: `report-${n}`,
      token: Buffer.from(Array.from({ length: 32 }, () => r.int(0, 255))).toString('base64url'),
      title: `Phản ánh kiểm thử độ bền #${n}`,
      description: `Nội dung ${r.int(1, 1_000_000)}: cán bộ hẹn nhiều lần không giải quyết hồ sơ.`,
    });
  }
  for (let i = writes.length - 1; i > 0; i--) {
    const j = r.int(0, i);
    [writes[i], writes[j]] = [writes[j]!, writes[i]!];
  }

  // ---- writers and the killer
  let ready: Promise<void> = Promise.resolve();
  let kills = 0;
  const starts: number[] = [];
  const began = performance.now();
  let retries = 0;
  const acked: Acked[] = [];
  const boundary = 'liemdurability';
  const send = async (w: Write): Promise<Acked | 'retry'> => {
    try {
      if (w.kind === 'progress') {
        const res = await api(`/api/plan-items/${w.itemId}/progress`, {
          method: 'POST',
          body: JSON.stringify({
            period: w.period,
            status: 'in_progress',
            progress: w.progress,
            result: w.result,
          }),
        });
        if (res.status >= 500) return 'retry';
        if (!res.ok) throw new Error(`progress ${w.key}: ${res.status} ${await res.text()}`);
        await res.arrayBuffer();
        return { write: w };
      }
      const fields: Record<string, string> = {
        lang: 'vi',
        to: desk,
        categoryCode: 'harassment',
        title: w.title,
        description: w.description,
        token: w.token,
      };
      const body = `${Object.entries(fields)
        .map(([k, v]) => `--${boundary}\r\ncontent-disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`)
        .join('')}--${boundary}--\r\n`;
      const res = await fetch(`${server.url}/report`, {
        method: 'POST',
        headers: { origin: server.url, 'content-type': `multipart/form-data; boundary=${boundary}` },
        body,
      });
      if (res.status >= 500) return 'retry';
      const html = await res.text();
      if (res.status !== 201) throw new Error(`report ${w.key}: ${res.status}`);
      const receipt = /data-receipt="(\d{16})"/.exec(html)?.[1];
      const number = /<strong>(\d{4}-\d{6,})<\/strong>/.exec(html)?.[1];
      if (!receipt || !number) throw new Error(`report ${w.key}: no receipt in the answer`);
      return { write: w, number, receipt };
    } catch (e) {
      if (e instanceof Error && e.message.startsWith(w.kind === 'progress' ? 'progress' : 'report')) throw e;
      return 'retry'; // the server went away mid-request: not acknowledged, send again
    }
  };
  let next = 0;
  let done = false;
  const worker = async () => {
    while (next < writes.length) {
      const w = writes[next++]!;
      for (;;) {
        await ready;
        const out = await send(w);
        if (out !== 'retry') {
          acked.push(out);
          break;
        }
        retries++;
        await new Promise((res) => setTimeout(res, 50));
      }
    }
  };
  const killer = async () => {
    while (!done) {
      await new Promise((res) => setTimeout(res, r.int(800, 4000)));
      if (done) break;
      let restarted!: () => void;
      ready = new Promise((res) => {
        restarted = res;
      });
      await server.stop('SIGKILL');
      kills++;
      server = await startServer(serverEnv);
      restarted();
      starts.push(server.startMs);
      process.stdout.write(`\r[${engine}] ${acked.length}/${TOTAL} acknowledged, ${kills} kills`);
    }
  };
  const killing = killer();
  await Promise.all(Array.from({ length: WORKERS }, worker));
  done = true;
  await killing;
  await server.stop('SIGTERM');
  const slowest = Math.max(0, ...starts) / 1000;
  const seconds = (performance.now() - began) / 1000;
  log(
    `\r[${engine}] ${acked.length}/${TOTAL} acknowledged in ${seconds.toFixed(0)} s under ${kills} SIGKILLs (${retries} sends retried; the slowest restart took ${slowest.toFixed(1)} s)`,
  );

  // ---- every acknowledged write, read back from the database itself
  const d = await openDatabase({ databaseUrl, dataDir });
  // The servers chained and checkpointed the audit log with the keys in their data directory.
  loadAuditKeys(dataDir);
  let found = 0;
  const problems: string[] = [];
  try {
    const secrets = await portalSecrets(d.db);
    const check = async (a: Acked) => {
      const w = a.write;
      if (w.kind === 'progress') {
        const rows = await d.db.select().from(progressReports).where(eq(progressReports.itemId, w.itemId));
        const mine = rows.find((x) => x.period === w.period);
        if (mine && mine.progress === w.progress && mine.result === w.result) found++;
        else problems.push(`progress ${w.key}: ${mine ? 'altered' : 'missing'}`);
        return;
      }
      const seq = Number(a.number!.split('-')[1]);
      const [row] = await d.db.select().from(reports).where(eq(reports.seq, seq));
      if (!row?.receiptKey || !row.content) {
        problems.push(`report ${a.number}: missing`);
        return;
      }
      // The reporter's own path: the receipt finds the report and opens its content.
      const { lookup, wrap } = await receiptKeys(secrets, a.receipt!);
      try {
        if (Buffer.compare(Buffer.from(lookup), Buffer.from(row.receiptLookup)) !== 0)
          throw new Error('lookup');
        const key = decrypt(wrap, row.receiptKey, ad.receipt(row.id));
        const content = decryptJson<{ title: string; description: string }>(
          key,
          row.content,
          ad.content(row.id),
        );
        if (content.title === w.title && content.description === w.description) found++;
        else problems.push(`report ${a.number}: altered`);
      } catch {
        problems.push(`report ${a.number}: does not open with its receipt`);
      }
    };
    let i = 0;
    await Promise.all(
      Array.from({ length: WORKERS }, async () => {
        while (i < acked.length) await check(acked[i++]!);
      }),
    );
    const chain = await verifyChain(d.db);
    const lost = acked.length - found;
    log(`[${engine}] ${acked.length} acknowledged, ${found} found, ${lost} lost`);
    log(
      `[${engine}] audit chain ${chain.ok ? `verifies (${chain.checked} events, ${chain.checkpoints} checkpoints)` : `BROKEN at #${chain.firstBad?.seq}: ${chain.firstBad?.problem}`}`,
    );
    for (const p of problems.slice(0, 20)) log(`  ${p}`);
    return lost === 0 && chain.ok && acked.length === TOTAL;
  } finally {
    await d.close();
    if (process.env.KEEP_DURABILITY_DATA) log(`[${engine}] data kept in ${dataDir}`);
    else rmSync(dataDir, { recursive: true, force: true });
  }
}

const url = process.env.DATABASE_URL;
// Children inherit the environment: the PGlite run must not see the PostgreSQL address.
delete process.env.DATABASE_URL;
let ok = await run('pglite');
if (url) {
  if (!new URL(url).pathname.endsWith('_durability'))
    throw new Error('DATABASE_URL must name a database ending in _durability: it is emptied first');
  ok = (await run('postgres', url)) && ok;
}
log(ok ? '\nDurability: nothing lost.' : '\nDurability: FAILED');
process.exit(ok ? 0 : 1);
