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
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

export const isProduction = (config: AppConfig) => config.nodeEnv === 'production';
