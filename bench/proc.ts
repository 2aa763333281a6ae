/**
 * What a process used, read from Linux /proc: CPU time (utime + stime of /proc/<pid>/stat) and
 * resident memory (VmRSS, and VmHWM, the peak, from /proc/<pid>/status). The bench measures each
 * server in its own child process, so these figures are the server's alone.
 */
import { execSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';

/** Clock ticks per second of /proc/<pid>/stat. */
export const CLOCK_TICKS = (() => {
  try {
    return Number(execSync('getconf CLK_TCK', { encoding: 'utf8', timeout: 5_000 }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** [command name, utime + stime in ticks] of a process, or undefined once it has gone. */
function statOf(pid: number): [string, number] | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  const close = stat.lastIndexOf(')');
  const fields = stat.slice(close + 2).split(' ');
  // Fields 14 and 15 of stat(5), counted from the state field (3) after the command name.
  return [stat.slice(stat.indexOf('(') + 1, close), Number(fields[11]) + Number(fields[12])];
}

/** CPU time used so far by a process (user + system, all its threads), in ms. */
export function cpuMsOf(pid: number): number {
  const stat = statOf(pid);
  if (!stat) throw new Error(`process ${pid} has gone`);
  return (stat[1] * 1000) / CLOCK_TICKS;
}

/** Resident memory of a process now and at its peak since it started, in MB. */
export function memoryOf(pid: number): { rssMb: number; peakMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
}

/** CPU ticks used so far by every process named "postgres". */
export function postgresTicks(): Map<number, number> {
  const ticks = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const stat = statOf(Number(name));
    if (stat && stat[0] === 'postgres') ticks.set(Number(name), stat[1]);
  }
  return ticks;
}

/** CPU ms the given Postgres processes used between two snapshots. */
export function postgresMsBetween(before: Map<number, number>, after: Map<number, number>, ours: Set<number>): number {
  let ticks = 0;
  for (const [pid, total] of after) if (ours.has(pid)) ticks += total - (before.get(pid) ?? 0);
  return (ticks * 1000) / CLOCK_TICKS;
}

/** Busy CPU ms of the whole machine so far (all cores), to see what else ran during a round. */
export function machineBusyMs(): number {
  let busy = 0;
  for (const { times } of os.cpus()) busy += times.user + times.nice + times.sys + times.irq;
  return busy;
}
