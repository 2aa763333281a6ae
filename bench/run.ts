/**
 * Load benchmark of the GraphQL API against its floor, on a real Postgres (issue 11 point 5).
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench
 *
 * Creates a throw-away database on that server, migrates and seeds it, then starts in child
 * processes of their own: the API (serve-api.ts), the floor (floor-server.ts: node:http + pg doing
 * the same JWT, principal and SQL work) and, for every round, the load generator (load.ts,
 * autocannon). Both servers run as in production (NODE_ENV=production, secrets of their own).
 * Per request kind it checks both servers answer the same right JSON, captures the API's SQL and
 * its query plans, then measures interleaved rounds (API, floor; floor, API ...) and the raw-pg
 * replay of the API's SQL, and writes docs/benchmarks.md.
 *
 * Growth (issue 11 point 4): at each smaller size of the growth list (by default 10,000 contacts)
 * a database of its own is seeded and an API process of its own started, and its rounds are
 * interleaved with the others (API, floor, API at 10k; floor, API at 10k, API ...), so the report
 * can set p50 and p99 at the full size against the small one under the same machine load.
 *
 *   npm run bench -- --contacts 1000000              full comparison at 1M, growth from 10k
 *   npm run bench -- --growth 10000,100000,1000000   the same with a middle size
 *
 * Tunables: BENCH_DURATION (s per round, 10), BENCH_WARMUP (s, 2), BENCH_ROUNDS (2),
 * BENCH_CONNECTIONS (32), BENCH_CONTACTS (100000, when --contacts is not given), BENCH_GROWTH.
 */
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { signAccessToken } from '../src/auth/jwt';
import { loadConfig } from '../src/config';
import { startServer, type ServerChild } from './children';
import { createBenchDatabase, type BenchDatabase } from './database';
import { compileForChildren } from './compile';
import { byIdSql, contactRule, COUNTERS_SQL, countSql, grantedCountSql, listSql, normaliseSql } from './floor-sql';
import { figuresOf, measureRawPg, measureServer, type Figures, type Round } from './measure';
import { explainStatements } from './plans';
import { memoryOf } from './proc';
import { aims, renderReport, summary, type GrowthRun, type KindResult } from './report';
import { checkSameAnswer, post, requestKinds, type RequestKind } from './requests';
import type { Statement } from './serve-api';
import * as S from './settings';

const { log } = S;

/** The contact statements the floor runs for a caseworker (no grants), to compare with the API's. */
function floorStatements(request: RequestKind, countersKept: boolean): string[] {
  const rule = contactRule('CASEWORKER', []);
  if (request.key === 'byId') return [byIdSql(rule)];
  return request.key === 'count' ? [listSql(rule, 21), countersKept ? COUNTERS_SQL : countSql(rule)] : [listSql(rule, 21)];
}

/**
 * The servers' environment: production, as deployed (graphql-js without its development checks,
 * no introspection, no IDE, errors without hints), with secrets made up for this run only. Rate
 * limits off: one principal at thousands of requests a second is the load here, not an abuse.
 */
function serverEnv(databaseUrl: string): NodeJS.ProcessEnv {
  return {
    ...process.env, NODE_ENV: 'production', DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent', RUN_WORKER: 'false',
    JWT_SECRET: randomBytes(32).toString('base64url'), SECRETS_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    RATE_LIMIT_ADDRESS_PER_MINUTE: '0', RATE_LIMIT_PRINCIPAL_PER_MINUTE: '0', BENCH_POOL_MAX: String(S.POOL_MAX),
  };
}

/**
 * The contact statements for a caseworker with a live grant to a sensitive contact, a shape the
 * bench's caseworker (no grants) does not send: the floor's SQL for it, to check its plans too.
 */
function grantedStatements(request: RequestKind, targetId: string, sensitiveId: string): Statement[] {
  const rule = contactRule('CASEWORKER', [sensitiveId]);
  if (request.key === 'byId') return [{ sql: byIdSql(rule), parameters: [...rule.parameters, [targetId]] }];
  const list = { sql: listSql(rule, 21), parameters: rule.parameters };
  return request.key === 'count' ? [list, { sql: grantedCountSql(true), parameters: [[sensitiveId]] }] : [list];
}
const GRANTED_LABEL = 'A caseworker with a live grant to a sensitive contact (the floor\'s SQL for that shape)';

/** The API's SQL for one request, as the API sent it: the principal's statement first. */
async function captureStatements(api: ServerChild, token: string, request: RequestKind): Promise<Statement[]> {
  await api.ask('captureStart');
  await post(api.url, token, request.body);
  return api.ask<Statement[]>('captureStop');
}

/**
 * Growth: the API at a smaller size, in a database and a process of its own, alive during the
 * whole run so that its rounds interleave with the full comparison's (API, floor, API at the
 * smaller size ...) and a neighbour's load falls on both sizes alike.
 */
interface GrowthServer {
  contacts: number;
  db: BenchDatabase;
  api: ServerChild;
  token: string;
  kinds: RequestKind[];
  verify: Awaited<ReturnType<typeof requestKinds>>['verify'];
  rounds: Partial<Record<RequestKind['key'], Round[]>>;
  plans: GrowthRun['plans'];
}

async function startGrowthServer(adminUrl: string, contacts: number): Promise<GrowthServer> {
  const db = await createBenchDatabase(adminUrl, contacts);
  const { kinds, verify } = await requestKinds(db.url);
  const env = serverEnv(db.url);
  const api = await startServer(`API at ${S.fmtInt(contacts)}`, 'serve-api.ts', env);
  const token = signAccessToken(loadConfig(env).jwt, { subject: S.CASEWORKER, principalType: 'staff' });
  return { contacts, db, api, token, kinds, verify, rounds: {}, plans: {} };
}

async function main(): Promise<number> {
  const started = performance.now();
  const adminUrl = process.env.DATABASE_URL?.trim();
  if (!adminUrl) {
    console.error('DATABASE_URL is not set. The benchmark needs a real Postgres server (it creates and drops its own database):\n\n' +
      '  DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench\n');
    return 1;
  }
  const t = performance.now();
  log(`transpiled ${compileForChildren()} files for the child processes in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  log(`full comparison at ${S.fmtInt(S.CONTACTS)} contacts` +
    (S.GROWTH_SIZES.length > 0 ? `; growth: the API at ${S.GROWTH_SIZES.map(S.fmtInt).join(', ')} contacts too` : ''));
  const loadBefore = os.loadavg().map((value) => value.toFixed(2)).join(' / ');
  const small: GrowthServer[] = [];
  for (const size of S.GROWTH_SIZES) small.push(await startGrowthServer(adminUrl, size));

  const db = await createBenchDatabase(adminUrl, S.CONTACTS);
  const { kinds, verify, targetId, sensitiveId } = await requestKinds(db.url);
  const env = serverEnv(db.url);
  const api = await startServer('API', 'serve-api.ts', env);
  const floor = await startServer('floor', 'floor-server.ts', env);
  const countersKept = await floor.ask<boolean>('countersKept');
  const startMemory = { api: memoryOf(api.pid), floor: memoryOf(floor.pid) };
  log(`API pid ${api.pid} on ${api.url}; floor pid ${floor.pid} on ${floor.url}`);
  const token = signAccessToken(loadConfig(env).jwt, { subject: S.CASEWORKER, principalType: 'staff' });

  const results: KindResult[] = [];
  for (const request of kinds) {
    log(`${request.title}: checking both servers`);
    checkSameAnswer(request, await verify(api.url, token, request), await verify(floor.url, token, request));
    const statements = await captureStatements(api, token, request);
    const apiContactSql = statements.slice(1).map((statement) => normaliseSql(statement.sql));
    const sqlDrift = JSON.stringify(apiContactSql) !== JSON.stringify(floorStatements(request, countersKept).map(normaliseSql));
    if (sqlDrift) log(`WARNING ${request.title}: the API's SQL is no longer the floor's (see the report)`);
    const plans = [
      ...await explainStatements(db.url, statements),
      ...await explainStatements(db.url, grantedStatements(request, targetId, sensitiveId), GRANTED_LABEL),
    ];
    for (const plan of plans) for (const problem of plan.problems) log(`WARNING ${request.title} plan: ${problem}`);

    // Every server measured here, with its own request (contact(id) asks for a row of its own database).
    const measured = [
      { name: 'api', server: api, spec: { token, body: request.body, connections: S.CONNECTIONS }, db },
      { name: 'floor', server: floor, spec: { token, body: request.body, connections: S.CONNECTIONS }, db },
      ...await Promise.all(small.map(async (growth) => {
        const own = growth.kinds.find((kind) => kind.key === request.key)!;
        await growth.verify(growth.api.url, growth.token, own);
        growth.plans[request.key] = await explainStatements(growth.db.url, await captureStatements(growth.api, growth.token, own));
        return { name: `growth ${growth.contacts}`, server: growth.api, spec: { token: growth.token, body: own.body, connections: S.CONNECTIONS }, db: growth.db };
      })),
    ];
    if (S.WARMUP_S > 0) {
      for (const { server, spec, db: itsDb } of measured) await measureServer(server, { ...spec, durationS: S.WARMUP_S }, itsDb.benchPids);
    }
    const rounds = new Map<string, Round[]>(measured.map(({ name }) => [name, []]));
    for (let round = 1; round <= S.ROUNDS; round++) {
      // Each round starts with the next server, so no server always runs right after the same one.
      const order = measured.map((_, i) => measured[(i + round - 1) % measured.length]);
      for (const { name, server, spec, db: itsDb } of order) {
        const result = await measureServer(server, { ...spec, durationS: S.DURATION_S }, itsDb.benchPids);
        rounds.get(name)!.push(result);
        log(`${request.title} round ${round} ${server.name}: ${S.fmtInt(result.requests / result.elapsedS)} req/s, ` +
          `p50 ${S.fmtMs(S.percentile([...result.latencies].sort((a, b) => a - b), 50))} ms, ` +
          `${(result.serverCpuMs / result.requests).toFixed(3)} CPU ms/req`);
      }
    }
    for (const growth of small) growth.rounds[request.key] = rounds.get(`growth ${growth.contacts}`);
    const raw = await measureRawPg({
      databaseUrl: db.url, poolMax: S.POOL_MAX, statements, workers: S.CONNECTIONS, durationS: S.DURATION_S,
    }, db.benchPids);
    log(`${request.title} raw pg: ${S.fmtInt(raw.requests / raw.elapsedS)} req/s`);
    const apiRounds = rounds.get('api')!;
    const floorRounds = rounds.get('floor')!;
    results.push({
      request, statements, plans, sqlDrift, rawPeakRssMb: raw.peakRssMb ?? NaN,
      api: figuresOf(apiRounds), floor: figuresOf(floorRounds), raw: figuresOf([raw]),
      perRound: { api: apiRounds.map(figuresOf1), floor: floorRounds.map(figuresOf1) },
    });
  }

  const memory = { api: memoryOf(api.pid), floor: memoryOf(floor.pid) };
  const growth: GrowthRun[] = small.map((run) => ({
    contacts: run.contacts, seeding: run.db.seeding, peakRssMb: memoryOf(run.api.pid).peakMb, plans: run.plans,
    figures: Object.fromEntries(Object.entries(run.rounds).map(([key, rounds]) => [key, figuresOf(rounds!)])),
  }));
  for (const run of small) await run.api.stop();
  await api.stop();
  await floor.stop();
  growth.push({
    contacts: S.CONTACTS, seeding: db.seeding, peakRssMb: memory.api.peakMb,
    figures: Object.fromEntries(results.map((result) => [result.request.key, result.api])) as Partial<Record<RequestKind['key'], Figures>>,
    plans: Object.fromEntries(results.map((result) => [result.request.key, result.plans])),
  });
  const report = renderReport({
    results, db, growth, startMemory, memory, loadBefore, totalS: (performance.now() - started) / 1000,
  });
  writeFileSync(S.REPORT_PATH, report);
  console.log('\n' + summary(results, memory) + '\n\nAims of issue 11:\n' + aims(results, memory, growth, db) +
    `\n\nReport written to ${S.REPORT_PATH}.`);
  return 0;
}

/** Requests a second of one round, to show how steady the rounds were. */
const figuresOf1 = (round: Round) => round.requests / round.elapsedS;

const watchdog = setTimeout(() => {
  console.error(`[bench] still running after ${S.WATCHDOG_MS / 60_000} min: giving up.`);
  void S.cleanUp().finally(() => process.exit(1));
}, S.WATCHDOG_MS);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.error(`[bench] ${signal}: cleaning up`);
    void S.cleanUp().finally(() => process.exit(130));
  });
}

main()
  .catch((error) => {
    console.error(error instanceof S.BenchFailure ? `[bench] ${error.message}` : error);
    return 1;
  })
  .then(async (code) => {
    await S.cleanUp();
    clearTimeout(watchdog);
    process.exit(code);
  });
