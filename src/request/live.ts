import { AppError, ErrorCode } from '../common/errors';
import { declareRefusals } from '../common/refusals';
import type { RequestContext } from './context';

/** Why a subscription (GraphQL over WebSocket) was refused or ended. */
export enum LiveRefusal {
  /** A socket carries at most a few subscriptions at once. */
  TOO_MANY_SUBSCRIPTIONS = 'TOO_MANY_SUBSCRIPTIONS',
  /** Queries and mutations are served over HTTP, where every request is logged and limited. */
  USE_HTTP_FOR_QUERIES = 'USE_HTTP_FOR_QUERIES',
  /** The client did not read its events and too many waited: subscribe again, then catch up with a query. */
  SUBSCRIBER_TOO_SLOW = 'SUBSCRIBER_TOO_SLOW',
  /** The server lost its database listener, so events may have been missed: subscribe again, then catch up. */
  FEED_INTERRUPTED = 'FEED_INTERRUPTED',
}
declareRefusals('LiveRefusal', LiveRefusal, 'Why a subscription over WebSocket was refused or ended.', {
  TOO_MANY_SUBSCRIPTIONS: 'A connection carries only a few subscriptions at once.',
  USE_HTTP_FOR_QUERIES: 'Queries and mutations are served over HTTP, not over the WebSocket.',
  SUBSCRIBER_TOO_SLOW: 'Too many events waited unread: subscribe again, then catch up with a query.',
  FEED_INTERRUPTED: 'The server lost its event feed, so events may have been missed: subscribe again, then catch up with a query.',
});

export const liveRefusal = (reason: LiveRefusal, message: string, code = ErrorCode.BAD_USER_INPUT) =>
  new AppError(code, message, { reason });

/**
 * What a subscription has beyond a request: its connection, which outlives the instant the
 * context was built at. Each event is a new "request" against the access model.
 */
export interface LiveSession {
  /**
   * The context as a new request from this connection would get it now: token verified at the
   * clock's now, principal and live grants reloaded, ability rebuilt. Throws UNAUTHENTICATED (and
   * ends the connection, so the client reconnects with a fresh token) once that no longer holds.
   */
  refresh(): Promise<RequestContext>;
}

export interface LiveContext extends RequestContext {
  live: LiveSession;
}

/** Events waiting for a slow client, per subscription, before it is ended. */
export const MAX_QUEUED_EVENTS = 100;

/**
 * The event stream of one subscription: producers `push`, graphql-ws pulls with `next`. Ending it
 * (the client completes, the socket closes) calls `onEnd` once, so the producer forgets it.
 */
export class LiveQueue<T> implements AsyncIterableIterator<T> {
  private readonly items: T[] = [];
  private waiting: { resolve(result: IteratorResult<T>): void; reject(error: unknown): void } | null = null;
  private failure: { error: unknown } | null = null;
  private finished = false;

  constructor(private readonly onEnd: () => void, private readonly limit = MAX_QUEUED_EVENTS) {}

  /** True once nothing more will be delivered. */
  get ended(): boolean {
    return this.finished || this.failure !== null;
  }

  push(item: T): void {
    if (this.ended) return;
    if (this.waiting) {
      const { resolve } = this.waiting;
      this.waiting = null;
      resolve({ value: item, done: false });
      return;
    }
    if (this.items.length >= this.limit) {
      this.fail(liveRefusal(LiveRefusal.SUBSCRIBER_TOO_SLOW, 'Too many events waited for this subscription: subscribe again.'));
      return;
    }
    this.items.push(item);
  }

  /** Ends the stream with `error`, after the events already queued. */
  fail(error: unknown): void {
    if (this.ended) return;
    if (this.waiting) {
      const { reject } = this.waiting;
      this.waiting = null;
      this.finish();
      reject(error);
      return;
    }
    this.failure = { error };
  }

  next(): Promise<IteratorResult<T>> {
    if (this.items.length > 0) return Promise.resolve({ value: this.items.shift()!, done: false });
    if (this.failure) {
      const { error } = this.failure;
      this.finish();
      return Promise.reject(error);
    }
    if (this.finished) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
    });
  }

  return(): Promise<IteratorResult<T>> {
    this.finish();
    return Promise.resolve({ value: undefined, done: true });
  }

  throw(error: unknown): Promise<IteratorResult<T>> {
    this.finish();
    return Promise.reject(error);
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<T> {
    return this;
  }

  private finish(): void {
    if (this.finished) return;
    this.finished = true;
    this.items.length = 0;
    this.waiting?.resolve({ value: undefined, done: true });
    this.waiting = null;
    this.onEnd();
  }
}
