/**
 * Load benchmark of the GraphQL API against its floor, on a real Postgres (issue 11 point 5).
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench
 *
 * Creates a throw-away database on that server, migrates and seeds it, then starts in child
 * processes of their own: the API (serve-api.ts), the floor (floor-server.ts: node:http + pg doing
 * the same JWT, principal and SQL work) and, for every round, the load generator (load.ts,
 * autocannon). Per request kind it checks both servers answer the same right JSON, then measures
 * interleaved rounds (API, floor, API, floor ...) and the raw-pg replay of the API's SQL, and writes
 * docs/benchmarks.md. Tunables: BENCH_DURATION (s per round, 10), BENCH_WARMUP (s, 2),
 * BENCH_ROUNDS (2), BENCH_CONNECTIONS (32), BENCH_CONTACTS (100000).
 */
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { signAccessToken } from '../src/auth/jwt';
import { loadConfig } from '../src/config';
import { startServer } from './children';
import { createBenchDatabase } from './database';
import { compileForChildren } from './compile';
import { byIdSql, contactRule, COUNTERS_SQL, countSql, listSql, normaliseSql } from './floor-sql';
import { figuresOf, measureRawPg, measureServer, type Round } from './measure';
import { memoryOf } from './proc';
import { renderReport, summary, type KindResult } from './report';
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
  const loadBefore = os.loadavg().map((value) => value.toFixed(2)).join(' / ');
  const db = await createBenchDatabase(adminUrl);
  const { kinds, verify } = await requestKinds(db.url);

  // Rate limits off: one principal at thousands of requests a second is the load here, not an abuse.
  const env: NodeJS.ProcessEnv = {
    ...process.env, NODE_ENV: 'development', DATABASE_URL: db.url, LOG_LEVEL: 'silent', RUN_WORKER: 'false',
    RATE_LIMIT_ADDRESS_PER_MINUTE: '0', RATE_LIMIT_PRINCIPAL_PER_MINUTE: '0', BENCH_POOL_MAX: String(S.POOL_MAX),
  };
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
    await api.ask('captureStart');
    await post(api.url, token, request.body);
    const statements = await api.ask<Statement[]>('captureStop');
    const apiContactSql = statements.slice(1).map((statement) => normaliseSql(statement.sql));
    const sqlDrift = JSON.stringify(apiContactSql) !== JSON.stringify(floorStatements(request, countersKept).map(normaliseSql));
    if (sqlDrift) log(`WARNING ${request.title}: the API's SQL is no longer the floor's (see the report)`);

    const spec = { token, body: request.body, connections: S.CONNECTIONS };
    if (S.WARMUP_S > 0) {
      await measureServer(api, { ...spec, durationS: S.WARMUP_S }, db.benchPids);
      await measureServer(floor, { ...spec, durationS: S.WARMUP_S }, db.benchPids);
    }
    const rounds: { api: Round[]; floor: Round[] } = { api: [], floor: [] };
    for (let round = 1; round <= S.ROUNDS; round++) {
      for (const [name, server] of [['api', api], ['floor', floor]] as const) {
        const result = await measureServer(server, { ...spec, durationS: S.DURATION_S }, db.benchPids);
        rounds[name].push(result);
        log(`${request.title} round ${round} ${server.name}: ${S.fmtInt(result.requests / result.elapsedS)} req/s, ` +
          `${(result.serverCpuMs / result.requests).toFixed(3)} CPU ms/req`);
      }
    }
    const raw = await measureRawPg({
      databaseUrl: db.url, poolMax: S.POOL_MAX, statements, workers: S.CONNECTIONS, durationS: S.DURATION_S,
    }, db.benchPids);
    log(`${request.title} raw pg: ${S.fmtInt(raw.requests / raw.elapsedS)} req/s`);
    results.push({
      request, statements, sqlDrift, rawPeakRssMb: raw.peakRssMb ?? NaN,
      api: figuresOf(rounds.api), floor: figuresOf(rounds.floor), raw: figuresOf([raw]),
      perRound: { api: rounds.api.map(figuresOf1), floor: rounds.floor.map(figuresOf1) },
    });
  }

  const memory = { api: memoryOf(api.pid), floor: memoryOf(floor.pid) };
  await api.stop();
  await floor.stop();
  const report = renderReport({
    results, db, startMemory, memory, loadBefore, totalS: (performance.now() - started) / 1000,
  });
  writeFileSync(S.REPORT_PATH, report);
  console.log('\n' + summary(results, memory) + `\n\nReport written to ${S.REPORT_PATH}.`);
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
