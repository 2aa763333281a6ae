/**
 * The raw-pg baseline, in its own process: the SQL captured from one API request, replayed
 * statement after statement by N concurrent async workers through a plain pg.Pool for a while.
 * Usage: `raw-pg.ts '<json RawSpec>'`; prints one JSON LoadOutcome on stdout. It shows what the
 * database work alone allows, with no HTTP, no JWT and no JSON.
 */
import { Pool } from 'pg';
import type { LoadOutcome } from './load';
import { CLOCK_TICKS, postgresTicks } from './proc';
import type { Statement } from './serve-api';

export interface RawSpec {
  databaseUrl: string;
  poolMax: number;
  statements: Statement[];
  workers: number;
  durationS: number;
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

async function run(spec: RawSpec): Promise<LoadOutcome> {
  const pool = new Pool({ connectionString: spec.databaseUrl, max: spec.poolMax, application_name: 'cmg-bench-raw' });
  const latencies: number[] = [];
  let failures = 0;
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const deadline = started + spec.durationS * 1000;
  // Instants (the "now" of the live-grants query, a Date before it went through JSON) are taken
  // afresh per request, as the app does.
  const parametersOf = (statement: Statement) =>
    statement.parameters.map((value) => (typeof value === 'string' && ISO_INSTANT.test(value) ? new Date() : value));
  const worker = async () => {
    while (performance.now() < deadline) {
      const t0 = performance.now();
      try {
        for (const statement of statements) await pool.query(statement.sql, parametersOf(statement));
        latencies.push(Math.round((performance.now() - t0) * 1000) / 1000);
      } catch {
        failures++;
      }
    }
  };
  const statements = spec.statements;
  await Promise.all(Array.from({ length: spec.workers }, worker));
  const elapsedS = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  // Our Postgres sessions end with the pool, before the parent could read them: read their CPU
  // here (since each session started, which was during this run).
  const { rows } = await pool.query(`SELECT pid FROM pg_stat_activity WHERE application_name = 'cmg-bench-raw'`);
  const ticks = postgresTicks();
  const postgresCpuMs = rows.reduce((sum: number, row: { pid: number }) => sum + (ticks.get(row.pid) ?? 0), 0) * 1000 / CLOCK_TICKS;
  await pool.end();
  return {
    requests: latencies.length, elapsedS, latencies, non2xx: 0, mismatches: failures, socketErrors: 0, timeouts: 0,
    cpuMs: (cpu.user + cpu.system) / 1000, postgresCpuMs, peakRssMb: process.resourceUsage().maxRSS / 1024,
  };
}

run(JSON.parse(process.argv[2]) as RawSpec).then(
  (outcome) => process.stdout.write(JSON.stringify(outcome) + '\n'),
  (error) => {
    console.error('[raw-pg]', error);
    process.exit(1);
  },
);
