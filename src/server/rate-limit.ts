import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isIP } from 'node:net';
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import type { DataSource } from 'typeorm';
import { principalRef, type Principal } from '../authorization/principal';
import { AppError, ErrorCode } from '../common/errors';
import type { AppConfig } from '../config';

/**
 * Request rate limits, per client address and per principal, counted in the `rate_limit` table
 * (migration 1795930000000) so every instance on the database shares one count. Fixed windows of a
 * minute (rate-limiter-flexible's Postgres store); over the limit answers 429 with Retry-After.
 */
export const RATE_LIMIT_WINDOW_SECONDS = 60;
export const RATE_LIMIT_TABLE = 'rate_limit';
/** How often expired counters are deleted (any instance may; the table only holds the last windows). */
const CLEAN_UP_EVERY_MS = 5 * 60_000;

type RateLimitConfig = AppConfig['rateLimit'];

/** The coded answer, the same from the HTTP front (address) and from Apollo (principal). */
function refusal(seconds: number) {
  return {
    message: `Too many requests; try again in ${seconds} seconds.`,
    extensions: { code: ErrorCode.RATE_LIMITED, retryAfterSeconds: seconds },
  };
}

function rateLimited(seconds: number): AppError {
  const { message, extensions } = refusal(seconds);
  return new AppError(ErrorCode.RATE_LIMITED, message, {
    retryAfterSeconds: extensions.retryAfterSeconds,
    http: { status: 429, headers: new Map([['retry-after', String(seconds)]]) },
  });
}

/**
 * The store's client: the app's own pg pool (TypeORM's), read when a query runs so a pool replaced or
 * closed is never held. Statements go unnamed: the embedded database (PGlite) is one backend behind
 * every connection, so a statement the library names and prepares on one connection "already exists"
 * on the next.
 */
function storeClient(dataSource: DataSource) {
  return {
    query({ text, values }: { text: string; values?: unknown[] }) {
      const pool = (dataSource.driver as unknown as { master?: Pool }).master;
      if (!pool) return Promise.reject(new Error('rate limit store: the database is not connected'));
      return pool.query(text, values);
    },
  };
}

type StoreClient = ReturnType<typeof storeClient>;

/** Logs once when the shared store starts failing and once when it works again. */
class StoreHealth {
  private failing = false;
  constructor(private readonly logger: Logger) {}

  failed(error: unknown): void {
    if (this.failing) return;
    this.failing = true;
    // The class and SQLSTATE only: a driver error may quote the statement's values.
    const { name, code } = (error ?? {}) as { name?: unknown; code?: unknown };
    this.logger.error({ err: { name, code } }, 'rate limit store failing: limits counted per instance until it works again');
  }

  worked(): void {
    if (!this.failing) return;
    this.failing = false;
    this.logger.warn('rate limit store works again');
  }
}

const secondsOf = (res: RateLimiterRes) => Math.max(1, Math.ceil(res.msBeforeNext / 1000));

/**
 * One limit: the shared count in Postgres; over it, the key is also blocked in this instance's memory
 * until the window ends, so a flood costs no query. If the store fails we do not answer 503: requests
 * that need the database get 503 from it anyway, and a limiter-only fault must not stop the API. The
 * limit is then counted in memory per instance instead (instances x limit), never switched off.
 */
class Limit {
  private readonly store: RateLimiterPostgres;
  private readonly fallback: RateLimiterMemory;

  constructor(readonly name: 'address' | 'principal', private readonly points: number, client: StoreClient,
    private readonly health: StoreHealth, private readonly logger: Logger) {
    const options = { points, duration: RATE_LIMIT_WINDOW_SECONDS, keyPrefix: name };
    this.store = new RateLimiterPostgres({
      ...options,
      storeClient: client,
      storeType: 'pool',
      tableName: RATE_LIMIT_TABLE,
      tableCreated: true,
      clearExpiredByTimeout: false,
      inMemoryBlockOnConsumed: points + 1,
    });
    this.fallback = new RateLimiterMemory(options);
  }

  /** Seconds the key must wait, or null when this request is within its limit. */
  async consume(key: string): Promise<number | null> {
    try {
      await this.store.consume(key);
      this.health.worked();
      return null;
    } catch (error) {
      if (error instanceof RateLimiterRes) {
        // One line per key and window: the request that crossed the limit, on whichever instance.
        if (error.consumedPoints === this.points + 1) this.logger.warn({ rateLimit: this.name, key }, 'rate limit reached');
        return secondsOf(error);
      }
      this.health.failed(error);
    }
    try {
      await this.fallback.consume(key);
      return null;
    } catch (error) {
      if (error instanceof RateLimiterRes) return secondsOf(error);
      throw error;
    }
  }
}

/**
 * The caller's address. Behind our own proxies (TRUST_PROXY = how many), each appended the address it
 * was called from to X-Forwarded-For, so the client is that many places from the right of
 * [...X-Forwarded-For, socket peer]; what lies further left the client wrote itself. Without trusted
 * proxies the header is ignored: anyone can send one.
 */
export function clientAddress(req: IncomingMessage, trustedProxies: number): string {
  const peer = req.socket.remoteAddress ?? 'unknown';
  if (trustedProxies === 0) return normalisedAddress(peer);
  const header = req.headers['x-forwarded-for'];
  const forwarded = (Array.isArray(header) ? header.join(',') : header ?? '').split(',').map((part) => part.trim()).filter(Boolean);
  const chain = [...forwarded, peer];
  const candidate = withoutPort(chain[Math.max(chain.length - 1 - trustedProxies, 0)]);
  return normalisedAddress(isIP(candidate) ? candidate : peer);
}

/** `1.2.3.4:5678` and `[2001:db8::1]:443` (some proxies add the port) to the bare address. */
function withoutPort(entry: string): string {
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(entry);
  if (bracketed) return bracketed[1];
  const v4 = /^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/.exec(entry);
  return v4 ? v4[1] : entry;
}

/**
 * IPv4 as it is (also when mapped into IPv6); IPv6 by its /64, the block one subscriber gets, or a
 * client would take a fresh address from it for every request.
 */
export function normalisedAddress(address: string): string {
  const bare = address.replace(/%.*$/, '').toLowerCase();
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(bare);
  if (mapped) return mapped[1];
  if (isIP(bare) !== 6) return bare;
  const [head, tail] = bare.split('::');
  const groupsOf = (part: string | undefined) => (part ? part.split(':').flatMap((group) => (group.includes('.') ? ['0', '0'] : [group])) : []);
  const left = groupsOf(head);
  const right = tail === undefined ? [] : groupsOf(tail);
  const groups = tail === undefined ? left : [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  return `${groups.slice(0, 4).map((group) => parseInt(group, 16).toString(16)).join(':')}::/64`;
}

/** Addresses are stored and logged as a digest (pseudonymous: the count needs no address). */
const addressKey = (address: string) => createHash('sha256').update(address).digest('base64url').slice(0, 22);

export interface RateLimits {
  /** Consumes the address's point before the body is read; when over the limit, answers 429 and says true. */
  refuseAddress(req: IncomingMessage, res: ServerResponse): Promise<boolean>;
  /** Consumes the principal's point before anything executes; throws RATE_LIMITED (429) when over the limit. */
  checkPrincipal(principal: Principal): Promise<void>;
  close(): void;
}

export function createRateLimits(dataSource: DataSource, config: RateLimitConfig, logger: Logger): RateLimits {
  const client = storeClient(dataSource);
  const health = new StoreHealth(logger);
  const limit = (name: 'address' | 'principal', points: number) => (points > 0 ? new Limit(name, points, client, health, logger) : undefined);
  const byAddress = limit('address', config.perAddressPerMinute);
  const byPrincipal = limit('principal', config.perPrincipalPerMinute);
  // A counter past its window is reset by its next request anyway; this only keeps the table small.
  const clearExpired = () => client.query({ text: `DELETE FROM "${RATE_LIMIT_TABLE}" WHERE expire < $1`, values: [Date.now()] }).catch(() => undefined);
  const cleanUp = byAddress || byPrincipal ? setInterval(() => void clearExpired(), CLEAN_UP_EVERY_MS).unref() : undefined;
  return {
    async refuseAddress(req, res) {
      if (!byAddress) return false;
      const seconds = await byAddress.consume(addressKey(clientAddress(req, config.trustedProxies)));
      if (seconds === null) return false;
      res.writeHead(429, { 'content-type': 'application/json; charset=utf-8', 'retry-after': String(seconds) });
      res.end(JSON.stringify({ errors: [refusal(seconds)] }));
      return true;
    },
    async checkPrincipal(principal) {
      const seconds = byPrincipal ? await byPrincipal.consume(principalRef(principal)) : null;
      if (seconds !== null) throw rateLimited(seconds);
    },
    close() {
      clearInterval(cleanUp);
    },
  };
}
