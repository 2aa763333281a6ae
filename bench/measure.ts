/**
 * One measured round: a load child drives one server for a while; the server's CPU time comes
 * from /proc/<pid>/stat before and after, the Postgres time from the bench's Postgres processes.
 * And the arithmetic that turns rounds into the reported figures.
 */
import type { ServerChild } from './children';
import { runJsonChild } from './children';
import type { LoadOutcome, LoadSpec } from './load';
import { performance } from 'node:perf_hooks';
import { cpuMsOf, machineBusyMs, postgresMsBetween, postgresTicks } from './proc';
import type { RawSpec } from './raw-pg';
import { percentile } from './settings';

export interface Round extends LoadOutcome {
  /** CPU ms of the serving process during the round (the raw-pg child's own for the baseline). */
  serverCpuMs: number;
  postgresCpuMs: number;
  /** CPU ms of everything else on the machine (other users' work), load generator excluded. */
  otherCpuMs: number;
  /** Wall time of the measuring window, s (the round plus the load child's start and exit). */
  windowS: number;
}

export interface Figures {
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  cpuMsPerRequest: number;
  postgresMsPerRequest: number;
  errors: number;
  /** Cores other processes kept busy on average (not the server, its Postgres or the load generator). */
  otherCores: number;
}

type BenchPids = () => Promise<Set<number>>;

export async function measureServer(server: ServerChild, spec: Omit<LoadSpec, 'url'>, benchPids: BenchPids): Promise<Round> {
  const pgBefore = postgresTicks();
  const machineBefore = machineBusyMs();
  const windowStart = performance.now();
  const cpuBefore = cpuMsOf(server.pid);
  const outcome = await runJsonChild<LoadOutcome>('load.ts', { ...spec, url: server.url }, (spec.durationS + 60) * 1000);
  const serverCpuMs = cpuMsOf(server.pid) - cpuBefore;
  const machineMs = machineBusyMs() - machineBefore;
  const postgresCpuMs = postgresMsBetween(pgBefore, postgresTicks(), await benchPids());
  // The window also holds the load child's start (about a second of its CPU, not in its cpuMs).
  const otherCpuMs = Math.max(0, machineMs - serverCpuMs - postgresCpuMs - (outcome.cpuMs ?? 0));
  return { ...outcome, serverCpuMs, postgresCpuMs, otherCpuMs, windowS: (performance.now() - windowStart) / 1000 };
}

export async function measureRawPg(spec: RawSpec, benchPids: BenchPids): Promise<Round> {
  const machineBefore = machineBusyMs();
  const windowStart = performance.now();
  const outcome = await runJsonChild<LoadOutcome>('raw-pg.ts', spec, (spec.durationS + 60) * 1000);
  const machineMs = machineBusyMs() - machineBefore;
  const postgresCpuMs = outcome.postgresCpuMs ?? NaN;
  const serverCpuMs = outcome.cpuMs ?? NaN;
  return {
    ...outcome, serverCpuMs, postgresCpuMs, otherCpuMs: Math.max(0, machineMs - serverCpuMs - postgresCpuMs),
    windowS: (performance.now() - windowStart) / 1000,
  };
}

export const errorsOf = (round: LoadOutcome) => round.non2xx + round.mismatches + round.socketErrors + round.timeouts;

/** All rounds of one server together: requests over total time, percentiles over every request. */
export function figuresOf(rounds: Round[]): Figures {
  const requests = rounds.reduce((sum, round) => sum + round.requests, 0);
  const seconds = rounds.reduce((sum, round) => sum + round.elapsedS, 0);
  const latencies = rounds.flatMap((round) => round.latencies).sort((a, b) => a - b);
  const sum = (pick: (round: Round) => number) => rounds.reduce((total, round) => total + pick(round), 0);
  return {
    requests,
    rps: requests / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    cpuMsPerRequest: sum((round) => round.serverCpuMs) / requests,
    postgresMsPerRequest: sum((round) => round.postgresCpuMs) / requests,
    errors: sum(errorsOf),
    otherCores: sum((round) => round.otherCpuMs) / 1000 / sum((round) => round.windowS),
  };
}
