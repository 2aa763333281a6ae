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

export const DURATION_S = envInt('BENCH_DURATION', 10, 1, 120);
export const WARMUP_S = envInt('BENCH_WARMUP', 2, 0, 30);
export const CONNECTIONS = envInt('BENCH_CONNECTIONS', 32, 1, 1000);
export const CONTACTS = envInt('BENCH_CONTACTS', 100_000, 100, 1_000_000);
/** Interleaved rounds per request kind: API, floor, API, floor ... */
export const ROUNDS = envInt('BENCH_ROUNDS', 2, 1, 10);
export const SENSITIVE_SHARE = 0.05;
/** Same pool size as the app (src/database/data-source.ts) for the floor and the raw-pg baseline. */
export const POOL_MAX = 10;
/** Hard ceiling for the whole run; past it we clean up and exit 1. */
export const WATCHDOG_MS = 15 * 60_000;

/** The aims of issue 11, checked in the report. */
export const AIMS = {
  listVsFloor: 0.5,
  byIdVsFloor: 0.6,
  p99Ms: 50,
  cpuMsPerListRequest: 0.8,
  peakRssMb: 200,
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
