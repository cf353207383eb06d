import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { TOTP } from 'otpauth';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET } from '#server/demo/seed.ts';

/** A free TCP port on loopback. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

export interface Server {
  url: string;
  child: ChildProcess;
  /** Milliseconds from spawning the process to the first answer of /health. */
  startMs: number;
  /** Peak resident memory of the server process so far (VmHWM), in MiB. */
  peakRssMb(): number;
  /** Resident memory now (VmRSS), in MiB. */
  rssMb(): number;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** Starts the real server (`src/server/main.ts`) in its own process, as `npm start` does. */
export async function startServer(
  env: Record<string, string>,
  opts: { timeoutMs?: number } = {},
): Promise<Server> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: String(port),
      PUBLIC_URL: url,
      COOKIE_SECURE: 'false',
      WEB_BUILD: 'false',
      LOG_LEVEL: 'warn',
      // As `npm start` runs it: React renders in production mode.
      NODE_ENV: 'production',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  // A benchmark that fails half-way must not leave a server holding the data directory.
  const killChild = () => child.kill('SIGKILL');
  process.once('exit', killChild);
  child.once('exit', () => process.removeListener('exit', killChild));
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-4000);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = started + (opts.timeoutMs ?? 120_000);
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}: ${stderr}`);
    try {
      const res = await fetch(`${url}/health`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (performance.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server did not start in time: ${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  const startMs = performance.now() - started;
  return {
    url,
    child,
    startMs,
    peakRssMb: () => statusMb(child.pid, 'VmHWM'),
    rssMb: () => statusMb(child.pid, 'VmRSS'),
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null) child.kill(signal);
      await exited;
    },
  };
}

function statusMb(pid: number | undefined, field: 'VmHWM' | 'VmRSS'): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? Number.NaN) / 1024;
  } catch {
    return Number.NaN;
  }
}

export interface StaffSession {
  cookie: string;
  csrf: string;
}

/** Signs in over HTTP like the staff app: password, then a TOTP code when the account has one. */
export async function signIn(url: string, username: string, password = DEMO_PASSWORD): Promise<StaffSession> {
  const post = async (path: string, body: unknown, cookie = '', csrf = '') => {
    const res = await fetch(url + path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, origin: url, 'x-csrf-token': csrf },
      body: JSON.stringify(body),
    });
    const setCookie = res.headers.get('set-cookie');
    return {
      res,
      json: (await res.json()) as Record<string, unknown>,
      cookie: setCookie?.split(';')[0] ?? cookie,
    };
  };
  const login = await post('/api/auth/login', { username, password });
  if (!login.res.ok) throw new Error(`sign-in of ${username} failed: ${login.res.status}`);
  const csrf = String(login.json.csrfToken ?? '');
  if (login.json.stage === 'totp') {
    // A code is accepted once: when this step's code was used (a run a moment ago), wait for the next.
    for (let attempt = 0; ; attempt++) {
      const code = new TOTP({ secret: DEMO_TOTP_SECRET }).generate();
      const t = await post('/api/auth/totp', { code }, login.cookie, csrf);
      if (t.res.ok) break;
      if (attempt > 0) throw new Error(`TOTP of ${username} failed: ${t.res.status}`);
      await new Promise((r) => setTimeout(r, 30_500 - (Date.now() % 30_000)));
    }
  }
  return { cookie: login.cookie, csrf };
}
