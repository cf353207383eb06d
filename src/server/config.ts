import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const urlWithProtocols = (protocols: string[]) =>
  z.url().refine((u) => protocols.some((p) => u.startsWith(`${p}:`)), {
    message: `must start with ${protocols.map((p) => `${p}://`).join(' or ')}`,
  });

/**
 * A proxy's address or network. A wide network (0.0.0.0/1 and the like) would trust every client to name
 * its own address, which is what "true" was: refused.
 */
function proxyAddress(a: string): boolean {
  const [ip = '', bits] = a.split('/');
  const family = isIP(ip);
  if (family === 0) return false;
  if (bits === undefined) return true;
  if (!/^\d{1,3}$/.test(bits)) return false;
  const n = Number(bits);
  // An IPv4-mapped IPv6 network (::ffff:0:0/96) is an IPv4 network 96 bits further in, however it is
  // spelled (0:0:0:0:0:ffff:0:0 too): judged in the canonical form.
  const canonical = family === 6 ? new URL(`http://[${ip}]/`).hostname.slice(1, -1) : ip;
  if (family === 6 && /^::ffff:/i.test(canonical)) return n >= 104 && n <= 128;
  return family === 4 ? n >= 8 && n <= 32 : n >= 32 && n <= 128;
}

/** Every setting Liêm reads from the environment, with its default. */
const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: urlWithProtocols(['postgres', 'postgresql']).optional(),
  DATABASE_REPLICA_URL: urlWithProtocols(['postgres', 'postgresql']).optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  PUBLIC_URL: z.url().default('http://localhost:3000'),
  SMTP_URL: urlWithProtocols(['smtp', 'smtps']).optional(),
  MAIL_FROM: z.string().min(3).default('Liêm <no-reply@liem.invalid>'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  UPLOAD_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(1024 * 1024 * 1024)
    .default(25 * 1024 * 1024),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(1440).default(30),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).max(720).default(12),
  /**
   * Behind proxies: how many there are (1 for one nginx), or their addresses (comma-separated IPs or
   * CIDRs). The client is then the address that many hops back in X-Forwarded-For, never its left-most
   * entry, which the client writes itself. "true" (trust everything) is refused.
   */
  TRUST_PROXY: z
    .string()
    .default('false')
    .refine((v) => v !== 'true' && v !== 'yes', {
      message: 'must be the number of proxies in front of Liêm (e.g. 1) or their addresses, not true',
    })
    .refine(
      (v) =>
        /^(false|no|0|[1-9]\d?)$/.test(v) ||
        // A handful of proxies: a long list of networks trusts everyone as surely as one wide one.
        (v.split(',').length <= 16 && v.split(',').every((a) => proxyAddress(a.trim()))),
      {
        message:
          'must be a number of proxies (e.g. 1) or at most 16 proxy addresses or CIDRs no wider than /8 (IPv4) or /32 (IPv6)',
      },
    )
    .transform((v): number | string[] | false =>
      /^(false|no|0)$/.test(v) ? false : /^\d+$/.test(v) ? Number(v) : v.split(',').map((a) => a.trim()),
    ),
  COOKIE_SECURE: bool.optional(),
  JOBS: bool.default(true),
  /** Days before a deadline when the people who answer for it are reminded. */
  REMINDER_DAYS: z.coerce.number().int().min(0).max(90).default(7),
  /** Build the staff app at start when it is missing or stale (off under `npm run dev`, where Vite serves it). */
  WEB_BUILD: bool.default(true),
  /** Days after closing when a report's content, identity, messages and files are deleted (statistics stay). */
  REPORT_RETENTION_DAYS: z.coerce.number().int().min(1).max(36_500).default(1825),
  /** Receipt sign-ins allowed per address per minute (kept in memory only). */
  RECEIPT_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(10),
  AUTH_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(20),
  /** Bytes that files kept for portal forms returned with an error may take, all drafts together. */
  DRAFT_STORAGE_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(0)
    .default(512 * 1024 * 1024),
  /** An auditor's address that receives the signed audit checkpoints every day (a copy off this machine). */
  AUDIT_CHECKPOINT_EMAIL: z.email().optional(),
  /**
   * Where rate-limit counters live: in the database (shared by every instance; the default on PostgreSQL)
   * or in this process's memory (the default on PGlite, which one process holds).
   */
  RATE_LIMIT_STORE: z.enum(['memory', 'database']).optional(),
  /** Portal report and reply forms sent per address per minute. */
  PORTAL_FORM_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(30),
});

export type Config = ReturnType<typeof toConfig>;

function toConfig(env: z.infer<typeof envSchema>) {
  return {
    env: env.NODE_ENV,
    port: env.PORT,
    host: env.HOST,
    dataDir: resolve(env.DATA_DIR),
    databaseUrl: env.DATABASE_URL,
    databaseReplicaUrl: env.DATABASE_REPLICA_URL,
    databasePoolSize: env.DATABASE_POOL_SIZE,
    publicUrl: env.PUBLIC_URL.replace(/\/$/, ''),
    smtpUrl: env.SMTP_URL,
    mailFrom: env.MAIL_FROM,
    logLevel: env.LOG_LEVEL,
    uploadMaxBytes: env.UPLOAD_MAX_BYTES,
    sessionIdleMinutes: env.SESSION_IDLE_MINUTES,
    sessionAbsoluteHours: env.SESSION_ABSOLUTE_HOURS,
    trustProxy: env.TRUST_PROXY,
    // Secure by default: browsers accept Secure cookies on http://localhost too.
    cookieSecure: env.COOKIE_SECURE ?? true,
    jobs: env.JOBS,
    reminderDays: env.REMINDER_DAYS,
    webBuild: env.WEB_BUILD,
    authRateLimitPerMinute: env.AUTH_RATE_LIMIT_PER_MINUTE,
    reportRetentionDays: env.REPORT_RETENTION_DAYS,
    receiptRateLimitPerMinute: env.RECEIPT_RATE_LIMIT_PER_MINUTE,
    portalFormRateLimitPerMinute: env.PORTAL_FORM_RATE_LIMIT_PER_MINUTE,
    draftStorageMaxBytes: env.DRAFT_STORAGE_MAX_BYTES,
    auditCheckpointEmail: env.AUDIT_CHECKPOINT_EMAIL,
    rateLimitStore: env.RATE_LIMIT_STORE ?? (env.DATABASE_URL ? 'database' : 'memory'),
  };
}

export class ConfigError extends Error {}

/** Reads the environment; the error names the first bad variable and what is wrong, in one line. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = String(issue.path[0] ?? 'environment');
    throw new ConfigError(`Invalid configuration: ${name} ${explain(issue)}`);
  }
  return toConfig(parsed.data);
}

function explain(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_value') return `must be one of ${issue.values.join(', ')}`;
  if (issue.code === 'too_small') return `must be at least ${issue.minimum}`;
  if (issue.code === 'too_big') return `must be at most ${issue.maximum}`;
  if (issue.code === 'invalid_format') return `must be a valid ${issue.format}`;
  if (issue.code === 'invalid_type') return `must be a ${issue.expected}`;
  return issue.message;
}

/** For the CLI and main: print the one line and exit, never a stack trace. */
export function loadConfigOrExit(env: NodeJS.ProcessEnv = process.env): Config {
  try {
    return loadConfig(env);
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\n`);
      process.exit(78);
    }
    throw e;
  }
}
