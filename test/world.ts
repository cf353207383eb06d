import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { type App, type AppDeps, buildApp } from '#server/app.ts';
import { fixedClock } from '#server/clock.ts';
import { loadConfig } from '#server/config.ts';
import type { Ctx } from '#server/context.ts';
import type { Database } from '#server/db/client.ts';
import { type Jobs, startJobs } from '#server/jobs/queue.ts';
import { createMailer } from '#server/mail.ts';
import { hashPassword } from '#server/modules/auth/passwords.ts';
import { newToken, sha256 } from '#server/modules/auth/tokens.ts';
import { createUnit } from '#server/modules/org/service.ts';
import { submitReport } from '#server/modules/reports/service.ts';
import { grants, sessions, users } from '#server/modules/users/tables.ts';
import { type Actor, keyRoles, type Role, roles, systemActor } from '#shared/permissions.ts';
import { openTestDatabase } from './db.ts';

export const PASSWORD = 'correct horse battery';
export const NOW = '2026-11-25T02:00:00.000Z';

export interface Who {
  userId: string;
  cookie: string;
  csrf: string;
}

/**
 * A small province for tests: R ─┬─ A ── A1
 *                                └─ B
 * One user per role, each granted on A (so B is out of their scope), plus `root_admin` granted on R.
 */
export interface World {
  database: Database;
  jobs: Jobs;
  clock: ReturnType<typeof fixedClock>;
  ctx: Ctx;
  app: App;
  logs: string[];
  units: { R: string; A: string; A1: string; B: string };
  users: Record<Role | 'root_admin', Who>;
  as(actor: Actor): Ctx;
  close(): Promise<void>;
}

let passwordHash: Promise<string> | undefined;

export async function createWorld(
  env: Record<string, string> = {},
  deps: Pick<AppDeps, 'staffApp'> = {},
): Promise<World> {
  const database = await openTestDatabase();
  const log = pino({ level: 'silent' });
  const jobs = await startJobs(database, { supervise: false, log });
  const clock = fixedClock(NOW);
  const dataDir = mkdtempSync(join(tmpdir(), 'liem-world-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'info',
    DATA_DIR: dataDir,
    AUTH_RATE_LIMIT_PER_MINUTE: '100000',
    ...env,
  });
  const mailer = createMailer(config, log);
  const ctx: Ctx = {
    db: database.db,
    actor: systemActor,
    log,
    clock,
    config,
    requestId: null,
    lang: 'vi',
    mailer,
    jobs,
  };
  const R = await createUnit(ctx, { code: 'R', name: 'Tỉnh Thử Nghiệm', type: 'province', parentId: null });
  const A = await createUnit(ctx, { code: 'A', name: 'Thanh tra tỉnh', type: 'department', parentId: R.id });
  const A1 = await createUnit(ctx, { code: 'A1', name: 'Phòng Nghiệp vụ', type: 'sub_unit', parentId: A.id });
  const B = await createUnit(ctx, { code: 'B', name: 'Sở Xây dựng', type: 'department', parentId: R.id });
  passwordHash ??= hashPassword(PASSWORD);
  const hash = await passwordHash;
  const who = {} as Record<Role | 'root_admin', Who>;
  for (const role of [...roles, 'root_admin'] as const) {
    const [u] = await database.db
      .insert(users)
      .values({
        username: role.replace('_', '.'),
        fullName: `Người dùng ${role}`,
        email: `${role}@test.invalid`,
        unitId: A.id,
        passwordHash: hash,
      })
      .returning();
    await database.db.insert(grants).values({
      userId: u!.id,
      role: role === 'root_admin' ? 'admin' : role,
      unitId: role === 'root_admin' ? R.id : A.id,
    });
    // Report-key roles handle reports only with their keys open in the session (as after a real sign-in).
    who[role] =
      role !== 'root_admin' && keyRoles.includes(role)
        ? await keyedSessionFor(database, u!.id, clock.now())
        : await sessionFor(database, u!.id, clock.now());
  }
  const logs: string[] = [];
  const logStream = new Writable({
    write(chunk, _enc, cb) {
      logs.push(String(chunk));
      cb();
    },
  });
  const app = await buildApp({ config, database, jobs, clock, mailer, logStream, ...deps });
  await app.ready();
  return {
    database,
    jobs,
    clock,
    ctx,
    app,
    logs,
    units: { R: R.id, A: A.id, A1: A1.id, B: B.id },
    users: who,
    as: (actor) => ({ ...ctx, actor }),
    async close() {
      await app.close();
      await jobs.stop();
      await database.close();
    },
  };
}

/** A signed-in session made directly (the sign-in flow itself is tested in auth). */
export async function sessionFor(database: Database, userId: string, now: Date): Promise<Who> {
  const token = newToken();
  const csrf = newToken(24);
  await database.db.insert(sessions).values({
    id: sha256(token),
    userId,
    stage: 'active',
    csrfToken: csrf,
    lastSeenAt: now,
    expiresAt: new Date(now.getTime() + 12 * 3_600_000),
  });
  return { userId, cookie: `liem_session=${token}`, csrf };
}

/** The session cookie a sign-in answer set, as a Cookie header value. */
export function cookieFrom(res: { headers: Record<string, unknown> }): string {
  const set = res.headers['set-cookie'];
  const first = Array.isArray(set) ? set[0] : String(set);
  return first.split(';')[0]!;
}

export interface CallOptions {
  who?: Who;
  body?: unknown;
  headers?: Record<string, string>;
  lang?: string;
}

/** app.inject with the session cookie and CSRF header of `who`. */
export async function call(app: App, method: string, url: string, opts: CallOptions = {}) {
  const headers: Record<string, string> = { 'accept-language': opts.lang ?? 'vi', ...opts.headers };
  if (opts.who) {
    headers.cookie = opts.who.cookie;
    headers['x-csrf-token'] = opts.who.csrf;
  }
  const res = await app.inject({
    method: method as 'GET',
    url,
    headers,
    ...(opts.body === undefined ? {} : { payload: opts.body as object }),
  });
  let json: unknown;
  try {
    json = res.json();
  } catch {
    json = undefined;
  }
  return { status: res.statusCode, json: json as Record<string, any>, headers: res.headers, raw: res };
}

/** Posts a multipart form (text fields first, then one file) as `who`. */
export function upload(
  app: App,
  url: string,
  who: Who,
  fields: Record<string, string>,
  file: { name: string; content: Buffer; type?: string },
  headers: Record<string, string> = {},
) {
  const boundary = '----liem-test';
  const parts = Object.entries(fields).map(
    ([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`,
  );
  const payload = Buffer.concat([
    Buffer.from(
      `${parts.join('')}--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`,
    ),
    file.content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return app.inject({
    method: 'POST',
    url,
    payload,
    headers: {
      'content-type': `multipart/form-data; boundary=${boundary}`,
      cookie: who.cookie,
      'x-csrf-token': who.csrf,
      ...headers,
    },
  });
}

/**
 * A signed-in session made through the real key path of sign-in: the user's key pair is created (or
 * unwrapped with PASSWORD) and held in the session, as for an intake officer or custodian.
 */
export async function keyedSessionFor(database: Database, userId: string, now: Date, password = PASSWORD) {
  const { keysForNewSession } = await import('#server/modules/keys/service.ts');
  const { eq } = await import('drizzle-orm');
  const g = await database.db.select({ role: grants.role }).from(grants).where(eq(grants.userId, userId));
  const token = newToken();
  const csrf = newToken(24);
  const keys = await keysForNewSession(
    database.db,
    { id: userId },
    g.map((x) => x.role as Role),
    password,
    token,
    sha256(token),
  );
  await database.db.insert(sessions).values({
    id: sha256(token),
    userId,
    stage: 'active',
    csrfToken: csrf,
    lastSeenAt: now,
    expiresAt: new Date(now.getTime() + 12 * 3_600_000),
    ...keys,
  });
  return { userId, cookie: `liem_session=${token}`, csrf, keyring: !!keys.keyring };
}

/** A user with one role on one unit (for out-of-scope and second-recipient cases). */
export async function addUser(world: World, name: string, role: Role, unitId: string) {
  passwordHash ??= hashPassword(PASSWORD);
  const [u] = await world.database.db
    .insert(users)
    .values({ username: name, fullName: `Người dùng ${name}`, unitId, passwordHash: await passwordHash })
    .returning();
  await world.database.db.insert(grants).values({ userId: u!.id, role, unitId });
  return u!.id;
}

/** A citizen's report through the portal's service (no files), named when a reporter's name is given. */
export function citizenReport(world: World, unitId: string, title: string, reporter?: string) {
  const publicCtx: Ctx = { ...world.ctx, actor: { kind: 'user', userId: null, grants: [] } };
  return submitReport(publicCtx, {
    receivedUnitId: unitId,
    categoryCode: 'other',
    channel: 'web',
    content: { title, description: 'Nội dung', officials: null, when: null, where: null, amountVnd: null },
    identity: reporter
      ? { fullName: reporter, idNumber: null, phone: null, email: null, address: null }
      : null,
    consent: !!reporter,
    files: [],
  });
}

/**
 * What the inspectorate A inspects: A2, a body below it with its own head. A1 is A's own team, and
 * inspecting it would be A inspecting itself (re-test sec23 F3).
 */
export async function inspectedUnit(w: World): Promise<string> {
  return (
    await createUnit(w.ctx, {
      code: 'A2',
      name: 'Ban Quản lý dự án',
      type: 'department',
      parentId: w.units.A,
    })
  ).id;
}

/** The body that decides a waiting grant: the code its holder reads out in person (their Home shows it). */
export async function vouched(world: World, grantId: string) {
  const { vouchCodeOf } = await import('#server/modules/users/vouch.ts');
  return { code: (await vouchCodeOf(world.database.db, grantId)) ?? 'none' };
}

/**
 * A register's sheet sent to its import's dry run or commit as `who`: a CSV whose header is `columns`,
 * each mapped to the field of the same name. The world is asked for when sending (tests declare it first).
 */
export function sheetImport(
  world: () => World,
  entity: string,
  columns: readonly string[],
  who: (w: World) => Who,
) {
  const mapping = JSON.stringify(Object.fromEntries(columns.map((c) => [c, c])));
  return (step: 'dry-run' | 'commit', lines: string[]) =>
    upload(
      world().app,
      `/api/imports/${entity}/${step}`,
      who(world()),
      { mapping },
      {
        name: `${entity}.csv`,
        content: Buffer.from(`\uFEFF${[columns.join(';'), ...lines].join('\r\n')}\r\n`, 'utf8'),
      },
    );
}
