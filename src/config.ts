/**
 * One validated configuration, read from environment variables once at start-up.
 * Every problem is collected, so a bad deployment fails with one message naming all of them.
 */
export const DEVELOPMENT_JWT_SECRET = 'development-only-secret-do-not-use-in-production';

import { createHash } from 'node:crypto';

/** Development-only key for encrypting PIN digits; production must configure its own. */
const DEVELOPMENT_SECRETS_KEY = createHash('sha256').update('development-only-secrets-key').digest();

export type NodeEnv = 'development' | 'test' | 'production';
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface AppConfig {
  nodeEnv: NodeEnv;
  port: number;
  /** Postgres URL; absent means the embedded database (PGlite). */
  databaseUrl?: string;
  /** Folder of the embedded database, or 'memory' for a throw-away one. */
  embeddedDataDir: string;
  jwt: {
    /** HS256 shared secret (secret). Either this or publicKey. */
    secret?: string;
    /** RS256 public key, PEM (not secret). */
    publicKey?: string;
    issuer: string;
    audience: string;
    /** Longest lifetime (exp - iat) a token may claim, in seconds: a token minted for longer is refused. */
    maxLifetimeSeconds: number;
  };
  logLevel: LogLevel;
  /** Origins of browser apps allowed to call the API (CORS), exact `scheme://host[:port]`. */
  corsOrigins: string[];
  /** Longest an FLLS may grant temporary access for, in hours. */
  maxGrantHours: number;
  /** Secret: 32-byte AES key for values that must be read back in part (PIN digits, SEC-3/SEC-4). */
  secretsKey: Buffer;
  /** scrypt cost of new password and answer hashes, as log2(N): 17 (128 MiB, OWASP) or more in production. */
  secretsHashCost: number;
  /** The job runner (src/jobs): scheduled sweeps and batches on a Postgres-backed queue (pg-boss). */
  jobs: {
    /** RUN_WORKER: run it inside the API process (`npm start`); default on in development only. */
    inProcess: boolean;
    /** LETTER_BATCH_CRON: when the end-of-day letter batch runs (5-field cron, in `timezone`). */
    letterBatchCron: string;
    /** JOBS_TIMEZONE: IANA zone the cron schedules are read in. */
    timezone: string;
    /** JOBS_POLL_SECONDS: how often an idle worker looks for work. */
    pollSeconds: number;
    /** JOBS_RETRY_LIMIT and JOBS_RETRY_DELAY_SECONDS: a failed run is retried, the delay doubling each time. */
    retryLimit: number;
    retryDelaySeconds: number;
  };
  /** TAR-10: hours a request may wait at one stage before it is escalated, then expires. */
  accessStage: { escalateHours: number; expireHours: number };
  /**
   * Who may read /metrics. `token` (secret, METRICS_TOKEN): a bearer secret the scraper sends. Without
   * one, /metrics is open in development and test and off (404) in production.
   */
  metrics: { enabled: boolean; token?: string };
  /** OpenTelemetry traces, exported by OTLP/HTTP when the standard OTEL_EXPORTER_OTLP_(TRACES_)ENDPOINT is set. */
  tracing: { enabled: boolean };
  /**
   * Requests a minute (src/server/rate-limit.ts), counted in the database so they hold across instances;
   * 0 turns a limit off (the default in tests). RATE_LIMIT_ADDRESS_PER_MINUTE: every /graphql request
   * of one client address, signed in or not (size it for an office behind one NAT address).
   * RATE_LIMIT_PRINCIPAL_PER_MINUTE: one member of staff or client. TRUST_PROXY: how many proxies of
   * ours append to X-Forwarded-For in front of the API; 0 ignores the header (a client could forge it).
   */
  rateLimit: { perAddressPerMinute: number; perPrincipalPerMinute: number; trustedProxies: number };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n - ${problems.join('\n - ')}`);
    this.name = 'ConfigError';
  }
}

const NODE_ENVS: NodeEnv[] = ['development', 'test', 'production'];
const LOG_LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const problems: string[] = [];
  const text = (name: string) => {
    const value = env[name]?.trim();
    return value ? value : undefined;
  };
  const oneOf = <T extends string>(name: string, allowed: T[], fallback: T): T => {
    const value = text(name) ?? fallback;
    if (!allowed.includes(value as T)) problems.push(`${name} must be one of ${allowed.join(', ')} (got "${value}")`);
    return value as T;
  };
  const integer = (name: string, fallback: number, min: number, max: number): number => {
    const raw = text(name);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${name} must be an integer from ${min} to ${max} (got "${raw}")`);
    }
    return value;
  };

  const nodeEnv = oneOf('NODE_ENV', NODE_ENVS, 'development');
  const production = nodeEnv === 'production';
  const port = integer('PORT', 4000, 0, 65535);
  const databaseUrl = text('DATABASE_URL');
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    problems.push('DATABASE_URL must be a postgres:// or postgresql:// URL');
  }
  if (production && !databaseUrl) {
    problems.push('DATABASE_URL is required in production (the embedded database is for development and tests)');
  }
  const publicKey = text('JWT_PUBLIC_KEY');
  let secret = text('JWT_SECRET');
  if (!secret && !publicKey) {
    if (production) problems.push('JWT_SECRET or JWT_PUBLIC_KEY is required in production');
    else secret = DEVELOPMENT_JWT_SECRET;
  }
  if (secret && publicKey) problems.push('set only one of JWT_SECRET and JWT_PUBLIC_KEY');
  if (production && secret === DEVELOPMENT_JWT_SECRET) {
    problems.push('JWT_SECRET must not be the development secret in production');
  }
  if (secret && secret.length < 32) problems.push('JWT_SECRET must be at least 32 characters');
  if (publicKey && !publicKey.includes('BEGIN PUBLIC KEY')) problems.push('JWT_PUBLIC_KEY must be a PEM public key');

  const rawKey = text('SECRETS_ENCRYPTION_KEY');
  let secretsKey = DEVELOPMENT_SECRETS_KEY;
  if (rawKey) {
    secretsKey = Buffer.from(rawKey, 'base64');
    if (secretsKey.length !== 32) problems.push('SECRETS_ENCRYPTION_KEY must be 32 bytes, base64-encoded');
  } else if (production) {
    problems.push('SECRETS_ENCRYPTION_KEY is required in production');
  }

  // Each hash records its own cost, so a later raise only affects new hashes. Tests hash hundreds
  // of values: they use the cheapest cost unless told otherwise.
  // OWASP: scrypt N >= 2^17 (r = 8, p = 1).
  const secretsHashCost = integer('SECRETS_HASH_COST', nodeEnv === 'test' ? 10 : 17, 10, 20);
  if (production && secretsHashCost < 17) problems.push('SECRETS_HASH_COST must be at least 17 in production (OWASP: scrypt N >= 2^17)');

  // npm start runs the jobs in the API process for development; production runs `npm run worker` apart.
  const runWorker = oneOf('RUN_WORKER', ['true', 'false'], nodeEnv === 'development' ? 'true' : 'false') === 'true';
  const letterBatchCron = text('LETTER_BATCH_CRON') ?? '0 18 * * *';
  if (!/^\S+( \S+){4}$/.test(letterBatchCron)) problems.push(`LETTER_BATCH_CRON must be a 5-field cron expression (got "${letterBatchCron}")`);
  const timezone = text('JOBS_TIMEZONE') ?? 'Europe/London';
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: timezone });
  } catch {
    problems.push(`JOBS_TIMEZONE must be an IANA time zone such as Europe/London (got "${timezone}")`);
  }
  const escalateHours = integer('ACCESS_STAGE_ESCALATE_HOURS', 24, 1, 24 * 31);
  const expireHours = integer('ACCESS_STAGE_EXPIRE_HOURS', 72, 1, 24 * 62);
  if (expireHours <= escalateHours) problems.push('ACCESS_STAGE_EXPIRE_HOURS must be more than ACCESS_STAGE_ESCALATE_HOURS (a request is escalated before it expires)');

  // The scraper's secret travels as a bearer token, so it must be one (RFC 6750 token68).
  const metricsToken = text('METRICS_TOKEN');
  if (metricsToken && !/^[A-Za-z0-9._~+/=-]{32,}$/.test(metricsToken)) {
    problems.push('METRICS_TOKEN must be at least 32 characters of A-Z a-z 0-9 . _ ~ + / = -');
  }
  // The exporter reads the OTEL_* variables itself; here they only decide whether tracing is on.
  const otlpEndpoint = text('OTEL_EXPORTER_OTLP_TRACES_ENDPOINT') ?? text('OTEL_EXPORTER_OTLP_ENDPOINT');
  if (otlpEndpoint && !/^https?:\/\/[^\s]+$/.test(otlpEndpoint)) problems.push('OTEL_EXPORTER_OTLP_ENDPOINT must be an http:// or https:// URL');
  const tracingEnabled = Boolean(otlpEndpoint) && text('OTEL_SDK_DISABLED')?.toLowerCase() !== 'true';

  const corsOrigins = (text('CORS_ORIGINS') ?? '').split(',').map((origin) => origin.trim()).filter(Boolean);
  for (const origin of corsOrigins) {
    let valid = false;
    try {
      valid = new URL(origin).origin === origin;
    } catch {
      // reported below
    }
    if (!valid) problems.push(`CORS_ORIGINS must list origins like https://app.example.org (got "${origin}")`);
  }

  const config: AppConfig = {
    nodeEnv,
    port,
    databaseUrl,
    embeddedDataDir: text('EMBEDDED_DATA_DIR') ?? (nodeEnv === 'test' ? 'memory' : '.data'),
    jwt: {
      secret,
      publicKey,
      issuer: text('JWT_ISSUER') ?? 'cmg-backoffice',
      audience: text('JWT_AUDIENCE') ?? 'cmg-backoffice-api',
      maxLifetimeSeconds: integer('JWT_MAX_LIFETIME_SECONDS', 12 * 3600, 60, 7 * 24 * 3600),
    },
    logLevel: oneOf('LOG_LEVEL', LOG_LEVELS, nodeEnv === 'test' ? 'silent' : 'info'),
    corsOrigins,
    maxGrantHours: integer('MAX_GRANT_HOURS', 72, 1, 24 * 31),
    secretsKey,
    secretsHashCost,
    jobs: {
      inProcess: runWorker,
      letterBatchCron,
      timezone,
      pollSeconds: integer('JOBS_POLL_SECONDS', 5, 1, 300),
      retryLimit: integer('JOBS_RETRY_LIMIT', 5, 0, 100),
      retryDelaySeconds: integer('JOBS_RETRY_DELAY_SECONDS', 30, 0, 3600),
    },
    accessStage: { escalateHours, expireHours },
    metrics: { enabled: Boolean(metricsToken) || !production, token: metricsToken },
    tracing: { enabled: tracingEnabled },
    rateLimit: {
      perAddressPerMinute: integer('RATE_LIMIT_ADDRESS_PER_MINUTE', nodeEnv === 'test' ? 0 : 1200, 0, 1_000_000),
      perPrincipalPerMinute: integer('RATE_LIMIT_PRINCIPAL_PER_MINUTE', nodeEnv === 'test' ? 0 : 300, 0, 1_000_000),
      trustedProxies: integer('TRUST_PROXY', 0, 0, 10),
    },
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

export const isProduction = (config: AppConfig) => config.nodeEnv === 'production';

/** For a process starting up (the API, the worker): the configuration, or its one message and exit 1. */
export function loadConfigOrExit(env: NodeJS.ProcessEnv = process.env): AppConfig {
  try {
    return loadConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    return process.exit(1);
  }
}
