import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

/** The real server process: first start, readiness, graceful stop, and a restart on the same data. */
let dataDir: string;
let databaseUrl: string | undefined;
let dbName: string | undefined;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'liem-main-'));
  if (inject('engine') === 'pg') {
    dbName = `liem_t_${inject('run')}_${Date.now().toString(16)}`;
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    await admin.query(`create database ${dbName}`);
    await admin.end();
    const url = new URL(process.env.DATABASE_URL!);
    url.pathname = `/${dbName}`;
    databaseUrl = url.toString();
  }
});
afterAll(async () => {
  rmSync(dataDir, { recursive: true, force: true });
  if (dbName) {
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    await admin.query(`drop database if exists ${dbName} with (force)`);
    await admin.end();
  }
});

function start(): { child: ChildProcess; output: () => string; url: Promise<string> } {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: '0',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    NODE_ENV: 'production',
    WEB_BUILD: 'false',
  };
  delete env.DATABASE_URL;
  if (databaseUrl) env.DATABASE_URL = databaseUrl;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    env,
    cwd: process.cwd(),
  });
  let out = '';
  child.stderr!.on('data', (c) => {
    out += c;
  });
  const url = new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (c) => {
      out += c;
      const m = /is running at (http:\/\/\S+?)\//.exec(out);
      if (m && out.includes('\n')) resolve(m[1]!);
    });
    child.on('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
  });
  return { child, output: () => out, url };
}

function stop(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    child.on('exit', (code) => resolve(code));
    child.kill('SIGTERM');
  });
}

describe('server process', () => {
  it('gives a one-time administrator password on first start, never in its output, is ready, and stops cleanly on SIGTERM', async () => {
    const first = start();
    const url = await first.url;
    await new Promise((r) => setTimeout(r, 300));
    // Standard output here is a pipe, as under a service manager: the password goes to an owner-only file.
    const file = join(dataDir, 'first-admin-password.txt');
    expect(first.output()).toContain(file);
    expect(first.output()).not.toMatch(/admin \/ /);
    expect(readFileSync(file, 'utf8')).toMatch(/^admin \/ \S{16}\n/);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect((await fetch(`${url}/ready`)).status).toBe(200);
    expect(await stop(first.child)).toBe(0);
    // Signed checkpoints of the audit chain: the anchor at start and one more at shutdown.
    const checkpoints = readFileSync(join(dataDir, 'audit', 'checkpoints.jsonl'), 'utf8')
      .trim()
      .split('\n');
    expect(checkpoints.length).toBeGreaterThanOrEqual(2);
    expect(JSON.parse(checkpoints[0]!)).toMatchObject({ anchor: true });
    if (!databaseUrl) expect(existsSync(join(dataDir, 'liem.lock'))).toBe(false);

    const second = start();
    const url2 = await second.url;
    expect((await fetch(`${url2}/health`)).status).toBe(200);
    expect(second.output()).not.toMatch(/admin \/ /);
    expect(await stop(second.child)).toBe(0);
  });

  it('stops at once with one line naming a bad setting', async () => {
    const { code, err } = await runToEnd('src/server/main.ts', [], { PORT: 'eighty' });
    expect(code).toBe(78);
    expect(err.trim()).toBe('Invalid configuration: PORT must be a number');
  });

  it('an operator command run where there is no database says so and makes none (sec31 re-test)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'liem-nodata-'));
    try {
      const { code, err } = await runToEnd('src/cli/main.ts', ['grants', 'pending'], {
        DATA_DIR: dir,
        DATABASE_URL: '',
      });
      expect(code).toBe(66);
      expect(err).toContain(join(dir, 'db'));
      expect(existsSync(join(dir, 'db'))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** Runs one of the project's entry points to its end: its exit code and what it wrote to stderr. */
async function runToEnd(entry: string, args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', entry, ...args], {
    env: { ...process.env, ...env },
    cwd: process.cwd(),
  });
  let err = '';
  child.stderr.on('data', (c) => {
    err += c;
  });
  const code = await new Promise((r) => child.on('exit', r));
  return { code, err };
}
