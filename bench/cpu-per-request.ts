/**
 * Server CPU per request, quietly: the API alone in a child process (bench/serve-api.ts), a fixed
 * number of requests sent from this process at a low concurrency, and the child's own
 * process.cpuUsage() over them. Made for a shared machine, where req/s moves with the neighbours
 * but CPU ms per request hardly does (issue 11 points 1 and 2).
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx ts-node --transpile-only bench/cpu-per-request.ts
 *
 * The database PERF_DB (default cmg_perf) is created and seeded with PERF_CONTACTS generated
 * contacts the first time and kept for the next runs (PERF_DROP=1 drops it at the end).
 * PERF_REQUESTS (default 3000) per request kind after PERF_WARMUP (1000); PERF_CONCURRENCY (8).
 * PERF_COMPILED=1 runs the server as compiled JavaScript like `npm run bench` (memory figures
 * comparable with the bench's); PERF_NODE_OPTIONS adds flags to the server's node (for example
 * --max-old-space-size=1024); PERF_HEAP=1 prints process.memoryUsage() after start and at the end.
 */
import 'reflect-metadata';
import { fork, spawn } from 'node:child_process';
import { join } from 'node:path';
import { Agent, request as httpRequest } from 'node:http';
import { Client } from 'pg';
import { signAccessToken } from '../src/auth/jwt';
import { loadConfig } from '../src/config';
import { seedDemo } from '../src/cli/seed/demo-data';
import { seedLargeData } from '../src/cli/seed/large-data';
import { openDatabase } from '../src/database/open-database';
import { ENTITIES, SUBSCRIBERS } from '../src/modules/entities';
import { ask, type Ready } from './ipc';
import { COMPILED_ROOT, compileForChildren } from './compile';
import { cpuMsOf, memoryOf } from './proc';

const adminUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const dbName = process.env.PERF_DB ?? 'cmg_perf';
const REQUESTS = Number(process.env.PERF_REQUESTS ?? 3000);
const WARMUP = Number(process.env.PERF_WARMUP ?? 1000);
const CONCURRENCY = Number(process.env.PERF_CONCURRENCY ?? 8);
const CONTACTS = Number(process.env.PERF_CONTACTS ?? 20000);

const LIST = '{ contacts(first: 20) { edges { node { id firstName lastName scin } } pageInfo { hasNextPage endCursor } } }';
const COUNT = '{ contacts(first: 20) { totalCount edges { node { id firstName lastName scin } } pageInfo { hasNextPage endCursor } } }';
const BY_ID = 'query($id: ID!) { contact(id: $id) { id firstName lastName } }';

async function ensureDatabase(): Promise<string> {
  const url = new URL(adminUrl);
  url.pathname = `/${dbName}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  const { rows } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [dbName]);
  if (rows.length === 0) {
    await admin.query(`CREATE DATABASE "${dbName}"`);
    const database = await openDatabase({ databaseUrl: url.toString(), embeddedDataDir: 'memory' }, { entities: ENTITIES, subscribers: SUBSCRIBERS });
    await seedDemo(database.dataSource.manager);
    await seedLargeData(database.dataSource, CONTACTS, 0.05);
    await database.dataSource.query('VACUUM (ANALYZE)');
    await database.close();
  }
  await admin.end();
  return url.toString();
}

const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });

function post(url: URL, token: string, body: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, {
      method: 'POST', agent,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'content-length': Buffer.byteLength(body) },
    }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (chunk: string) => (text += chunk)).on('end', () => {
        if (res.statusCode !== 200 || text.includes('"errors"')) reject(new Error(`HTTP ${res.statusCode}: ${text.slice(0, 300)}`));
        else resolve(text);
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function run(url: URL, token: string, body: string, count: number) {
  let next = 0;
  const worker = async () => {
    while (next++ < count) await post(url, token, body);
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
}

async function main() {
  const databaseUrl = await ensureDatabase();
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  const [target] = (await db.query(`SELECT id FROM contact WHERE NOT sensitive AND scin LIKE 'GS%' ORDER BY scin OFFSET 5000 LIMIT 1`)).rows;
  await db.end();

  const env: NodeJS.ProcessEnv = {
    ...process.env, NODE_ENV: process.env.PERF_NODE_ENV ?? 'development', DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent',
    RUN_WORKER: 'false', RATE_LIMIT_ADDRESS_PER_MINUTE: '0', RATE_LIMIT_PRINCIPAL_PER_MINUTE: '0',
  };
  // PERF_SERVER=floor measures bench/floor-server.ts instead (CPU from /proc: 10 ms ticks).
  const floor = process.env.PERF_SERVER === 'floor';
  // PERF_COMPILED=1 runs the server as plain JavaScript (bench/compile.ts), as the bench does: no
  // TypeScript compiler in the process, so its memory figures are the ones to compare.
  const compiled = process.env.PERF_COMPILED === '1' && compileForChildren() > 0;
  const script = floor ? 'floor-server' : 'serve-api';
  const child = fork(compiled ? join(COMPILED_ROOT, 'bench', `${script}.js`) : join(__dirname, `${script}.ts`), [], {
    env, execArgv: [...(compiled ? [] : ['-r', 'ts-node/register/transpile-only']), ...(process.env.PERF_CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir=/tmp/perf-prof'] : []), ...(process.env.PERF_NODE_OPTIONS?.split(' ').filter(Boolean) ?? [])],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ready = await new Promise<Ready>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
    child.on('message', (message: { ready?: Ready }) => message.ready && resolve(message.ready));
  });
  const url = new URL(ready.url);
  const token = signAccessToken(loadConfig(env).jwt, { subject: 'CW1002', principalType: 'staff' });
  const kinds: [string, string][] = [
    ['contacts(first: 20)', JSON.stringify({ query: LIST })],
    ['contacts(first: 20) totalCount', JSON.stringify({ query: COUNT })],
    ['contact(id)', JSON.stringify({ query: BY_ID, variables: { id: target.id } })],
  ];
  const only = process.env.PERF_ONLY;
  if (process.env.PERF_HEAP) console.log('memory after start', JSON.stringify(await ask(child, 'memory')));
  for (const [title, body] of kinds) {
    if (only && title !== only) continue;
    await run(url, token, body, WARMUP);
    // PERF_STRACE=1: count the server's system calls over the measured requests (strace -c).
    const strace = process.env.PERF_STRACE ? spawn('strace', ['-c', '-f', '-p', String(child.pid)], { stdio: ['ignore', 'inherit', 'inherit'] }) : undefined;
    if (strace) await new Promise((resolve) => setTimeout(resolve, 500));
    const cpuNow = async () => (floor ? { user: cpuMsOf(child.pid!) * 1000, system: 0 } : ask<NodeJS.CpuUsage>(child, 'cpu'));
    const before = await cpuNow();
    const started = performance.now();
    await run(url, token, body, REQUESTS);
    const elapsed = performance.now() - started;
    const after = await cpuNow();
    if (strace) {
      strace.kill('SIGINT');
      await new Promise((resolve) => strace.once('exit', resolve));
    }
    const cpuMs = (after.user - before.user + after.system - before.system) / 1000;
    console.log(`${title.padEnd(32)} ${(cpuMs / REQUESTS).toFixed(3)} CPU ms/req  (${REQUESTS} requests, ${(REQUESTS / (elapsed / 1000)).toFixed(0)} req/s at ${CONCURRENCY})`);
  }
  const memory = floor ? memoryOf(child.pid!) : await ask<{ rssMb: number; peakMb: number }>(child, 'memory');
  console.log(`server RSS ${memory.rssMb.toFixed(0)} MB, peak ${memory.peakMb.toFixed(0)} MB ${compiled ? '(compiled JS)' : "(ts-node in the process: higher than the bench's)"}`);
  if (process.env.PERF_HEAP) console.log(JSON.stringify(memory));
  await ask(child, 'stop').catch(() => undefined);
  agent.destroy();
  if (process.env.PERF_DROP === '1') {
    const admin = new Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
    await admin.end();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
