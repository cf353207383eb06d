import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '#server/app.ts';
import { call, createWorld, type World } from './world.ts';

/**
 * Limits that hold behind a proxy and across instances (issue 15 §4): the client is never the left-most
 * X-Forwarded-For entry (it writes that itself), and several instances on one database share one budget.
 */
const NGINX = '/usr/sbin/nginx';
const hasNginx = spawnSync(NGINX, ['-v']).status === 0;
// CI installs nginx (.ci/run); a developer's machine without it skips the proxy half only.
if (process.env.CI && !hasNginx) throw new Error('nginx is required in CI (apt-get install nginx)');

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

function post(
  port: number,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<number> {
  const data = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(data),
          ...headers,
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(data);
  });
}

const login = { username: 'khong.co.ai', password: 'sai mat khau' };

describe('two instances on one database', () => {
  let w: World;
  beforeAll(async () => {
    w = await createWorld({ AUTH_RATE_LIMIT_PER_MINUTE: '3', RATE_LIMIT_STORE: 'database' });
  });
  afterAll(() => w.close());

  it('share one rate-limit budget, and the database keeps no address', async () => {
    const second = await buildApp({
      config: w.ctx.config,
      database: w.database,
      jobs: w.jobs,
      clock: w.clock,
      mailer: w.ctx.mailer,
    });
    try {
      const statuses: number[] = [];
      for (const app of [w.app, second, w.app, second, w.app])
        statuses.push((await call(app, 'POST', '/api/auth/login', { body: login })).status);
      // Three attempts in the minute, wherever they landed; then both instances refuse.
      expect(statuses).toEqual([401, 401, 401, 429, 429]);
      const stored = JSON.stringify(await w.database.query('select * from rate_limits'));
      expect(stored).not.toContain('127.0.0.1');
    } finally {
      await second.close();
    }
  });

  it('slow down guessing at the code a waiting grant is decided with (re-test sec29 T3)', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++)
      statuses.push(
        (
          await call(w.app, 'POST', `/api/grants/${randomUUID()}/activate-keys`, {
            who: w.users.custodian,
            body: { code: 'AAAA-AAAA' },
          })
        ).status,
      );
    expect(statuses).toEqual([404, 404, 404, 429]);
  });
});

describe.skipIf(!hasNginx)('behind a real nginx', () => {
  let w: World;
  let nginx: ChildProcess;
  let dir: string;
  let proxyPort: number;
  beforeAll(async () => {
    w = await createWorld({ AUTH_RATE_LIMIT_PER_MINUTE: '3', TRUST_PROXY: '1' });
    await w.app.listen({ host: '127.0.0.1', port: 0 });
    const appPort = (w.app.server.address() as AddressInfo).port;
    proxyPort = await freePort();
    dir = mkdtempSync(join(tmpdir(), 'liem-nginx-'));
    writeFileSync(
      join(dir, 'nginx.conf'),
      `worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log;
events { worker_connections 64; }
http {
  access_log off;
  client_body_temp_path ${dir}/body; proxy_temp_path ${dir}/proxy; fastcgi_temp_path ${dir}/fcgi;
  uwsgi_temp_path ${dir}/uwsgi; scgi_temp_path ${dir}/scgi;
  server {
    listen 127.0.0.1:${proxyPort};
    location / {
      proxy_pass http://127.0.0.1:${appPort};
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
    }
  }
}
`,
    );
    nginx = spawn(NGINX, ['-p', dir, '-c', join(dir, 'nginx.conf'), '-g', 'daemon off;'], {
      stdio: 'ignore',
    });
    for (let i = 0; i < 50; i++) {
      const ok = await post(proxyPort, '/health', {}).then(
        () => true,
        () => false,
      );
      if (ok) break;
      await new Promise((r) => setTimeout(r, 100));
    }
  });
  afterAll(async () => {
    nginx?.kill('SIGTERM');
    await w.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a client that forges X-Forwarded-For on every request still spends one budget', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++)
      statuses.push(
        await post(proxyPort, '/api/auth/login', login, { 'x-forwarded-for': `198.51.100.${i + 1}` }),
      );
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
  });
});
