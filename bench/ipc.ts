/**
 * A tiny request/answer protocol over the IPC channel of a forked bench child: the parent sends
 * `{ id, op }`, the child answers `{ id, result }` or `{ id, error }`. The first message a server
 * child sends is `{ ready: { url } }`.
 */
import type { ChildProcess } from 'node:child_process';

export interface Ready {
  url: string;
}

type Handlers = Record<string, () => Promise<unknown>>;

/** In the child: answer the parent's operations; tells the parent it is ready. */
export function serveParent(ready: Ready, handlers: Handlers) {
  process.on('message', (message: { id: number; op: string }) => {
    const handler = handlers[message.op];
    const reply = (answer: object) => process.send?.({ id: message.id, ...answer });
    if (!handler) return reply({ error: `unknown operation ${message.op}` });
    handler().then((result) => reply({ result }), (error: Error) => reply({ error: error.message }));
  });
  // The parent gone (crash, Ctrl-C) means nobody will stop us: stop on our own.
  process.on('disconnect', () => process.exit(0));
  process.send?.({ ready });
}

/** In the parent: call an operation of a child and wait for its answer. */
export function ask<T>(child: ChildProcess, op: string, timeoutMs = 30_000): Promise<T> {
  const id = Math.random();
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => done(new Error(`child did not answer "${op}" within ${timeoutMs} ms`)), timeoutMs);
    const listener = (message: { id?: number; result?: T; error?: string }) => {
      if (message.id !== id) return;
      done(message.error ? new Error(message.error) : undefined, message.result as T);
    };
    const done = (error?: Error, result?: T) => {
      clearTimeout(timer);
      child.off('message', listener);
      if (error) reject(error);
      else resolve(result as T);
    };
    child.on('message', listener);
    child.send({ id, op });
  });
}
