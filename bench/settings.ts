/**
 * Settings and small helpers shared by the bench orchestrator (run.ts) and its reports.
 * Tunables come from the environment so a short run on a shared machine is one command line.
 */
import { join } from 'node:path';

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

/** `--name value` or `--name=value` on the command line (`npm run bench -- --contacts 1000000`). */
function argument(name: string): string | undefined {
  const args = process.argv.slice(2);
  for (let i = 0; i < args.length; i++) {
    if (args[i] === `--${name}`) return args[i + 1] ?? '';
    if (args[i].startsWith(`--${name}=`)) return args[i].slice(name.length + 3);
  }
  return undefined;
}

function fail(message: string): never {
  console.error(message);
  return process.exit(1);
}

const MIN_CONTACTS = 100;
const MAX_CONTACTS = 5_000_000;
const contactCount = (what: string, raw: string): number => {
  const value = Number(raw.replace(/_/g, ''));
  if (!Number.isInteger(value) || value < MIN_CONTACTS || value > MAX_CONTACTS) {
    fail(`${what} must be a whole number of contacts from ${MIN_CONTACTS} to ${MAX_CONTACTS} (got "${raw}")`);
  }
  return value;
};

{
  const known = /^--(contacts|growth)(=|$)/;
  const unknown = process.argv.slice(2).filter((arg, i, args) => arg.startsWith('--') && !known.test(arg) && !known.test(args[i - 1] ?? ''));
  if (unknown.length > 0) {
    fail(`unknown option ${unknown.join(' ')}; usage: npm run bench [-- --contacts N] [--growth N1,N2,...|off]`);
  }
}

export const DURATION_S = envInt('BENCH_DURATION', 10, 1, 120);
export const WARMUP_S = envInt('BENCH_WARMUP', 2, 0, 30);
export const CONNECTIONS = envInt('BENCH_CONNECTIONS', 32, 1, 1000);

/**
 * Table sizes. The full comparison (API, floor, raw pg) runs at CONTACTS: `--contacts N`, else the
 * largest size of `--growth`, else BENCH_CONTACTS, else 100,000. GROWTH_SIZES are the smaller sizes
 * at which the API is measured too, in a database and a process of their own, for the growth table of
 * issue 11 point 4 (p50 and p99 at CONTACTS over those at the smallest size): `--growth 10000,1000000`
 * (or BENCH_GROWTH) names them, `--growth off` measures none, and by default it is 10,000 whenever
 * CONTACTS is larger.
 */
const growthList = ((): number[] | undefined => {
  const raw = argument('growth') ?? process.env.BENCH_GROWTH;
  if (raw === undefined || raw.trim() === '') return undefined;
  if (raw.trim() === 'off') return [];
  return [...new Set(raw.split(',').map((part) => contactCount('--growth', part.trim())))].sort((a, b) => a - b);
})();
export const CONTACTS = (() => {
  const raw = argument('contacts');
  if (raw !== undefined) return contactCount('--contacts', raw);
  if (growthList && growthList.length > 0) return growthList[growthList.length - 1];
  return envInt('BENCH_CONTACTS', 100_000, MIN_CONTACTS, MAX_CONTACTS);
})();
export const GROWTH_BASE = 10_000;
export const GROWTH_SIZES: number[] = (growthList ?? (CONTACTS > GROWTH_BASE ? [GROWTH_BASE] : [])).filter((size) => size < CONTACTS);
/** Interleaved rounds per request kind: API, floor (API at the growth sizes); the next round starts with the next. */
export const ROUNDS = envInt('BENCH_ROUNDS', 2, 1, 10);
export const SENSITIVE_SHARE = 0.05;
/** Same pool size as the app (src/database/data-source.ts) for the floor and the raw-pg baseline. */
export const POOL_MAX = 10;
/** Hard ceiling for the whole run; past it we clean up and exit 1. */
export const WATCHDOG_MS = 45 * 60_000;

/** The aims of issue 11, checked in the report. */
export const AIMS = {
  listVsFloor: 0.5,
  byIdVsFloor: 0.6,
  p99Ms: 50,
  cpuMsPerListRequest: 0.8,
  peakRssMb: 200,
  /** p50 and p99 of the list with totalCount over the list's, at 1M contacts. */
  countVsList: 1.5,
  /** p50 and p99 at 1M contacts over those at 10k, per request. */
  growth: 1.3,
  /** Generating 1M contacts (with their cases and parties), s. */
  seedingS: 60,
};

export const REPORT_PATH = join(__dirname, '..', 'docs', 'benchmarks.md');
export const CASEWORKER = 'CW1002';

export const log = (message: string) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`);
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
export const fmtInt = (value: number) => (Number.isFinite(value) ? Math.round(value).toLocaleString('en-GB') : 'n/a');
export const fmtMs = (value: number) => (!Number.isFinite(value) ? 'n/a' : value < 10 ? value.toFixed(2) : value.toFixed(1));
export const fmtRatio = (value: number) => (Number.isFinite(value) ? `${value.toFixed(2)}×` : 'n/a');

/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

export class BenchFailure extends Error {}
export function check(condition: unknown, message: string): asserts condition {
  if (!condition) throw new BenchFailure(`check failed: ${message}`);
}

/** Rejects after `ms` so nothing can hang the run. */
export async function withTimeout<T>(what: string, ms: number, promise: Promise<T>): Promise<T> {
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

// Cleanup: everything registered runs once, last-in first-out, on success, failure or signal.
const cleanups: { name: string; run: () => Promise<void> }[] = [];
let cleaningUp: Promise<void> | undefined;

export function onCleanup(name: string, run: () => Promise<void>) {
  cleanups.push({ name, run });
}

export function cleanUp(): Promise<void> {
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
