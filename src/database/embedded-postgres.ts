import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type EmbeddedNotificationHub, registerEmbeddedHub, scanNotifications, unregisterEmbeddedHub } from './embedded-notifications';

export interface EmbeddedPostgres {
  url: string;
  /** The whole database as a tarball, to start others from (tests start from a migrated one). */
  dump(): Promise<Blob>;
  stop(): Promise<void>;
}

/**
 * Real Postgres compiled to WASM, served on a Unix socket so the ordinary `pg` driver (and so
 * TypeORM's postgres driver) talks to it exactly as to a server.
 * PGlite asks no password, so the socket must not be reachable by anyone else on the machine: it
 * lives in a fresh folder only this user may enter (mode 0700), never on a TCP port.
 * `dataDir` 'memory' gives a throw-away database (tests); a folder keeps data across restarts.
 */
export async function startEmbeddedPostgres(dataDir: string, from?: Blob): Promise<EmbeddedPostgres> {
  let location: string | undefined;
  let unlock = () => {};
  if (dataDir !== 'memory') {
    location = resolve(dataDir);
    mkdirSync(location, { recursive: true });
    unlock = lockDataDir(location);
  }
  // Starting from a dump skips initdb (a few seconds of WASM work): tests start from a migrated one.
  let db: PGlite;
  try {
    db = await PGlite.create({ ...(location ? { dataDir: location } : {}), ...(from ? { loadDataDir: from } : {}) });
  } catch (error) {
    unlock();
    throw error;
  }
  const socketDir = mkdtempSync(join(tmpdir(), 'cmg-pg-'));
  // PGlite runs one query at a time; the server queues the connections of the pool.
  const server = new PGLiteSocketServer({ db, path: join(socketDir, `.s.PGSQL.${SOCKET_PORT}`), maxConnections: 10 });
  // libpq's convention, which pg follows: a host that is a folder means the socket `.s.PGSQL.<port>` in it.
  const url = `postgres://postgres@${encodeURIComponent(socketDir)}:${SOCKET_PORT}/postgres`;
  keepExtendedQueriesWhole((server as unknown as { queryQueue: QueryQueue }).queryQueue, db, registerEmbeddedHub(url));
  try {
    await server.start();
  } catch (error) {
    unregisterEmbeddedHub(url);
    await db.close();
    rmSync(socketDir, { recursive: true, force: true });
    unlock();
    throw error;
  }
  return {
    url,
    dump: () => db.dumpDataDir('none'),
    async stop() {
      unregisterEmbeddedHub(url);
      await server.stop();
      await db.close();
      rmSync(socketDir, { recursive: true, force: true });
      unlock();
    },
  };
}

/**
 * One process at a time in a data folder: PGlite does not lock it, and two processes writing it
 * (npm start and npm run letters:batch) lost data. A lock file holds the owner's pid; one left by a
 * process that no longer runs is taken over.
 */
function lockDataDir(location: string): () => void {
  const file = join(location, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      writeFileSync(file, String(process.pid), { flag: 'wx' });
      return () => rmSync(file, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number(readFileSync(file, 'utf8'));
      if (Number.isInteger(owner) && owner > 0 && isRunning(owner)) {
        throw new Error(`The embedded database in ${location} is in use by process ${owner}: stop it first, or use DATABASE_URL.`);
      }
      rmSync(file, { force: true });
    }
  }
  throw new Error(`Could not lock the embedded database in ${location}.`);
}

const LOCK_FILE = '.cmg-backoffice.lock';
/** Only names the socket file: nothing listens on a TCP port. */
const SOCKET_PORT = 5432;

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

interface QueuedMessage {
  handlerId: number;
  message: Uint8Array;
  resolve(bytes: number): void;
  reject(error: unknown): void;
  onData(data: Uint8Array): void;
}
interface QueryQueue {
  queue: QueuedMessage[];
  processing: boolean;
  lastHandlerId: number | null;
  processQueue(): Promise<void>;
  clearQueueForHandler(handlerId: number): void;
}

/** Parse, Bind, Describe, Execute, Close, Flush: messages of an extended-protocol exchange that a Sync ends. */
const MID_EXCHANGE = new Set([...'PBDECH'].map((char) => char.charCodeAt(0)));

/**
 * pglite-socket queues the protocol messages of all connections one by one and only keeps a
 * connection's messages together inside a transaction. Outside one, the Parse of one connection
 * and the Bind of another could interleave on the single PGlite session ("bind message supplies 1
 * parameters, but prepared statement requires 2" under concurrent requests). This keeps each
 * connection's extended-protocol exchange whole, up to its Sync, as well as its transactions.
 * It also passes every NotificationResponse to `notifications` (see embedded-notifications.ts).
 */
function keepExtendedQueriesWhole(queue: QueryQueue, db: PGlite, notifications: EmbeddedNotificationHub): void {
  let midExchange: number | null = null;
  const clear = queue.clearQueueForHandler.bind(queue);
  queue.clearQueueForHandler = (handlerId) => {
    if (midExchange === handlerId) midExchange = null;
    clear(handlerId);
  };
  queue.processQueue = async function processQueue(this: QueryQueue) {
    if (this.processing || this.queue.length === 0) return;
    this.processing = true;
    try {
      while (this.queue.length > 0) {
        const pinned = midExchange ?? (db.isInTransaction() ? this.lastHandlerId : null);
        const index = pinned === null ? 0 : this.queue.findIndex((item) => item.handlerId === pinned);
        if (index === -1) break; // wait for the pinned connection's next message
        const [item] = this.queue.splice(index, 1);
        let bytes = 0;
        // NOTIFY output goes to whichever connection committed: hand it to the listeners instead.
        const scan = scanNotifications((channel, payload) => notifications.dispatch(channel, payload));
        try {
          await db.runExclusive(() => db.execProtocolRawStream(item.message, {
            onRawData: (data: Uint8Array) => {
              scan(data);
              bytes += data.length;
              item.onData(data);
            },
          }));
        } catch (error) {
          midExchange = null;
          item.reject(error);
          continue;
        }
        midExchange = MID_EXCHANGE.has(item.message[0]) ? item.handlerId : null;
        this.lastHandlerId = item.handlerId;
        item.resolve(bytes);
      }
    } finally {
      this.processing = false;
    }
  };
}
