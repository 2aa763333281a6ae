/**
 * Starting the bench's child processes: the two servers (forked, with an IPC channel for
 * "ready", the SQL capture and "stop") and the one-shot load runs (spawned, answering one JSON
 * line on stdout). Every child runs the plain JavaScript compile.ts wrote, under plain node.
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { COMPILED_ROOT } from './compile';
import { ask, type Ready } from './ipc';
import { onCleanup, withTimeout } from './settings';

const ROOT = join(__dirname, '..');

/**
 * Node flags of both servers: the heap limit the README's deployment notes give the API in
 * production (and `npm start` sets), so peak RSS is measured as deployed; the floor gets the same
 * so the comparison stays fair.
 */
export const SERVER_NODE_FLAGS = ['--max-old-space-size=1024'];
const compiled = (script: string) => join(COMPILED_ROOT, 'bench', script.replace(/\.ts$/, '.js'));

export interface ServerChild {
  name: string;
  pid: number;
  url: string;
  child: ChildProcess;
  ask<T>(op: string): Promise<T>;
  stop(): Promise<void>;
}

/** Forks a server script with `env` and waits for its "ready". */
export async function startServer(name: string, script: string, env: NodeJS.ProcessEnv): Promise<ServerChild> {
  const child = fork(compiled(script), [], { cwd: ROOT, env, execArgv: SERVER_NODE_FLAGS, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  let stopped = false;
  const stop = async () => {
    if (stopped || child.exitCode !== null) return;
    stopped = true;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    await ask(child, 'stop', 10_000).catch(() => child.kill('SIGKILL'));
    await withTimeout(`${name} exit`, 10_000, exited).catch(() => child.kill('SIGKILL'));
  };
  onCleanup(`stop ${name}`, stop);
  const ready = await withTimeout(`${name} start`, 120_000, new Promise<Ready>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${name} exited with ${code} before it was ready`)));
    child.on('message', (message: { ready?: Ready }) => message.ready && resolve(message.ready));
  }));
  return { name, pid: child.pid!, url: ready.url, child, ask: (op) => ask(child, op), stop };
}

/** Runs a one-shot script with a JSON argument; resolves with the JSON it prints last. */
export function runJsonChild<T>(script: string, argument: unknown, timeoutMs: number): Promise<T> {
  const child = spawn(process.execPath, [compiled(script), JSON.stringify(argument)], {
    cwd: ROOT, env: process.env, stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  const done = new Promise<T>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code !== 0) return reject(new Error(`${script} exited with ${code}`));
      try {
        resolve(JSON.parse(out.trim().split('\n').pop() ?? '') as T);
      } catch {
        reject(new Error(`${script} printed no JSON result`));
      }
    });
  });
  return withTimeout(script, timeoutMs, done).catch((error) => {
    child.kill('SIGKILL');
    throw error;
  });
}
