/**
 * Load benchmark of the GraphQL API against a real Postgres, with a raw-pg baseline.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench
 *
 * Creates a throw-away database `cmg_bench_<random>` on that server, migrates and seeds it
 * (demo + 100,000 generated contacts), starts the real server in this process on 127.0.0.1,
 * drives it with autocannon, replays the exact SQL of one request straight through pg as a
 * baseline, writes docs/benchmarks.md and drops the database (also on failure or Ctrl-C).
 *
 * Tunables (environment, optional): BENCH_DURATION (s, default 10), BENCH_WARMUP (s, default 2),
 * BENCH_CONNECTIONS (default 32), BENCH_CONTACTS (default 100000), BENCH_SCENARIOS (e.g. "a,d"; default all).
 */
import 'reflect-metadata';
import autocannon from 'autocannon';
import { execSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client, Pool } from 'pg';
import type { DataSource } from 'typeorm';
import { signAccessToken } from '../src/auth/jwt';
import { systemClock } from '../src/common/clock';
import { loadConfig } from '../src/config';
import { openDatabase, type OpenDatabase } from '../src/database/open-database';
import { seedDemo } from '../src/cli/seed/demo-data';
import { seedLargeData } from '../src/cli/seed/large-data';
import { startApp, type App } from '../src/server/http-server';
import { createLogger } from '../src/server/logger';
import { ENTITIES, SUBSCRIBERS } from '../src/modules/entities';

// ---------------------------------------------------------------------------------------------
// Settings

const envInt = (name: string, fallback: number, min: number, max: number): number => {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    console.error(`${name} must be an integer from ${min} to ${max} (got "${raw}")`);
    process.exit(1);
  }
  return value;
};

const DURATION_S = envInt('BENCH_DURATION', 10, 1, 120);
const WARMUP_S = envInt('BENCH_WARMUP', 2, 0, 30);
const CONNECTIONS = envInt('BENCH_CONNECTIONS', 32, 1, 1000);
const CONTACTS = envInt('BENCH_CONTACTS', 100_000, 100, 1_000_000);
const SCENARIO_FILTER = (process.env.BENCH_SCENARIOS ?? '').split(',').map((key) => key.trim().toLowerCase()).filter(Boolean);
const SENSITIVE_SHARE = 0.05;
/** Same pool size as the app (src/database/data-source.ts). */
const RAW_POOL_MAX = 10;
/** Hard ceiling for the whole run; past it we clean up and exit 1. */
const WATCHDOG_MS = 15 * 60_000;
/** Aims from the brief. */
const AIM_P99_MS = 50;
const AIM_LIST_RPS = 1500;

const REPORT_PATH = join(__dirname, '..', 'docs', 'benchmarks.md');
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]', '']);

const CASEWORKER = 'CW1002';
const SCR_CASEWORKER = 'SCRC3002';

const LIST_QUERY = '{ contacts(first: 20) { edges { node { id firstName lastName scin } } pageInfo { hasNextPage endCursor } } }';
const LIST_CHECK_QUERY = '{ contacts(first: 20) { edges { node { id firstName lastName scin sensitive } } pageInfo { hasNextPage endCursor } } }';
const COUNT_QUERY = '{ contacts(first: 20) { totalCount edges { node { id firstName lastName scin } } pageInfo { hasNextPage endCursor } } }';
const BY_ID_QUERY = 'query($id: ID!) { contact(id: $id) { id firstName lastName } }';

// ---------------------------------------------------------------------------------------------
// Small helpers

const log = (message: string) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const round = (value: number, digits = 1) => Number(value.toFixed(digits));
const fmtInt = (value: number) => Math.round(value).toLocaleString('en-GB');
const fmtCores = (value: number) => (Number.isFinite(value) ? value.toFixed(2) : 'n/a');
const fmtMs = (value: number) => (value < 10 ? value.toFixed(2) : value.toFixed(1));

/** Rejects after `ms` so nothing can hang the run. */
async function withTimeout<T>(what: string, ms: number, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms / 1000} s`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** Nearest-rank percentile of an ascending array. */
function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

class BenchFailure extends Error {}
function check(condition: unknown, message: string): asserts condition {
  if (!condition) throw new BenchFailure(`check failed: ${message}`);
}

// ---------------------------------------------------------------------------------------------
// Cleanup: everything registered here runs once, last-in first-out, on success, failure or signal.

const cleanups: { name: string; run: () => Promise<void> }[] = [];
let cleaningUp: Promise<void> | undefined;

function onCleanup(name: string, run: () => Promise<void>) {
  cleanups.push({ name, run });
}

function cleanUp(): Promise<void> {
  cleaningUp ??= (async () => {
    while (cleanups.length > 0) {
      const step = cleanups.pop()!;
      try {
        await withTimeout(step.name, 30_000, step.run());
      } catch (error) {
        console.error(`[bench] cleanup "${step.name}" failed: ${(error as Error).message}`);
      }
    }
  })();
  return cleaningUp;
}

// ---------------------------------------------------------------------------------------------
// GraphQL over HTTP (for the checks and the SQL capture; the load itself is autocannon's)

interface GraphQLResponse {
  status: number;
  body: { data?: any; errors?: { message: string }[] };
}

async function graphql(url: string, token: string, query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(variables ? { query, variables } : { query }),
    signal: AbortSignal.timeout(15_000),
  });
  const text = await response.text();
  let body: GraphQLResponse['body'];
  try {
    body = JSON.parse(text);
  } catch {
    throw new BenchFailure(`non-JSON response (HTTP ${response.status}): ${text.slice(0, 300)}`);
  }
  return { status: response.status, body };
}

function expectData(response: GraphQLResponse, what: string) {
  check(response.status === 200, `${what}: HTTP ${response.status} ${JSON.stringify(response.body ?? null).slice(0, 300)}`);
  check(!response.body.errors, `${what}: errors ${JSON.stringify(response.body.errors ?? null).slice(0, 300)}`);
  check(response.body.data, `${what}: no data`);
  return response.body.data;
}

// ---------------------------------------------------------------------------------------------
// SQL capture: the statements TypeORM sends for one API request

interface Statement {
  sql: string;
  parameters: unknown[];
}

async function captureSql(dataSource: DataSource, request: () => Promise<unknown>): Promise<Statement[]> {
  const logger = dataSource.logger;
  const original = logger.logQuery;
  const statements: Statement[] = [];
  logger.logQuery = function (query: string, parameters?: unknown[], queryRunner?: any) {
    statements.push({ sql: query, parameters: parameters ? [...parameters] : [] });
    return original.call(this, query, parameters, queryRunner);
  };
  try {
    await request();
  } finally {
    logger.logQuery = original;
  }
  return statements;
}

// ---------------------------------------------------------------------------------------------
// Load: autocannon against the API, and the same SQL straight through pg

interface LoadResult {
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  mismatches: number;
  socketErrors: number;
  timeouts: number;
  /** Event-loop utilisation of the main thread during the run, 0..1. */
  elu: number;
  cpu: CpuShares;
}

/** A snapshot of all cores' CPU times (ms), to compute how busy the whole machine was. */
function machineCpuSnapshot() {
  let idle = 0;
  let total = 0;
  for (const cpu of os.cpus()) {
    const { user, nice, sys, idle: cpuIdle, irq } = cpu.times;
    idle += cpuIdle;
    total += user + nice + sys + cpuIdle + irq;
  }
  return { idle, total };
}

/** Clock ticks per second of /proc/<pid>/stat (Linux); NaN where unknown. */
const CLOCK_TICKS = (() => {
  try {
    return Number(execSync('getconf CLK_TCK', { encoding: 'utf8', timeout: 5_000 }).trim()) || NaN;
  } catch {
    return NaN;
  }
})();

/** CPU ticks used so far by each process named "postgres" (Linux /proc); empty elsewhere. */
function postgresTicks(): Map<number, number> {
  const ticks = new Map<number, number>();
  if (!Number.isFinite(CLOCK_TICKS)) return ticks;
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return ticks;
  }
  for (const pid of pids) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      continue; // exited meanwhile
    }
    const close = stat.lastIndexOf(')');
    if (stat.slice(stat.indexOf('(') + 1, close) !== 'postgres') continue;
    const fields = stat.slice(close + 2).split(' ');
    ticks.set(Number(pid), Number(fields[11]) + Number(fields[12])); // utime, stime (fields 14, 15)
  }
  return ticks;
}

/**
 * The Postgres processes that work for the bench: sessions on the bench database and the
 * server's background processes. Client sessions on other databases count as "other".
 */
let benchPostgresPids: () => Promise<Set<number>> = async () => new Set();

/** Where the CPU went during a run, in cores (1.00 = one core fully busy). */
interface CpuShares {
  node: number;
  /** Postgres working for the bench (NaN where /proc is not available). */
  postgres: number;
  /** Everything else on the machine: other processes competing with the bench. */
  other: number;
}

interface CpuMark {
  at: number;
  process: NodeJS.CpuUsage;
  machine: { idle: number; total: number };
  postgres: Map<number, number>;
}

const cpuMark = (): CpuMark => ({
  at: performance.now(),
  process: process.cpuUsage(),
  machine: machineCpuSnapshot(),
  postgres: postgresTicks(),
});

async function cpuSharesBetween(before: CpuMark, after: CpuMark): Promise<CpuShares> {
  const seconds = (after.at - before.at) / 1000;
  const node = (after.process.user - before.process.user + after.process.system - before.process.system) / 1e6 / seconds;
  const machineMs = after.machine.total - before.machine.total;
  const busyCores = machineMs > 0 ? (1 - (after.machine.idle - before.machine.idle) / machineMs) * os.cpus().length : NaN;
  let postgres = NaN;
  if (after.postgres.size > 0) {
    const ours = await benchPostgresPids().catch(() => new Set<number>());
    let ticks = 0;
    for (const [pid, total] of after.postgres) {
      if (ours.has(pid)) ticks += total - (before.postgres.get(pid) ?? 0);
    }
    postgres = ticks / CLOCK_TICKS / seconds;
  }
  const other = Math.max(0, busyCores - node - (Number.isFinite(postgres) ? postgres : 0));
  return { node, postgres, other };
}

const errorsOf = (result: LoadResult) => result.non2xx + result.mismatches + result.socketErrors + result.timeouts;

/** A body is good when it is data without errors (cheap string test: the check before the run parsed it fully). */
const goodBody = (raw: string | Buffer | undefined) => {
  const body = String(raw ?? '');
  return body.startsWith('{"data":{') && !body.includes('"errors":');
};

function runAutocannon(url: string, token: string, body: string, durationS: number): Promise<LoadResult> {
  const latencies: number[] = [];
  const eluBefore = performance.eventLoopUtilization();
  const cpuBefore = cpuMark();
  const started = performance.now();
  return withTimeout(
    'autocannon run',
    (durationS + 30) * 1000,
    new Promise<Omit<LoadResult, 'cpu'> & { cpuAfter: CpuMark }>((resolve, reject) => {
      const instance = autocannon(
        {
          url,
          method: 'POST',
          connections: CONNECTIONS,
          duration: durationS,
          timeout: 10,
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body,
          verifyBody: goodBody,
        },
        (error, result) => {
          if (error) return reject(error);
          const elapsedMs = performance.now() - started;
          const cpuAfter = cpuMark();
          const elu = performance.eventLoopUtilization(eluBefore);
          latencies.sort((a, b) => a - b);
          resolve({
            requests: latencies.length,
            rps: latencies.length / (result.duration || elapsedMs / 1000),
            p50: percentile(latencies, 50),
            p99: percentile(latencies, 99),
            non2xx: result.non2xx,
            mismatches: result.mismatches,
            socketErrors: result.errors,
            timeouts: result.timeouts,
            elu: elu.utilization,
            cpuAfter,
          });
        },
      );
      instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) => {
        latencies.push(responseTime);
      });
    }),
  ).then(async ({ cpuAfter, ...result }) => ({ ...result, cpu: await cpuSharesBetween(cpuBefore, cpuAfter) }));
}

/** CONNECTIONS async workers, each replaying the captured statements back to back, for `durationS`. */
async function runRawPg(pool: Pool, statements: Statement[], durationS: number): Promise<LoadResult> {
  const latencies: number[] = [];
  let failures = 0;
  const eluBefore = performance.eventLoopUtilization();
  const cpuBefore = cpuMark();
  const started = performance.now();
  const deadline = started + durationS * 1000;
  // Dates (the "now" of the live grants query) are taken afresh per request, like the app does.
  const parametersOf = (statement: Statement) =>
    statement.parameters.map((value) => (value instanceof Date ? new Date() : value));
  const worker = async () => {
    while (performance.now() < deadline) {
      const t0 = performance.now();
      try {
        for (const statement of statements) await pool.query(statement.sql, parametersOf(statement));
        latencies.push(performance.now() - t0);
      } catch {
        failures++;
      }
    }
  };
  await withTimeout('raw pg run', (durationS + 30) * 1000, Promise.all(Array.from({ length: CONNECTIONS }, worker)));
  const elapsedMs = performance.now() - started;
  const cpuAfter = cpuMark();
  const elu = performance.eventLoopUtilization(eluBefore);
  const cpu = await cpuSharesBetween(cpuBefore, cpuAfter);
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    rps: latencies.length / (elapsedMs / 1000),
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    non2xx: 0,
    mismatches: failures,
    socketErrors: 0,
    timeouts: 0,
    elu: elu.utilization,
    cpu,
  };
}

// ---------------------------------------------------------------------------------------------
// Scenarios

interface Scenario {
  key: string;
  title: string;
  note: string;
  staffNumber: string;
  query: string;
  variables?: Record<string, unknown>;
  /** Verifies one response fully before the run. */
  verify: () => Promise<void>;
}

interface ScenarioResult {
  scenario: Scenario;
  api: LoadResult;
  raw: LoadResult;
  statements: Statement[];
}

// ---------------------------------------------------------------------------------------------
// Report

interface MachineInfo {
  cores: string;
  cpuModel: string;
  memoryGb: number;
  node: string;
  postgres: string;
  date: string;
  os: string;
  loadBefore: string;
}

function scenarioTable(result: ScenarioResult): string {
  const { api, raw } = result;
  const row = (name: string, r: LoadResult, errors: string) =>
    `| ${name} | ${fmtInt(r.rps)} | ${fmtMs(r.p50)} | ${fmtMs(r.p99)} | ${errors} | ${fmtInt(r.requests)} | ${Math.round(r.elu * 100)} % | ${fmtCores(r.cpu.node)} | ${fmtCores(r.cpu.postgres)} | ${fmtCores(r.cpu.other)} |`;
  const apiErrors = `${errorsOf(api)} (non-2xx ${api.non2xx}, GraphQL errors/bad bodies ${api.mismatches}, socket ${api.socketErrors}, timeouts ${api.timeouts})`;
  return [
    '| | req/s | p50 ms | p99 ms | errors | requests | event loop busy | CPU: Node | CPU: Postgres | CPU: other processes |',
    '|---|---:|---:|---:|---|---:|---:|---:|---:|---:|',
    row('API (GraphQL over HTTP)', api, apiErrors),
    row(`raw pg (${result.statements.length} statements/request)`, raw, String(errorsOf(raw))),
    `| **API / raw** | **${(api.rps / raw.rps).toFixed(2)}×** | ${(api.p50 / raw.p50).toFixed(1)}× | **${(api.p99 / raw.p99).toFixed(1)}×** | | | | | | |`,
  ].join('\n');
}

function summaryTable(results: ScenarioResult[]): string {
  const lines = [
    '| scenario | API req/s | API p50 ms | API p99 ms | API errors | raw pg req/s | raw p99 ms | req/s API/raw | p99 API/raw |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const { scenario, api, raw } of results) {
    lines.push(
      `| ${scenario.key} ${scenario.title} | ${fmtInt(api.rps)} | ${fmtMs(api.p50)} | ${fmtMs(api.p99)} | ${errorsOf(api)} | ${fmtInt(raw.rps)} | ${fmtMs(raw.p99)} | ${(api.rps / raw.rps).toFixed(2)} | ${(api.p99 / raw.p99).toFixed(1)} |`,
    );
  }
  return lines.join('\n');
}

function aimsSection(results: ScenarioResult[]): string {
  const lines: string[] = [];
  for (const { scenario, api } of results) {
    const p99Met = api.p99 < AIM_P99_MS;
    const isPlainList = scenario.key === '(a)' || scenario.key === '(b)';
    let line = `- ${scenario.key} ${scenario.title}: p99 ${fmtMs(api.p99)} ms — aim p99 < ${AIM_P99_MS} ms **${p99Met ? 'met' : 'NOT met'}**`;
    if (isPlainList) {
      const rpsMet = api.rps >= AIM_LIST_RPS;
      line += `; ${fmtInt(api.rps)} req/s — aim ≥ ${fmtInt(AIM_LIST_RPS)} req/s **${rpsMet ? 'met' : 'NOT met'}**`;
    }
    if (errorsOf(api) > 0) line += `; **${errorsOf(api)} errors during the run**`;
    lines.push(line + '.');
  }
  return lines.join('\n');
}

/** What limited each API run, read from the CPU figures; and whether other processes disturbed the runs. */
function bottleneckSection(results: ScenarioResult[]): string {
  const lines: string[] = [];
  for (const { scenario, api } of results) {
    const pg = Number.isFinite(api.cpu.postgres) ? `${fmtCores(api.cpu.postgres)} cores` : 'n/a';
    let verdict: string;
    if (api.elu >= 0.9 && !(api.cpu.postgres >= 0.8)) {
      verdict = 'bound by the Node main thread (server + load generator), not by Postgres';
    } else if (api.cpu.postgres >= 0.8) {
      verdict = 'Postgres does a large share of the work';
    } else {
      verdict = 'neither the event loop nor Postgres saturated (latency-bound)';
    }
    lines.push(`- ${scenario.key}: event loop busy ${Math.round(api.elu * 100)} %, Node ${fmtCores(api.cpu.node)} cores, Postgres ${pg} — ${verdict}.`);
  }
  const disturbed = results.filter(({ api, raw }) => api.cpu.other > 0.25 || raw.cpu.other > 0.25);
  if (disturbed.length > 0) {
    lines.push(
      '',
      `**Warning:** other processes used more than 0.25 cores during ${disturbed.map(({ scenario }) => scenario.key).join(', ')} ` +
        '(column "CPU: other processes"); those figures are pessimistic. Re-run on a quiet machine to confirm.',
    );
  } else {
    lines.push('', 'No other process used more than 0.25 cores during any run.');
  }
  return lines.join('\n');
}

function renderReport(
  machine: MachineInfo,
  seeding: { demoMs: number; largeMs: number; vacuumMs: number; contacts: number; sensitive: number },
  results: ScenarioResult[],
  peakRssMb: number,
  totalS: number,
): string {
  const sections = results.map(
    (result) => [
      `### ${result.scenario.key} ${result.scenario.title}`,
      '',
      result.scenario.note,
      '',
      '```graphql',
      result.scenario.query,
      '```',
      '',
      scenarioTable(result),
      '',
      '<details><summary>SQL replayed by the raw-pg baseline (captured from one API request)</summary>',
      '',
      ...result.statements.map((s, i) => `${i + 1}. \`${s.sql.replace(/\s+/g, ' ').replace(/`/g, "'")}\` — parameters \`${JSON.stringify(s.parameters)}\``),
      '',
      '</details>',
    ].join('\n'),
  );
  return `# Benchmarks

Generated by \`npm run bench\` (\`bench/run.ts\`) on ${machine.date}; the file is overwritten on every run.

## What is measured

The real server (\`startApp\`: Apollo Server, type-graphql, TypeORM, pg pool of 10) runs on
127.0.0.1 against a fresh Postgres database seeded with the demo data plus ${fmtInt(seeding.contacts)} generated
contacts (${fmtInt(seeding.sensitive)} of them, ${Math.round(SENSITIVE_SHARE * 100)} %, sensitive). Each scenario is driven by autocannon with
${CONNECTIONS} keep-alive connections for ${DURATION_S} s after a ${WARMUP_S} s warm-up; one response is checked in full before the
run (no \`errors\`, right rows, no sensitive contact for a caseworker), and during the run every response that is not
HTTP 2xx, or whose body is not \`{"data":…}\` without \`"errors"\`, is counted as an error. Latency is per request, measured by
the load generator (p50/p99 by nearest rank over all requests).

**Baseline:** the SQL TypeORM sends for one API request of the scenario (principal lookup, live grants, the list or
lookup, the count) is captured through \`dataSource.logger.logQuery\` and replayed, statement after statement, by
${CONNECTIONS} concurrent async workers through a plain \`pg.Pool\` (max ${RAW_POOL_MAX}, like the app) for the same duration. The ratio
API/raw shows what HTTP, GraphQL, authorization and TypeORM add on top of the database work itself.

**Caveat:** the load generator (autocannon) runs in the *same Node process and event loop* as the server, and
Postgres runs on the same machine, all sharing ${machine.cores} cores. The API figures therefore include the load generator's
own CPU cost and are a lower bound on what the server alone would do (a one-off CPU profile taken when the bench was
written put autocannon itself at about 2 % of the main thread's time, so the distortion is small). Columns: "event loop busy" is the main
thread's event-loop utilisation; the CPU columns are in cores (1.00 = one core fully busy, ${machine.cores} available):
this Node process (server + load generator, or the raw-pg workers; GC threads included), the Postgres sessions
of the bench database plus Postgres' background processes, and everything else on the machine (including Postgres
sessions of other databases). A noticeable "other processes" figure means something else was
competing for the CPU during that run and its figures are pessimistic. \`process.env.NODE_ENV\` is not set by the bench, so graphql-js runs its
development-mode \`instanceOf\` checks, as \`npm start\` without NODE_ENV would.

## Machine

| | |
|---|---|
| CPU | ${machine.cores} cores (\`nproc\`), ${machine.cpuModel} |
| Memory | ${machine.memoryGb} GB |
| OS | ${machine.os} |
| Node | ${machine.node} |
| Postgres | ${machine.postgres} |
| Date | ${machine.date} |
| Load average (1/5/15 min) at start | ${machine.loadBefore} |

Seeding: demo data ${(seeding.demoMs / 1000).toFixed(1)} s, ${fmtInt(CONTACTS)} generated contacts (\`seedLargeData\`, incl. its \`ANALYZE\`)
${(seeding.largeMs / 1000).toFixed(1)} s; then the bench runs \`VACUUM (ANALYZE)\` (${(seeding.vacuumMs / 1000).toFixed(1)} s) so autovacuum does not start during a run.
Peak RSS of the process (server + load generator + seeding): **${peakRssMb} MB**. Whole bench: ${totalS.toFixed(0)} s.

## Summary

${summaryTable(results)}

## Aims

Aims: p99 < ${AIM_P99_MS} ms for every scenario, and ≥ ${fmtInt(AIM_LIST_RPS)} req/s for the contact list on this ${machine.cores}-core machine
(the \`totalCount\` variant is reported separately: counting ~${fmtInt(seeding.contacts - seeding.sensitive)} visible rows is inherently heavier).

${aimsSection(results)}

## What limited the API

${bottleneckSection(results)}

## Scenarios

${sections.join('\n\n')}
`;
}

// ---------------------------------------------------------------------------------------------
// Main

async function main(): Promise<number> {
  const benchStarted = performance.now();
  const loadBefore = os.loadavg().map((value) => value.toFixed(2)).join(' / ');
  const adminUrl = process.env.DATABASE_URL?.trim();
  if (!adminUrl) {
    console.error(
      'DATABASE_URL is not set. The benchmark needs a real Postgres server; it creates and drops its own\n' +
        'database on it, e.g.:\n\n  DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench\n',
    );
    return 1;
  }
  let parsed: URL;
  try {
    parsed = new URL(adminUrl);
    if (!/^postgres(ql)?:$/.test(parsed.protocol)) throw new Error('protocol');
  } catch {
    console.error('DATABASE_URL must be a postgres:// or postgresql:// URL.');
    return 1;
  }
  if (!LOOPBACK.has(parsed.hostname)) {
    console.error(`DATABASE_URL must point at a loopback address (127.0.0.1, ::1, localhost); got "${parsed.hostname}".`);
    return 1;
  }

  // 1. A fresh database, dropped at the end whatever happens.
  const databaseName = `cmg_bench_${randomBytes(6).toString('hex')}`;
  const benchUrl = new URL(adminUrl);
  benchUrl.pathname = `/${databaseName}`;
  const admin = new Client({ connectionString: adminUrl, connectionTimeoutMillis: 10_000 });
  await withTimeout('connecting to DATABASE_URL', 15_000, admin.connect());
  onCleanup('admin connection', () => admin.end());
  const postgresVersion: string = (await admin.query('SELECT version() AS v')).rows[0].v;
  await admin.query(`CREATE DATABASE "${databaseName}"`);
  onCleanup(`drop database ${databaseName}`, async () => {
    // pg.Pool#end() resolves before its sockets are closed; wait for the sessions to go away so
    // FORCE does not kill a connection that is still closing (an unhandled 'error' in pg).
    for (let waited = 0; waited < 5_000; waited += 100) {
      const { rows } = await admin.query('SELECT COUNT(*)::int AS n FROM pg_stat_activity WHERE datname = $1', [databaseName]);
      if (rows[0].n === 0) break;
      await sleep(100);
    }
    await admin.query(`DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`);
    log(`dropped database ${databaseName}`);
  });
  log(`created database ${databaseName}`);
  benchPostgresPids = async () => {
    const { rows } = await admin.query(
      `SELECT pid FROM pg_stat_activity WHERE datname = $1 OR backend_type <> 'client backend'`,
      [databaseName],
    );
    return new Set(rows.map((row: { pid: number }) => row.pid));
  };

  // 2. Migrate and seed.
  const database: OpenDatabase = await withTimeout(
    'openDatabase (migrations)',
    120_000,
    openDatabase({ databaseUrl: benchUrl.toString(), embeddedDataDir: 'memory' }, { entities: ENTITIES, subscribers: SUBSCRIBERS }),
  );
  onCleanup('close datasource', () => database.close());
  const { dataSource } = database;
  let t = performance.now();
  await withTimeout('seedDemo', 120_000, seedDemo(dataSource.manager));
  const demoMs = performance.now() - t;
  t = performance.now();
  await withTimeout('seedLargeData', 300_000, seedLargeData(dataSource, CONTACTS, SENSITIVE_SHARE));
  const largeMs = performance.now() - t;
  // Settle the freshly written tables now (visibility map, statistics) so autovacuum does not
  // wake up in the middle of a measured run and steal one of the cores.
  t = performance.now();
  await withTimeout('VACUUM (ANALYZE)', 300_000, dataSource.query('VACUUM (ANALYZE)'));
  const vacuumMs = performance.now() - t;
  const [{ contacts, sensitive }] = await dataSource.query(
    'SELECT COUNT(*)::int AS contacts, COUNT(*) FILTER (WHERE sensitive)::int AS sensitive FROM contact',
  );
  log(`seeding took ${((demoMs + largeMs) / 1000).toFixed(1)} s (demo ${(demoMs / 1000).toFixed(1)} s, ${fmtInt(CONTACTS)} contacts ${(largeMs / 1000).toFixed(1)} s): ${fmtInt(contacts)} contacts, ${fmtInt(sensitive)} sensitive; then VACUUM (ANALYZE) ${(vacuumMs / 1000).toFixed(1)} s`);

  // 3. The real server, in this process, on loopback.
  // Rate limits off: one principal at hundreds of requests a second is the load here, not an abuse.
  const config = loadConfig({ NODE_ENV: 'development', LOG_LEVEL: 'warn', DATABASE_URL: benchUrl.toString(),
    RATE_LIMIT_ADDRESS_PER_MINUTE: '0', RATE_LIMIT_PRINCIPAL_PER_MINUTE: '0' });
  const logger = createLogger(config);
  const app: App = await withTimeout(
    'startApp',
    60_000,
    startApp({ config, dataSource, clock: systemClock, logger }, 0),
  );
  onCleanup('close server', () => app.close());
  const graphqlUrl = `${app.url}/graphql`;
  check(new URL(graphqlUrl).hostname === '127.0.0.1', `server is not on loopback: ${graphqlUrl}`);
  log(`server listening on ${graphqlUrl}`);

  const tokens: Record<string, string> = {
    [CASEWORKER]: signAccessToken(config.jwt, { subject: CASEWORKER, principalType: 'staff' }),
    [SCR_CASEWORKER]: signAccessToken(config.jwt, { subject: SCR_CASEWORKER, principalType: 'staff' }),
  };

  // Expected answers, straight from the database.
  const idsOf = (rows: { id: string }[]) => rows.map((row) => row.id);
  const expectedVisibleFirst = idsOf(await dataSource.query(
    'SELECT id FROM contact WHERE NOT sensitive ORDER BY last_name, first_name, id LIMIT 20',
  ));
  const expectedAllFirst = idsOf(await dataSource.query('SELECT id FROM contact ORDER BY last_name, first_name, id LIMIT 20'));
  const [{ visible }] = await dataSource.query('SELECT COUNT(*)::int AS visible FROM contact WHERE NOT sensitive');
  const [target] = await dataSource.query(
    `SELECT id, first_name, last_name FROM contact WHERE NOT sensitive AND scin LIKE 'GS%' ORDER BY scin OFFSET $1 LIMIT 1`,
    [Math.floor(CONTACTS / 2)],
  );
  const [hidden] = await dataSource.query(`SELECT id FROM contact WHERE sensitive AND scin LIKE 'GS%' ORDER BY scin LIMIT 1`);
  check(target && hidden, 'seeded data has both non-sensitive and sensitive generated contacts');

  const verifyList = async (staffNumber: string, expected: string[], mayIncludeSensitive: boolean) => {
    const data = expectData(await graphql(graphqlUrl, tokens[staffNumber], LIST_CHECK_QUERY), `list as ${staffNumber}`);
    const edges = data.contacts.edges as { node: { id: string; sensitive: boolean; scin: string | null } }[];
    check(edges.length === 20, `list as ${staffNumber}: 20 edges, got ${edges.length}`);
    check(data.contacts.pageInfo.hasNextPage === true && data.contacts.pageInfo.endCursor, `list as ${staffNumber}: hasNextPage and endCursor`);
    if (!mayIncludeSensitive) check(edges.every((edge) => edge.node.sensitive === false), `list as ${staffNumber}: no sensitive contact`);
    check(
      JSON.stringify(edges.map((edge) => edge.node.id)) === JSON.stringify(expected),
      `list as ${staffNumber}: the first 20 rows by last name, first name, id`,
    );
  };

  const scenarios: Scenario[] = [
    {
      key: '(a)',
      title: 'contacts(first: 20), caseworker',
      note: `Caseworker ${CASEWORKER}: the row rule \`sensitive = false\` is in the SQL WHERE.`,
      staffNumber: CASEWORKER,
      query: LIST_QUERY,
      verify: () => verifyList(CASEWORKER, expectedVisibleFirst, false),
    },
    {
      key: '(b)',
      title: 'contacts(first: 20), SCR caseworker',
      note: `SCR caseworker ${SCR_CASEWORKER}: sees every contact, sensitive included (no row filter).`,
      staffNumber: SCR_CASEWORKER,
      query: LIST_QUERY,
      verify: () => verifyList(SCR_CASEWORKER, expectedAllFirst, true),
    },
    {
      key: '(c)',
      title: 'contacts(first: 20) with totalCount, caseworker',
      note: `As (a) plus \`totalCount\`: a second query counting all ~${fmtInt(visible)} visible contacts on every request.`,
      staffNumber: CASEWORKER,
      query: COUNT_QUERY,
      verify: async () => {
        await verifyList(CASEWORKER, expectedVisibleFirst, false);
        const data = expectData(await graphql(graphqlUrl, tokens[CASEWORKER], COUNT_QUERY), 'totalCount as caseworker');
        check(data.contacts.totalCount === visible, `totalCount ${data.contacts.totalCount} = ${visible} non-sensitive contacts`);
      },
    },
    {
      key: '(d)',
      title: 'contact(id), caseworker',
      note: 'Caseworker reads one non-sensitive generated contact by id (through the per-request DataLoader).',
      staffNumber: CASEWORKER,
      query: BY_ID_QUERY,
      variables: { id: target.id },
      verify: async () => {
        const data = expectData(await graphql(graphqlUrl, tokens[CASEWORKER], BY_ID_QUERY, { id: target.id }), 'contact by id');
        check(
          data.contact?.id === target.id && data.contact.firstName === target.first_name && data.contact.lastName === target.last_name,
          `contact(id) returns ${target.id} ${target.first_name} ${target.last_name}, got ${JSON.stringify(data.contact)}`,
        );
        const hiddenData = expectData(await graphql(graphqlUrl, tokens[CASEWORKER], BY_ID_QUERY, { id: hidden.id }), 'sensitive contact by id');
        check(hiddenData.contact === null, 'a sensitive contact by id is null for a caseworker');
      },
    },
  ];

  const rawPool = new Pool({ connectionString: benchUrl.toString(), max: RAW_POOL_MAX, application_name: 'cmg-bench-raw' });
  onCleanup('end raw pg pool', () => rawPool.end());

  // 4./5. Each scenario: verify, capture its SQL, warm up, run the API, then the raw-pg baseline.
  const results: ScenarioResult[] = [];
  const selected = scenarios.filter(
    (scenario) => SCENARIO_FILTER.length === 0 || SCENARIO_FILTER.includes(scenario.key.replace(/[()]/g, '')),
  );
  check(selected.length > 0, `BENCH_SCENARIOS="${SCENARIO_FILTER.join(',')}" selects none of a, b, c, d`);
  for (const scenario of selected) {
    log(`${scenario.key} ${scenario.title}: verifying`);
    await scenario.verify();
    const token = tokens[scenario.staffNumber];
    const body = JSON.stringify(scenario.variables ? { query: scenario.query, variables: scenario.variables } : { query: scenario.query });

    const statements = await captureSql(dataSource, async () => {
      expectData(await graphql(graphqlUrl, token, scenario.query, scenario.variables), `${scenario.key} capture request`);
    });
    check(statements.length > 0, `${scenario.key}: captured SQL`);
    log(`${scenario.key} captured ${statements.length} statements per request`);

    if (WARMUP_S > 0) await runAutocannon(graphqlUrl, token, body, WARMUP_S);
    log(`${scenario.key} API: ${CONNECTIONS} connections for ${DURATION_S} s`);
    const api = await runAutocannon(graphqlUrl, token, body, DURATION_S);
    log(`${scenario.key} API: ${fmtInt(api.rps)} req/s, p50 ${fmtMs(api.p50)} ms, p99 ${fmtMs(api.p99)} ms, errors ${errorsOf(api)}`);
    await sleep(500);

    if (WARMUP_S > 0) await runRawPg(rawPool, statements, Math.min(WARMUP_S, 1));
    log(`${scenario.key} raw pg: ${CONNECTIONS} workers for ${DURATION_S} s`);
    const raw = await runRawPg(rawPool, statements, DURATION_S);
    log(`${scenario.key} raw pg: ${fmtInt(raw.rps)} req/s, p50 ${fmtMs(raw.p50)} ms, p99 ${fmtMs(raw.p99)} ms, errors ${errorsOf(raw)}`);
    results.push({ scenario, api, raw, statements });
    await sleep(500);
  }

  // 6./7. Report.
  const peakRssMb = round(process.resourceUsage().maxRSS / 1024, 0);
  let cores = String(os.cpus().length);
  try {
    cores = execSync('nproc', { encoding: 'utf8', timeout: 5_000 }).trim();
  } catch {
    // keep os.cpus().length
  }
  const machine: MachineInfo = {
    cores,
    cpuModel: os.cpus()[0]?.model?.trim() ?? 'unknown',
    memoryGb: round(os.totalmem() / 1024 ** 3, 1),
    node: process.version,
    postgres: postgresVersion,
    date: new Date().toISOString().replace('T', ' ').slice(0, 16) + ' UTC',
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    loadBefore,
  };
  const totalS = (performance.now() - benchStarted) / 1000;
  writeFileSync(REPORT_PATH, renderReport(machine, { demoMs, largeMs, vacuumMs, contacts, sensitive }, results, peakRssMb, totalS));

  console.log('');
  console.log(summaryTable(results));
  console.log('');
  for (const result of results) {
    console.log(`${result.scenario.key} ${result.scenario.title}`);
    console.log(scenarioTable(result));
    console.log('');
  }
  console.log(aimsSection(results));
  console.log('');
  console.log(bottleneckSection(results));
  console.log('');
  console.log(`Peak RSS ${peakRssMb} MB (server and load generator share this process). Report written to ${REPORT_PATH}.`);
  const anyErrors = results.some((result) => errorsOf(result.api) > 0 || errorsOf(result.raw) > 0);
  if (anyErrors) console.log('WARNING: some requests failed during the runs; see the errors column.');
  return 0;
}

const watchdog = setTimeout(() => {
  console.error(`[bench] still running after ${WATCHDOG_MS / 60_000} min: giving up.`);
  void cleanUp().finally(() => process.exit(1));
}, WATCHDOG_MS);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.error(`[bench] ${signal}: cleaning up`);
    void cleanUp().finally(() => process.exit(130));
  });
}

const benchStart = performance.now();
main()
  .catch((error) => {
    console.error(error instanceof BenchFailure ? `[bench] ${error.message}` : error);
    return 1;
  })
  .then(async (code) => {
    await cleanUp();
    clearTimeout(watchdog);
    log(`done in ${((performance.now() - benchStart) / 1000).toFixed(0)} s`);
    process.exit(code);
  });
