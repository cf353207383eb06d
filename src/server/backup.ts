import {
  createReadStream,
  createWriteStream,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import * as tar from 'tar';
import {
  BackupDecryptError,
  decryptBackup,
  encryptBackup,
  type Identity,
  isEncryptedBackup,
  type Recipient,
} from './backup-crypt.ts';
import type { Database } from './db/client.ts';
import { expectedMigrationCount, migrate } from './db/migrate.ts';

export const BACKUP_FORMAT = 'liem-backup/1';
const PAGE = 1000;
/** Tables whose rows refer to rows of the same table are dumped parents first. */
const rowOrder: Record<string, string> = { units: 'depth, id' };

interface Manifest {
  format: string;
  createdAt: string;
  migrations: number;
  engine: string;
  tables: Array<{ name: string; rows: number }>;
}

/** Our tables in an order where every referenced table comes first. */
async function tablesInDependencyOrder(q: Database['query']): Promise<string[]> {
  const tables = (
    await q<{ name: string }>(
      `select tablename as name from pg_tables where schemaname = 'public' order by tablename`,
    )
  ).map((r) => r.name);
  const deps = await q<{ child: string; parent: string }>(`
    select c.conrelid::regclass::text as child, c.confrelid::regclass::text as parent
    from pg_constraint c join pg_namespace n on n.oid = c.connamespace
    where c.contype = 'f' and n.nspname = 'public' and c.conrelid <> c.confrelid`);
  const ordered: string[] = [];
  const visit = (t: string, seen: Set<string>) => {
    if (ordered.includes(t) || seen.has(t)) return;
    seen.add(t);
    for (const d of deps.filter((x) => x.child === t)) visit(d.parent, seen);
    ordered.push(t);
  };
  for (const t of tables) visit(t, new Set());
  return ordered;
}

async function insertableColumns(q: Database['query'], table: string): Promise<string[]> {
  const rows = await q<{ name: string }>(
    `select column_name as name from information_schema.columns where table_schema = 'public' and table_name = $1 and is_generated = 'NEVER' order by ordinal_position`,
    [table],
  );
  return rows.map((r) => r.name);
}

/**
 * Writes one archive of every table in a single REPEATABLE READ snapshot, so it is consistent while the
 * server keeps running on PostgreSQL. Files are rows too (ADR 0004), so nothing else needs copying.
 */
export async function backup(
  database: Database,
  file: string,
  onProgress?: (table: string, rows: number) => void,
  encryptTo?: Recipient,
): Promise<Manifest> {
  const dir = mkdtempSync(join(tmpdir(), 'liem-backup-'));
  try {
    const manifest = await database.withConnection(async (_db, q) => {
      await q('begin isolation level repeatable read read only');
      try {
        const tables = await tablesInDependencyOrder(q);
        const out: Manifest = {
          format: BACKUP_FORMAT,
          createdAt: new Date().toISOString(),
          migrations: expectedMigrationCount(),
          engine: database.kind,
          tables: [],
        };
        mkdirSync(join(dir, 'tables'));
        for (const table of tables) {
          const stream = createWriteStream(join(dir, 'tables', `${table}.jsonl`));
          let n = 0;
          for (let offset = 0; ; offset += PAGE) {
            const rows = await q<{ r: unknown }>(
              `select to_jsonb(t) as r from "${table}" t order by ${rowOrder[table] ?? '1'} limit ${PAGE} offset ${offset}`,
            );
            for (const row of rows) stream.write(`${JSON.stringify(row.r)}\n`);
            n += rows.length;
            if (rows.length < PAGE) break;
          }
          await new Promise<void>((res, rej) => stream.end((err?: Error | null) => (err ? rej(err) : res())));
          out.tables.push({ name: table, rows: n });
          onProgress?.(table, n);
        }
        await q('commit');
        return out;
      } catch (e) {
        await q('rollback');
        throw e;
      }
    });
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
    const archive = encryptTo ? join(dir, 'backup.tar.gz') : file;
    await tar.create({ gzip: true, file: archive, cwd: dir, portable: true }, ['manifest.json', 'tables']);
    if (encryptTo) await encryptBackup(archive, file, encryptTo);
    return manifest;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export class RestoreRefused extends Error {}

/** Loads an archive into an empty database (or, with force, one whose data is wiped first), in one transaction. */
export async function restore(
  database: Database,
  file: string,
  opts: { force?: boolean; onProgress?: (table: string, rows: number) => void; identity?: Identity } = {},
): Promise<Manifest> {
  const dir = mkdtempSync(join(tmpdir(), 'liem-restore-'));
  try {
    if (isEncryptedBackup(file)) {
      if (!opts.identity)
        throw new RestoreRefused(
          'This backup is encrypted: give LIEM_BACKUP_PASSPHRASE or --identity <private key file>.',
        );
      const plain = join(dir, 'backup.tar.gz');
      try {
        await decryptBackup(file, plain, opts.identity);
      } catch (e) {
        if (e instanceof BackupDecryptError) throw new RestoreRefused(e.message);
        throw e;
      }
      file = plain;
    }
    await tar.extract({ file, cwd: dir });
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;
    if (manifest.format !== BACKUP_FORMAT)
      throw new RestoreRefused(`Not a Liêm backup (format ${manifest.format}).`);
    if (manifest.migrations > expectedMigrationCount())
      throw new RestoreRefused('The backup comes from a newer version of Liêm; upgrade first.');
    await migrate(database);
    await database.withConnection(async (_db, q) => {
      const tables = await tablesInDependencyOrder(q);
      const [{ n } = { n: 0 }] = await q<{ n: number }>(
        `select (select count(*) from users) + (select count(*) from units) as n`,
      );
      if (Number(n) > 0 && !opts.force)
        throw new RestoreRefused('The target database is not empty; use --force to replace its data.');
      await q('begin');
      try {
        await q(`truncate ${tables.map((t) => `"${t}"`).join(', ')} restart identity cascade`);
        const present = new Set(readdirSync(join(dir, 'tables')).map((f) => f.replace(/\.jsonl$/, '')));
        for (const table of tables) {
          if (!present.has(table)) continue;
          const cols = (await insertableColumns(q, table)).map((c) => `"${c}"`).join(', ');
          let batch: unknown[] = [];
          let count = 0;
          const flush = async () => {
            if (batch.length === 0) return;
            await q(
              `insert into "${table}" (${cols}) overriding system value select ${cols} from jsonb_populate_recordset(null::"${table}", $1::jsonb)`,
              [JSON.stringify(batch)],
            );
            count += batch.length;
            batch = [];
          };
          const lines = createInterface({
            input: createReadStream(join(dir, 'tables', `${table}.jsonl`)),
            crlfDelay: Number.POSITIVE_INFINITY,
          });
          for await (const line of lines) {
            if (!line) continue;
            batch.push(JSON.parse(line));
            if (batch.length >= 500) await flush();
          }
          await flush();
          const identity = await q<{ col: string }>(
            `select column_name as col from information_schema.columns where table_schema = 'public' and table_name = $1 and is_identity = 'YES'`,
            [table],
          );
          for (const { col } of identity) {
            await q(
              `select setval(pg_get_serial_sequence('"${table}"', '${col}'), coalesce((select max("${col}") from "${table}"), 0) + 1, false)`,
            );
          }
          opts.onProgress?.(table, count);
        }
        await q('commit');
      } catch (e) {
        await q('rollback');
        throw e;
      }
    });
    return manifest;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
