/**
 * docs/benchmarks.md and the console summary, from the figures of one run.
 */
import os from 'node:os';
import type { BenchDatabase } from './database';
import type { Figures } from './measure';
import type { RequestKind } from './requests';
import type { Statement } from './serve-api';
import * as S from './settings';

export interface KindResult {
  request: RequestKind;
  statements: Statement[];
  sqlDrift: boolean;
  api: Figures;
  floor: Figures;
  raw: Figures;
  rawPeakRssMb: number;
  perRound: { api: number[]; floor: number[] };
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

export function summary(results: KindResult[], memory: Memory): string {
  const lines = [
    '| request | API req/s | floor req/s | API/floor | API p50 / p99 ms | floor p50 / p99 ms | API CPU ms/req | floor CPU ms/req | raw pg req/s |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const { request, api, floor, raw } of results) {
    lines.push(`| ${request.title} | ${S.fmtInt(api.rps)} | ${S.fmtInt(floor.rps)} | ${S.fmtRatio(api.rps / floor.rps)} | ` +
      `${S.fmtMs(api.p50)} / ${S.fmtMs(api.p99)} | ${S.fmtMs(floor.p50)} / ${S.fmtMs(floor.p99)} | ${cpu(api.cpuMsPerRequest)} | ` +
      `${cpu(floor.cpuMsPerRequest)} | ${S.fmtInt(raw.rps)} |`);
  }
  lines.push('', `Peak RSS: API ${mb(memory.api.peakMb)}, floor ${mb(memory.floor.peakMb)} ` +
    `(API/floor ${S.fmtRatio(memory.api.peakMb / memory.floor.peakMb)}).`);
  return lines.join('\n');
}

function aims(results: KindResult[], memory: Memory): string {
  const by = (key: RequestKind['key']) => results.find((result) => result.request.key === key);
  const lines: string[] = [];
  const list = by('list');
  const byId = by('byId');
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
  startMemory: Memory;
  memory: Memory;
  loadBefore: string;
  totalS: number;
}

export function renderReport({ results, db, startMemory, memory, loadBefore, totalS }: ReportInput): string {
  const date = new Date().toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
  const rawPeak = Math.max(...results.map((result) => result.rawPeakRssMb));
  const command = `BENCH_DURATION=${S.DURATION_S} BENCH_WARMUP=${S.WARMUP_S} BENCH_ROUNDS=${S.ROUNDS} BENCH_CONNECTIONS=${S.CONNECTIONS} ` +
    `BENCH_CONTACTS=${S.CONTACTS} DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench`;
  const sections = results.map((result) => [
    `### ${result.request.title}`, '', '```graphql', result.request.query, '```', '', kindTable(result), '',
    `Per round, req/s: API ${result.perRound.api.map(S.fmtInt).join(', ')}; floor ${result.perRound.floor.map(S.fmtInt).join(', ')}.`,
    '', sqlSection(result),
  ].join('\n'));
  return `# Benchmarks

Generated by \`npm run bench\` (\`bench/run.ts\`) on ${date}; the file is overwritten on every run. Command of this run:

\`\`\`sh
${command}
\`\`\`

${S.ROUNDS} interleaved rounds of ${S.DURATION_S} s per server and request after ${S.WARMUP_S} s of warm-up each, ${S.fmtInt(db.seeding.contacts)} contacts${
  S.DURATION_S < 10 || S.CONTACTS < 100_000 ? ': **short settings**, chosen to keep a shared machine usable (the defaults are 10 s rounds and 100,000 contacts)' : ''}.

## What is measured

Three processes, each alone: **the API** (\`bench/serve-api.ts\`: \`startApp\`, Apollo Server, type-graphql, CASL, TypeORM, pg pool
of ${S.POOL_MAX}; rate limits off, no worker, no logs), **the floor** (\`bench/floor-server.ts\`: plain \`node:http\` and a pg pool of
${S.POOL_MAX} that verifies the same JWT with \`src/auth/jwt\`, loads the principal and live grants with \`loadPrincipal\`, applies the same
row rule and runs the same contact SQL as the API, and answers the same JSON, no GraphQL) and **the load generator**
(\`bench/load.ts\`: autocannon, ${S.CONNECTIONS} keep-alive connections, a new process per round). Rounds are interleaved per request kind:
API, floor, API, floor ... Before any load, both servers are checked to answer the right rows (straight from the database, no
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
server's throughput is also limited by the CPU the load generator and Postgres take. The servers run with NODE_ENV=development
(graphql-js development-mode checks on, as \`npm start\` without NODE_ENV).

## Machine

| | |
|---|---|
| CPU | ${os.cpus().length} cores, ${os.cpus()[0]?.model?.trim() ?? 'unknown'} |
| Memory | ${(os.totalmem() / 1024 ** 3).toFixed(1)} GB |
| OS | ${os.type()} ${os.release()} ${os.arch()} |
| Node | ${process.version} |
| Postgres | ${db.postgresVersion} |
| Load average (1/5/15 min) at start | ${loadBefore} |

Seeding: demo data plus ${S.fmtInt(S.CONTACTS)} generated contacts (${S.fmtInt(db.seeding.sensitive)} of ${S.fmtInt(db.seeding.contacts)} sensitive) in
${((db.seeding.demoMs + db.seeding.largeMs) / 1000).toFixed(1)} s, then \`VACUUM (ANALYZE)\`. Whole bench: ${totalS.toFixed(0)} s.

## Summary (caseworker ${S.CASEWORKER})

${summary(results, memory)}

| process | RSS after start | peak RSS |
|---|---:|---:|
| API | ${mb(startMemory.api.rssMb)} | ${mb(memory.api.peakMb)} |
| floor | ${mb(startMemory.floor.rssMb)} | ${mb(memory.floor.peakMb)} |
| raw pg (largest of its runs) | | ${mb(rawPeak)} |

## Aims of issue 11

${aims(results, memory)}

## Per request kind

${sections.join('\n\n')}
`;
}
