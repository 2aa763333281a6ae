import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';

export interface EmbeddedPostgres {
  url: string;
  stop(): Promise<void>;
}

/**
 * Real Postgres compiled to WASM, served on a loopback socket so the ordinary `pg` driver
 * (and so TypeORM's postgres driver) talks to it exactly as to a server.
 * `dataDir` 'memory' gives a throw-away database (tests); a folder keeps data across restarts.
 */
export async function startEmbeddedPostgres(dataDir: string): Promise<EmbeddedPostgres> {
  let location: string | undefined;
  if (dataDir !== 'memory') {
    location = resolve(dataDir);
    mkdirSync(location, { recursive: true });
  }
  const db = await PGlite.create(location ? { dataDir: location } : undefined);
  // PGlite runs one query at a time; the server queues the connections of the pool.
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 10 });
  await server.start();
  const { port } = serverAddress(server);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}

function serverAddress(server: PGLiteSocketServer): { port: number } {
  const conn = server.getServerConn?.() as string | undefined;
  const port = Number(conn?.split(':').pop());
  if (!Number.isInteger(port) || port <= 0) throw new Error(`embedded Postgres did not report its port (${conn})`);
  return { port };
}
