/**
 * LISTEN/NOTIFY on the embedded database. PGlite is ONE Postgres backend shared by every socket
 * connection, so a NotificationResponse comes out in the protocol stream of whichever connection
 * happened to commit the NOTIFY (measured: a `LISTEN` on connection A, `pg_notify` on B: only B's
 * client sees it), and PGlite's own `listen()` is never told either, because the socket server
 * reads raw protocol bytes. So the socket server hands every byte it sends to `scanNotifications`,
 * which picks the NotificationResponse messages out and gives them to this process's listeners.
 * One process owns an embedded database (its data folder is locked), so in-process is everywhere.
 */

type Handler = (payload: string) => void;

/** Channels with their in-process listeners, one hub per embedded database. */
export class EmbeddedNotificationHub {
  private readonly handlers = new Map<string, Set<Handler>>();

  /** Adds a listener; true when it is the channel's first (the caller then issues LISTEN). */
  add(channel: string, handler: Handler): boolean {
    const set = this.handlers.get(channel) ?? new Set<Handler>();
    this.handlers.set(channel, set);
    set.add(handler);
    return set.size === 1;
  }

  /** Removes a listener; true when the channel has none left (the caller then issues UNLISTEN). */
  remove(channel: string, handler: Handler): boolean {
    const set = this.handlers.get(channel);
    if (!set?.delete(handler) || set.size > 0) return false;
    this.handlers.delete(channel);
    return true;
  }

  dispatch(channel: string, payload: string): void {
    for (const handler of this.handlers.get(channel) ?? []) {
      // A listener's failure is its own; the protocol stream must go on.
      queueMicrotask(() => handler(payload));
    }
  }
}

/** Embedded databases of this process by connection URL (a fresh socket folder each, never reused). */
const hubs = new Map<string, EmbeddedNotificationHub>();

export function registerEmbeddedHub(url: string): EmbeddedNotificationHub {
  const hub = new EmbeddedNotificationHub();
  hubs.set(url, hub);
  return hub;
}

export const unregisterEmbeddedHub = (url: string) => hubs.delete(url);

/** The hub of the embedded database at `url`, or undefined for a real server. */
export const embeddedHubFor = (url: string | undefined) => (url ? hubs.get(url) : undefined);

const NOTIFICATION_RESPONSE = 0x41; // 'A'
const HEADER = 5; // type byte and int32 length (the length counts itself)
const utf8 = new TextDecoder();

/**
 * A reader of one protocol exchange's output, chunk by chunk (a message may straddle chunks):
 * other messages are skipped by their length, NotificationResponse (int32 pid, channel, payload as
 * C strings) is decoded and passed to `emit`.
 */
export function scanNotifications(emit: (channel: string, payload: string) => void): (chunk: Uint8Array) => void {
  const header = new Uint8Array(HEADER);
  let headerFill = 0;
  let skip = 0;
  let body: Uint8Array | null = null;
  let bodyFill = 0;
  return (chunk) => {
    let at = 0;
    while (at < chunk.length) {
      if (body) {
        const take = Math.min(body.length - bodyFill, chunk.length - at);
        body.set(chunk.subarray(at, at + take), bodyFill);
        bodyFill += take;
        at += take;
        if (bodyFill === body.length) {
          decode(body, emit);
          body = null;
        }
      } else if (skip > 0) {
        const take = Math.min(skip, chunk.length - at);
        skip -= take;
        at += take;
      } else {
        const take = Math.min(HEADER - headerFill, chunk.length - at);
        header.set(chunk.subarray(at, at + take), headerFill);
        headerFill += take;
        at += take;
        if (headerFill < HEADER) continue;
        headerFill = 0;
        const length = new DataView(header.buffer).getInt32(1) - 4;
        if (header[0] === NOTIFICATION_RESPONSE && length > 0) {
          body = new Uint8Array(length);
          bodyFill = 0;
        } else {
          skip = Math.max(length, 0);
        }
      }
    }
  };
}

function decode(body: Uint8Array, emit: (channel: string, payload: string) => void): void {
  const channelEnd = body.indexOf(0, 4);
  const payloadEnd = body.indexOf(0, channelEnd + 1);
  if (channelEnd < 0 || payloadEnd < 0) return;
  emit(utf8.decode(body.subarray(4, channelEnd)), utf8.decode(body.subarray(channelEnd + 1, payloadEnd)));
}
