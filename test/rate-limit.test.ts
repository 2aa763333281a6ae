import { Writable } from 'node:stream';
import type { DataSource } from 'typeorm';
import { loadConfig } from '../src/config';
import { createDataSource } from '../src/database/data-source';
import { ENTITIES, SUBSCRIBERS } from '../src/modules/entities';
import { clientAddress, normalisedAddress, RATE_LIMIT_WINDOW_SECONDS } from '../src/server/rate-limit';
import { startApp, type App } from '../src/server/http-server';
import { createLogger } from '../src/server/logger';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * Rate limits per principal and per address, counted in Postgres so they hold across instances:
 * over the limit is a coded 429 with Retry-After, another caller is still served, and the count starts
 * again with the next window. The test app runs without limits; each app here sets its own, low.
 */

let t: TestApp;
const apps: App[] = [];
const logLines: string[] = [];
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await Promise.all(apps.map((app) => app.close()));
  await t?.close();
});
beforeEach(async () => {
  // Every app here counts 127.0.0.1 and the same demo staff in one table: start each test from none.
  await t.dataSource.query('DELETE FROM rate_limit');
  logLines.length = 0;
});
afterEach(() => jest.useRealTimers());

/** Another instance of the API with its own limits, on the test's database or on another connection pool. */
async function instance(env: NodeJS.ProcessEnv, dataSource: DataSource = t.dataSource): Promise<App> {
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'info', ...env });
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logLines.push(String(chunk));
      done();
    },
  });
  const app = await startApp({ config, dataSource, clock: t.clock, logger: createLogger(config, sink) }, 0);
  apps.push(app);
  return app;
}

const ME = '{ me { staff { staffNumber } } }';

async function call(app: App, options: { staff?: string; headers?: Record<string, string> } = {}) {
  const response = await fetch(`${app.url}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(options.staff ? { authorization: `Bearer ${t.tokenFor(options.staff)}` } : {}),
      ...options.headers,
    },
    body: JSON.stringify({ query: ME }),
  });
  const body = (await response.json()) as { errors?: { message: string; extensions?: Record<string, unknown> }[] };
  return { status: response.status, retryAfter: response.headers.get('retry-after'), code: body.errors?.[0]?.extensions?.code ?? 'OK', body };
}

const statuses = async (count: number, send: () => ReturnType<typeof call>) => {
  const seen: number[] = [];
  for (let i = 0; i < count; i++) seen.push((await send()).status);
  return seen;
};

/** Moves the wall clock the limiter reads (Date only: timers, sockets and the app's own clock run as usual). */
function moveWallClock(seconds: number) {
  const now = Date.now();
  jest.useFakeTimers({
    doNotFake: ['hrtime', 'nextTick', 'performance', 'queueMicrotask', 'requestAnimationFrame', 'cancelAnimationFrame',
      'requestIdleCallback', 'cancelIdleCallback', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'],
    now: now + seconds * 1000,
  });
}

describe('per principal', () => {
  it('over the limit one member of staff gets a coded 429 with Retry-After while another is still served', async () => {
    const app = await instance({ RATE_LIMIT_PRINCIPAL_PER_MINUTE: '3' });
    expect(await statuses(3, () => call(app, { staff: 'CW1002' }))).toEqual([200, 200, 200]);
    const refused = await call(app, { staff: 'CW1002' });
    expect(refused).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
    expect(Number(refused.retryAfter)).toBeGreaterThanOrEqual(1);
    expect(Number(refused.retryAfter)).toBeLessThanOrEqual(RATE_LIMIT_WINDOW_SECONDS);
    expect(refused.body.errors?.[0].extensions?.retryAfterSeconds).toBe(Number(refused.retryAfter));
    // Again refused (from this instance's memory now), and another principal is unaffected.
    expect((await call(app, { staff: 'CW1002' })).status).toBe(429);
    expect(await call(app, { staff: 'TL1001' })).toMatchObject({ status: 200, code: 'OK' });
    // Counted by the staff member's id, never the token; one log line when the limit is reached.
    const [staff] = await t.dataSource.query(`SELECT id FROM staff WHERE staff_number = 'CW1002'`);
    const keys = (await t.dataSource.query('SELECT key, points FROM rate_limit ORDER BY key')) as { key: string; points: number }[];
    expect(keys.map((row) => row.key)).toContain(`principal:staff:${staff.id}`);
    expect(JSON.stringify(keys)).not.toContain(t.tokenFor('CW1002').split('.')[1]);
    expect(logLines.filter((line) => line.includes('rate limit reached'))).toHaveLength(1);
  });

  it('a self-service client is limited by contact id the same way', async () => {
    const app = await instance({ RATE_LIMIT_PRINCIPAL_PER_MINUTE: '2' });
    const [contact] = await t.dataSource.query(`SELECT id FROM contact WHERE scin = 'SC0000001'`);
    const asClient = () => fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${t.tokenFor(contact.id, 'client')}` },
      body: JSON.stringify({ query: '{ __typename }' }),
    }).then((response) => response.status);
    expect([await asClient(), await asClient(), await asClient()]).toEqual([200, 200, 429]);
    expect((await t.dataSource.query('SELECT key FROM rate_limit')).map((row: { key: string }) => row.key)).toEqual([`principal:client:${contact.id}`]);
  });

  it('the limit holds across two instances on one database: the count is shared, not per instance', async () => {
    const url = (t.dataSource.options as { url: string }).url;
    const second = createDataSource({ url, entities: ENTITIES, subscribers: SUBSCRIBERS, poolSize: 2 });
    await second.initialize();
    try {
      const [a, b] = [await instance({ RATE_LIMIT_PRINCIPAL_PER_MINUTE: '4' }), await instance({ RATE_LIMIT_PRINCIPAL_PER_MINUTE: '4' }, second)];
      const seen = [];
      for (const app of [a, b, a, b]) seen.push((await call(app, { staff: 'CW1002' })).status);
      expect(seen).toEqual([200, 200, 200, 200]);
      // The fifth request is over the limit on either instance, though each has served only two.
      expect((await call(b, { staff: 'CW1002' })).status).toBe(429);
      expect((await call(a, { staff: 'CW1002' })).status).toBe(429);
    } finally {
      await Promise.all(apps.splice(-2).map((app) => app.close()));
      await second.destroy();
    }
  });

  it('the count starts again with the next window', async () => {
    const app = await instance({ RATE_LIMIT_PRINCIPAL_PER_MINUTE: '2' });
    expect(await statuses(3, () => call(app, { staff: 'CW1002' }))).toEqual([200, 200, 429]);
    moveWallClock(RATE_LIMIT_WINDOW_SECONDS - 2);
    expect((await call(app, { staff: 'CW1002' })).status).toBe(429);
    moveWallClock(RATE_LIMIT_WINDOW_SECONDS + 1);
    expect(await statuses(3, () => call(app, { staff: 'CW1002' }))).toEqual([200, 200, 429]);
  });
});

describe('per address', () => {
  it('anonymous callers from one address get 429 with Retry-After before their request is read; the limit resets', async () => {
    const app = await instance({ RATE_LIMIT_ADDRESS_PER_MINUTE: '3' });
    expect(await statuses(3, () => call(app))).toEqual([401, 401, 401]);
    const refused = await call(app);
    expect(refused).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
    expect(Number(refused.retryAfter)).toBeGreaterThanOrEqual(1);
    // Signed-in requests from the same address count too: the address limit is the flood guard.
    expect((await call(app, { staff: 'CW1002' })).status).toBe(429);
    // The address is stored as a digest, never as it is.
    expect(JSON.stringify(await t.dataSource.query('SELECT key FROM rate_limit'))).not.toContain('127.0.0.1');
    moveWallClock(RATE_LIMIT_WINDOW_SECONDS + 1);
    expect((await call(app)).status).toBe(401);
  });

  it('X-Forwarded-For is ignored unless TRUST_PROXY says how many proxies of ours add to it', async () => {
    const direct = await instance({ RATE_LIMIT_ADDRESS_PER_MINUTE: '2' });
    const forged = (i: number) => call(direct, { headers: { 'x-forwarded-for': `198.51.100.${i}` } });
    expect([(await forged(1)).status, (await forged(2)).status, (await forged(3)).status]).toEqual([401, 401, 429]);

    await t.dataSource.query('DELETE FROM rate_limit');
    const proxied = await instance({ RATE_LIMIT_ADDRESS_PER_MINUTE: '2', TRUST_PROXY: '1' });
    // Our proxy appends the address it saw; whatever the client wrote to the left does not count.
    const via = (client: string, written = '') => call(proxied, { headers: { 'x-forwarded-for': `${written}${client}` } }).then((res) => res.status);
    expect([await via('203.0.113.7'), await via('203.0.113.7', '10.0.0.1, '), await via('203.0.113.7', '10.0.0.2, ')]).toEqual([401, 401, 429]);
    expect(await via('203.0.113.8')).toBe(401);
  });

  it('the client address: the peer unless proxies are trusted, IPv4-mapped as IPv4, IPv6 by its /64', () => {
    const request = (peer: string, forwarded?: string) =>
      ({ socket: { remoteAddress: peer }, headers: forwarded ? { 'x-forwarded-for': forwarded } : {} }) as never;
    expect(clientAddress(request('::ffff:10.1.2.3', '1.1.1.1'), 0)).toBe('10.1.2.3');
    expect(clientAddress(request('10.0.0.9', '1.1.1.1, 203.0.113.5:5000'), 1)).toBe('203.0.113.5');
    expect(clientAddress(request('10.0.0.9', '1.1.1.1, 203.0.113.5, 10.0.0.8'), 2)).toBe('203.0.113.5');
    expect(clientAddress(request('10.0.0.9', 'not-an-address'), 1)).toBe('10.0.0.9');
    expect(clientAddress(request('10.0.0.9', '[2001:db8:1:2:3::9]:443'), 1)).toBe('2001:db8:1:2::/64');
    expect(normalisedAddress('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(normalisedAddress('2001:0db8:0000:0001:aaaa:bbbb:cccc:dddd')).toBe('2001:db8:0:1::/64');
    expect(normalisedAddress('::1')).toBe('0:0:0:0::/64');
  });
});

describe('configuration', () => {
  it('on by default outside tests, off in tests, 0 turns a limit off, TRUST_PROXY a small count', () => {
    expect(loadConfig({}).rateLimit).toEqual({ perAddressPerMinute: 1200, perPrincipalPerMinute: 300, trustedProxies: 0 });
    expect(loadConfig({ NODE_ENV: 'test' }).rateLimit).toEqual({ perAddressPerMinute: 0, perPrincipalPerMinute: 0, trustedProxies: 0 });
    expect(loadConfig({ RATE_LIMIT_PRINCIPAL_PER_MINUTE: '0', TRUST_PROXY: '2' }).rateLimit).toEqual({ perAddressPerMinute: 1200, perPrincipalPerMinute: 0, trustedProxies: 2 });
    expect(() => loadConfig({ TRUST_PROXY: 'yes', RATE_LIMIT_ADDRESS_PER_MINUTE: '-5' })).toThrow(/RATE_LIMIT_ADDRESS_PER_MINUTE must be.*\n - TRUST_PROXY must be/s);
  });
});

describe('when the shared store fails', () => {
  it('limits are counted per instance instead (no 500, no 503 of its own), logged once, and shared again when it works', async () => {
    const app = await instance({ RATE_LIMIT_PRINCIPAL_PER_MINUTE: '2' });
    await t.dataSource.query('ALTER TABLE rate_limit RENAME TO rate_limit_away');
    try {
      expect(await statuses(3, () => call(app, { staff: 'CW1002' }))).toEqual([200, 200, 429]);
      expect(logLines.filter((line) => line.includes('rate limit store failing'))).toHaveLength(1);
      expect(logLines.join('')).not.toContain('CW1002');
    } finally {
      await t.dataSource.query('ALTER TABLE rate_limit_away RENAME TO rate_limit');
    }
    expect((await call(app, { staff: 'TL1001' })).status).toBe(200);
    expect(logLines.filter((line) => line.includes('rate limit store works again'))).toHaveLength(1);
    expect(await t.dataSource.query('SELECT count(*)::int AS n FROM rate_limit')).toEqual([{ n: 1 }]);
  });
});
