/**
 * docs/benchmarks.md and the console summary, from the figures of one run.
 */
import os from 'node:os';
import type { BenchDatabase } from './database';
import type { Figures } from './measure';
import type { Plan } from './plans';
import type { RequestKind } from './requests';
import type { Statement } from './serve-api';
import * as S from './settings';
import { SERVER_NODE_FLAGS } from './children';

export interface KindResult {
  request: RequestKind;
  statements: Statement[];
  /** EXPLAIN ANALYZE of each statement, on the bench database. */
  plans: Plan[];
  sqlDrift: boolean;
  api: Figures;
  floor: Figures;
  raw: Figures;
  rawPeakRssMb: number;
  perRound: { api: number[]; floor: number[] };
}

/** The API's figures at one table size (the growth table), the full comparison's size included. */
export interface GrowthRun {
  contacts: number;
  seeding: BenchDatabase['seeding'];
  figures: Partial<Record<RequestKind['key'], Figures>>;
  plans: Partial<Record<RequestKind['key'], Plan[]>>;
  peakRssMb: number;
}

type Memory = Record<'api' | 'floor', { rssMb: number; peakMb: number }>;

const mb = (value: number) => (Number.isFinite(value) ? `${Math.round(value)} MB` : 'n/a');
const cpu = (value: number) => (Number.isFinite(value) ? value.toFixed(3) : 'n/a');
const verdict = (met: boolean) => (met ? '**met**' : '**NOT met**');

function kindTable(result: KindResult): string {
  const row = (name: string, f: Figures) =>
    `| ${name} | ${S.fmtInt(f.rps)} | ${S.fmtMs(f.p50)} | ${S.fmtMs(f.p99)} | ${cpu(f.cpuMsPerRequest)} | ${cpu(f.postgresMsPerRequest)} | ${f.errors} | ${S.fmtInt(f.requests)} | ${f.otherCores.toFixed(2)} |`;
  const { api, floor, raw } = result;
  return [
    '| | req/s | p50 ms | p99 ms | CPU ms/request (server process) | Postgres CPU ms/request | errors | requests | other processes, cores |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
    row('API (GraphQL over HTTP)', api),
    row('floor (node:http + pg)', floor),
    row(`raw pg (${result.statements.length} statements replayed)`, raw),
    `| **API / floor** | **${S.fmtRatio(api.rps / floor.rps)}** | ${S.fmtRatio(api.p50 / floor.p50)} | ${S.fmtRatio(api.p99 / floor.p99)} | ` +
      `${S.fmtRatio(api.cpuMsPerRequest / floor.cpuMsPerRequest)} | ${S.fmtRatio(api.postgresMsPerRequest / floor.postgresMsPerRequest)} | | | |`,
    `| API / raw pg | ${S.fmtRatio(api.rps / raw.rps)} | ${S.fmtRatio(api.p50 / raw.p50)} | ${S.fmtRatio(api.p99 / raw.p99)} | | | | | |`,
  ].join('\n');
}

/**
 * One table for the three requests: req/s, p50, p99, CPU ms per request and peak RSS of the API,
 * the floor and the raw-pg replay, and the API/floor ratios (RSS is per process, over the run).
 */
export function summary(results: KindResult[], memory: Memory): string {
  const lines = [
    '| request | | req/s | p50 ms | p99 ms | CPU ms/request | peak RSS |',
    '|---|---|---:|---:|---:|---:|---:|',
  ];
  for (const { request, api, floor, raw, rawPeakRssMb } of results) {
    const row = (name: string, f: Figures, rss: number) =>
      `| ${name === 'API' ? request.title : ''} | ${name} | ${S.fmtInt(f.rps)} | ${S.fmtMs(f.p50)} | ${S.fmtMs(f.p99)} | ${cpu(f.cpuMsPerRequest)} | ${mb(rss)} |`;
    lines.push(
      row('API', api, memory.api.peakMb),
      row('floor', floor, memory.floor.peakMb),
      row('raw pg', raw, rawPeakRssMb),
      `| | **API / floor** | **${S.fmtRatio(api.rps / floor.rps)}** | ${S.fmtRatio(api.p50 / floor.p50)} | ${S.fmtRatio(api.p99 / floor.p99)} | ` +
        `${S.fmtRatio(api.cpuMsPerRequest / floor.cpuMsPerRequest)} | ${S.fmtRatio(memory.api.peakMb / memory.floor.peakMb)} |`,
    );
  }
  lines.push('', 'Peak RSS is per process over the whole run (API and floor serve every request kind; raw pg is a process per kind).');
  return lines.join('\n');
}

const seconds = (ms: number) => (ms / 1000).toFixed(1);
const GROWTH_FROM = 10_000;
const GROWTH_TO = 1_000_000;

/** The API's p50 and p99 at the largest size over those at the smallest, per request kind. */
function growthRatios(growth: GrowthRun[], key: RequestKind['key']) {
  const small = growth[0]?.figures[key];
  const large = growth[growth.length - 1]?.figures[key];
  if (growth.length < 2 || !small || !large) return undefined;
  return { p50: large.p50 / small.p50, p99: large.p99 / small.p99 };
}

export function aims(results: KindResult[], memory: Memory, growth: GrowthRun[], db: BenchDatabase): string {
  const by = (key: RequestKind['key']) => results.find((result) => result.request.key === key);
  const lines: string[] = [];
  const list = by('list');
  const count = by('count');
  const byId = by('byId');
  const atSize = (aimed: number) => (S.CONTACTS === aimed ? '' : ` (the aim is stated at ${S.fmtInt(aimed)} contacts; this run has ${S.fmtInt(S.CONTACTS)})`);
  if (list) {
    const ratio = list.api.rps / list.floor.rps;
    lines.push(`- List req/s ≥ ${S.AIMS.listVsFloor}× floor: ${S.fmtRatio(ratio)} — ${verdict(ratio >= S.AIMS.listVsFloor)}.`);
  }
  if (byId) {
    const ratio = byId.api.rps / byId.floor.rps;
    lines.push(`- contact(id) req/s ≥ ${S.AIMS.byIdVsFloor}× floor: ${S.fmtRatio(ratio)} — ${verdict(ratio >= S.AIMS.byIdVsFloor)}.`);
  }
  const at = S.CONNECTIONS === 32 ? 'at 32 connections' : `at ${S.CONNECTIONS} connections (the aim is stated for 32)`;
  for (const { request, api } of results) {
    lines.push(`- p99 < ${S.AIMS.p99Ms} ms ${at}, ${request.title}: ${S.fmtMs(api.p99)} ms — ${verdict(api.p99 < S.AIMS.p99Ms)}.`);
  }
  if (list) {
    const value = list.api.cpuMsPerRequest;
    lines.push(`- API CPU per list request ≤ ${S.AIMS.cpuMsPerListRequest} ms: ${cpu(value)} ms — ${verdict(value <= S.AIMS.cpuMsPerListRequest)}.`);
  }
  lines.push(`- API peak RSS < ${S.AIMS.peakRssMb} MB: ${mb(memory.api.peakMb)} — ${verdict(memory.api.peakMb < S.AIMS.peakRssMb)}.`);
  if (list && count) {
    const p50 = count.api.p50 / list.api.p50;
    const p99 = count.api.p99 / list.api.p99;
    lines.push(`- List with totalCount within ${S.AIMS.countVsList}× of the list${atSize(GROWTH_TO)}: p50 ${S.fmtRatio(p50)}, p99 ${S.fmtRatio(p99)} ` +
      `(req/s ${S.fmtRatio(count.api.rps / list.api.rps)} of the list's) — ${verdict(p50 <= S.AIMS.countVsList && p99 <= S.AIMS.countVsList)}.`);
  }
  const first = growth[0];
  const last = growth[growth.length - 1];
  const sizes = growth.length >= 2 && (first.contacts !== GROWTH_FROM || last.contacts !== GROWTH_TO)
    ? ` (the aim is stated from ${S.fmtInt(GROWTH_FROM)} to ${S.fmtInt(GROWTH_TO)} contacts)` : '';
  for (const { request } of results) {
    const ratios = growthRatios(growth, request.key);
    lines.push(ratios
      ? `- Growth ${S.fmtInt(first.contacts)} → ${S.fmtInt(last.contacts)} contacts within ${S.AIMS.growth}×${sizes}, ${request.title}: ` +
        `p50 ${S.fmtRatio(ratios.p50)}, p99 ${S.fmtRatio(ratios.p99)} — ${verdict(ratios.p50 <= S.AIMS.growth && ratios.p99 <= S.AIMS.growth)}.`
      : `- Growth within ${S.AIMS.growth}×, ${request.title}: not measured in this run (\`npm run bench -- --growth 10000,1000000\`).`);
  }
  const seedS = db.seeding.largeMs / 1000;
  const seedAimed = Math.round(S.AIMS.seedingS * db.seeding.generated / GROWTH_TO);
  lines.push(`- Seeding ${S.fmtInt(GROWTH_TO)} generated contacts in < ${S.AIMS.seedingS} s: ${S.fmtInt(db.seeding.generated)} in ${seedS.toFixed(1)} s` +
    (db.seeding.generated >= GROWTH_TO ? ` — ${verdict(seedS < S.AIMS.seedingS * db.seeding.generated / GROWTH_TO)}.`
      : ` (not a run at ${S.fmtInt(GROWTH_TO)}; pro rata the aim would be ${seedAimed} s).`));
  const problems = results.flatMap((result) => result.plans.flatMap((plan) => plan.problems.map((problem) => `${result.request.title}: ${problem}`)));
  lines.push(`- Query plans at ${S.fmtInt(db.seeding.contacts)} contacts index-driven (no sequential scan of a large table, no sort of many rows, ` +
    `no filter throwing most rows away): ${problems.length === 0 ? 'all are' : problems.join('; ')} — ${verdict(problems.length === 0)}.`);
  const busy = results.filter(({ api, floor }) => api.otherCores > 0.25 || floor.otherCores > 0.25);
  if (busy.length > 0) {
    lines.push('', `**Warning:** other processes kept more than 0.25 cores busy during ${busy.map((r) => r.request.title).join(', ')} ` +
      '(column "other processes" below): the machine was shared, and those figures are pessimistic, the API\'s more than the ' +
      'floor\'s where its "other" figure is higher. Re-run on a quiet machine before drawing fine conclusions.');
  }
  const drift = results.filter((result) => result.sqlDrift);
  if (drift.length > 0) {
    lines.push('', `**Warning:** the API's SQL differs from the floor's for ${drift.map((r) => r.request.title).join(', ')} ` +
      '(see the captured SQL below); the floor comparison is not like for like there.');
  }
  return lines.join('\n');
}

function growthSection(results: KindResult[], growth: GrowthRun[]): string {
  if (growth.length < 2) {
    return `Not measured in this run: only ${S.fmtInt(S.CONTACTS)} contacts (\`npm run bench -- --growth 10000,1000000\` measures both).`;
  }
  const lines = [
    `The API at ${growth.slice(0, -1).map((run) => S.fmtInt(run.contacts)).join(', ')} contacts, in a database and a process of its own, ` +
      `measured in rounds interleaved with the full comparison's at ${S.fmtInt(growth[growth.length - 1].contacts)} (API, floor, API at the ` +
      'smaller size; the next round starting with the next): same request, warm-up, rounds and connections. Ratios are over the smallest size.',
    '',
    '| request | contacts | req/s | p50 ms | p99 ms | p50 ratio | p99 ratio | CPU ms/request |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const { request } of results) {
    const base = growth[0].figures[request.key];
    for (const run of growth) {
      const f = run.figures[request.key];
      if (!f || !base) continue;
      lines.push(`| ${request.title} | ${S.fmtInt(run.contacts)} | ${S.fmtInt(f.rps)} | ${S.fmtMs(f.p50)} | ${S.fmtMs(f.p99)} | ` +
        `${run === growth[0] ? '' : S.fmtRatio(f.p50 / base.p50)} | ${run === growth[0] ? '' : S.fmtRatio(f.p99 / base.p99)} | ${cpu(f.cpuMsPerRequest)} |`);
    }
  }
  lines.push('', `Seeding per size (demo data, then the generated contacts with their cases and case parties, then \`VACUUM (ANALYZE)\`):`, '',
    '| contacts | demo s | generated contacts s | VACUUM (ANALYZE) s | API peak RSS |', '|---:|---:|---:|---:|---:|',
    ...growth.map((run) => `| ${S.fmtInt(run.seeding.contacts)} | ${seconds(run.seeding.demoMs)} | ${seconds(run.seeding.largeMs)} | ` +
      `${seconds(run.seeding.vacuumMs)} | ${mb(run.peakRssMb)} |`));
  const smaller = growth.slice(0, -1).flatMap((run) => Object.entries(run.plans).flatMap(([key, plans]) =>
    (plans ?? []).flatMap((plan) => plan.problems.map((problem) => `${S.fmtInt(run.contacts)} contacts, ${key}: ${problem}`))));
  if (smaller.length > 0) lines.push('', `Plan problems at the smaller sizes: ${smaller.join('; ')}.`);
  return lines.join('\n');
}

function planVerdict(plan: Plan): string {
  if (plan.text === '') return 'not a query';
  if (plan.problems.length > 0) return `**${plan.problems.join('; ')}**`;
  return plan.smallScans.length === 0 ? 'index-driven'
    : `index-driven (${plan.smallScans.join(', ')}: a few rows in the bench, read whole; an index serves the filter once large)`;
}

function planSection(result: KindResult): string {
  const own = result.plans.filter((plan) => !plan.label);
  const other = result.plans.filter((plan) => plan.label);
  // The generic plan (prepared statements) is shown when its nodes differ from the custom plan's.
  const shape = (text: string) => text.split('\n').filter((line) => /^\S|->/.test(line) && !/^(Planning|Execution)/.test(line))
    .map((line) => line.replace(/\s+\(.*$/, '').trim()).join('\n');
  const text = (plan: Plan) => [
    ...(plan.text === '' ? [] : ['```', plan.text, '```', '']),
    ...(plan.genericText === '' || shape(plan.genericText) === shape(plan.text) ? []
      : ['Generic plan (a prepared statement may settle on it):', '', '```', plan.genericText, '```', '']),
  ];
  return [
    `<details><summary>${result.request.title}: query plans at ${S.fmtInt(S.CONTACTS)} contacts (EXPLAIN ANALYZE, warm)</summary>`,
    '',
    'The statements above, in order (each also checked in the generic plan a prepared statement may settle on):',
    '',
    ...own.map((plan, i) => `${i + 1}. ${planVerdict(plan)}`),
    '',
    ...own.flatMap(text),
    ...other.flatMap((plan) => [`${plan.label}: ${planVerdict(plan)}`, '', `\`${plan.sql.replace(/`/g, "'")}\``, '', ...text(plan)]),
    '</details>',
  ].join('\n');
}

function sqlSection(result: KindResult): string {
  return [
    `<details><summary>${result.request.title}: SQL the API sent for one request (replayed by the raw-pg baseline)</summary>`,
    '',
    ...result.statements.map((s, i) => `${i + 1}. \`${s.sql.replace(/\s+/g, ' ').trim().replace(/`/g, "'")}\``),
    '',
    result.sqlDrift ? '**The floor runs different contact SQL** (see floor-sql.ts).' : 'The floor runs the same statements (checked by the bench).',
    '',
    '</details>',
  ].join('\n');
}

export interface ReportInput {
  results: KindResult[];
  db: BenchDatabase;
  /** The API at each size, smallest first, the full comparison's size last. */
  growth: GrowthRun[];
  startMemory: Memory;
  memory: Memory;
  loadBefore: string;
  totalS: number;
}

export function renderReport({ results, db, growth, startMemory, memory, loadBefore, totalS }: ReportInput): string {
  const date = new Date().toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
  const rawPeak = Math.max(...results.map((result) => result.rawPeakRssMb));
  const growthArgument = growth.length >= 2 ? growth.map((run) => run.contacts).join(',') : 'off';
  const command = `BENCH_DURATION=${S.DURATION_S} BENCH_WARMUP=${S.WARMUP_S} BENCH_ROUNDS=${S.ROUNDS} BENCH_CONNECTIONS=${S.CONNECTIONS} ` +
    `DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench -- --contacts ${S.CONTACTS} --growth ${growthArgument}`;
  const sections = results.map((result) => [
    `### ${result.request.title}`, '', '```graphql', result.request.query, '```', '', kindTable(result), '',
    `Per round, req/s: API ${result.perRound.api.map(S.fmtInt).join(', ')}; floor ${result.perRound.floor.map(S.fmtInt).join(', ')}.`,
    '', sqlSection(result), '', planSection(result),
  ].join('\n'));
  return `# Benchmarks

Generated by \`npm run bench\` (\`bench/run.ts\`) on ${date}; the file is overwritten on every run. Command of this run:

\`\`\`sh
${command}
\`\`\`

${S.ROUNDS} interleaved rounds of ${S.DURATION_S} s per server and request after ${S.WARMUP_S} s of warm-up each, ${S.fmtInt(db.seeding.contacts)} contacts${
  growth.length >= 2 ? ` (growth: the API at ${growth.slice(0, -1).map((run) => S.fmtInt(run.contacts)).join(', ')} contacts too, in rounds of its own)` : ''}${
  S.DURATION_S < 10 || S.ROUNDS < 2 ? ': **short settings**, chosen to keep a shared machine usable (the defaults are 2 rounds of 10 s)' : ''}.

## What is measured

Three processes, each alone: **the API** (\`bench/serve-api.ts\`: \`startApp\`, Apollo Server, type-graphql, CASL, TypeORM, pg pool
of ${S.POOL_MAX}; rate limits off, no worker, no logs), **the floor** (\`bench/floor-server.ts\`: plain \`node:http\` and a pg pool of
${S.POOL_MAX} that verifies the same JWT with \`src/auth/jwt\`, loads the principal and live grants with \`loadPrincipal\`, applies the same
row rule and runs the same contact SQL as the API, and answers the same JSON, no GraphQL) and **the load generator**
(\`bench/load.ts\`: autocannon, ${S.CONNECTIONS} keep-alive connections, a new process per round). Rounds are interleaved per request kind:
API, floor (and the API at each growth size), each round starting with the next server. Before any load, both servers are checked to answer the right rows (straight from the database, no
sensitive contact for a caseworker, a sensitive contact by id is null) and **the floor's JSON is checked equal to the API's**.
During a round any response that is not HTTP 2xx with \`{"data":…}\` and no \`"errors"\` counts as an error.

- req/s: good responses over the rounds' total time; p50/p99: nearest rank over every request of all rounds, measured by the load generator.
- CPU ms/request: utime + stime of the server's process (\`/proc/<pid>/stat\`, all its threads, GC included) over the round, divided by
  the requests; Postgres CPU ms/request: the same for the Postgres processes of the bench database (and Postgres' background ones).
- Other processes: the machine's busy CPU time over the round (all cores) less the server, its Postgres processes and the
  load generator, in cores; well above 0 means someone else's work competed with the round and its figures are pessimistic.
- Peak RSS: \`VmHWM\` of the server's process (\`/proc/<pid>/status\`) at the end of the run, start-up included.
- raw pg: the SQL the API sent for one request, captured from TypeORM's logger, replayed statement after statement by
  ${S.CONNECTIONS} async workers through a pg pool of ${S.POOL_MAX} in a child process of its own (no HTTP, no JWT, no JSON).

Caveats: the children run plain JavaScript transpiled from the TypeScript at the start of the bench (\`bench/compile.ts\`,
what ts-node --transpile-only would produce, without ts-node's compiler in memory). RSS right after start: API
${mb(startMemory.api.rssMb)}, floor ${mb(startMemory.floor.rssMb)}. Servers, load generator and Postgres share the machine's cores, so a
server's throughput is also limited by the CPU the load generator and Postgres take. Both servers run as in production:
NODE_ENV=production (graphql-js without its development-mode checks, no introspection, no IDE, errors without hints) with a
JWT_SECRET and SECRETS_ENCRYPTION_KEY made up for the run, and node's heap limit as deployed (\`${SERVER_NODE_FLAGS.join(' ')}\`, README: Deployment,
Memory); only the rate limits are off and the logs silent.

## Machine

| | |
|---|---|
| CPU | ${os.cpus().length} cores, ${os.cpus()[0]?.model?.trim() ?? 'unknown'} |
| Memory | ${(os.totalmem() / 1024 ** 3).toFixed(1)} GB |
| OS | ${os.type()} ${os.release()} ${os.arch()} |
| Node | ${process.version} |
| Postgres | ${db.postgresVersion} |
| Load average (1/5/15 min) at start | ${loadBefore} |

Seeding: demo data in ${seconds(db.seeding.demoMs)} s, then ${S.fmtInt(db.seeding.generated)} generated contacts with their cases and case
parties (\`src/cli/seed/large-data.ts\`; ${S.fmtInt(db.seeding.sensitive)} of ${S.fmtInt(db.seeding.contacts)} contacts sensitive) in
**${seconds(db.seeding.largeMs)} s**, then \`VACUUM (ANALYZE)\` in ${seconds(db.seeding.vacuumMs)} s. Whole bench: ${totalS.toFixed(0)} s.

## Summary (caseworker ${S.CASEWORKER})

${summary(results, memory)}

| process | RSS after start | peak RSS |
|---|---:|---:|
| API | ${mb(startMemory.api.rssMb)} | ${mb(memory.api.peakMb)} |
| floor | ${mb(startMemory.floor.rssMb)} | ${mb(memory.floor.peakMb)} |
| raw pg (largest of its runs) | | ${mb(rawPeak)} |

## Aims of issue 11

${aims(results, memory, growth, db)}

## Growth

${growthSection(results, growth)}

## Per request kind

${sections.join('\n\n')}
`;
}
