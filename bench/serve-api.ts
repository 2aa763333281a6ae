/**
 * The API under test, alone in its own process (forked by bench/run.ts), so its CPU time and
 * peak memory can be read from /proc for the server only. Configured through the environment
 * the parent gives it (DATABASE_URL of the bench database, rate limits off, no worker, no logs).
 * Besides serving, it answers two IPC operations to capture the SQL TypeORM sends for one
 * request, which the raw-pg baseline replays and the floor is checked against.
 */
import 'reflect-metadata';
import { systemClock } from '../src/common/clock';
import { loadConfigOrExit } from '../src/config';
import { openDatabase } from '../src/database/open-database';
import { ENTITIES, SUBSCRIBERS } from '../src/modules/entities';
import { startApp } from '../src/server/http-server';
import { createLogger } from '../src/server/logger';
import { serveParent } from './ipc';
import { memoryOf } from './proc';

export interface Statement {
  sql: string;
  parameters: unknown[];
}

async function main() {
  const config = loadConfigOrExit(process.env);
  const logger = createLogger(config);
  const database = await openDatabase(config, { entities: ENTITIES, subscribers: SUBSCRIBERS });
  const app = await startApp({ config, dataSource: database.dataSource, clock: systemClock, logger }, 0);

  const queryLogger = database.dataSource.logger;
  const original = queryLogger.logQuery;
  let captured: Statement[] = [];
  serveParent({ url: `${app.url}/graphql` }, {
    captureStart: async () => {
      captured = [];
      queryLogger.logQuery = function (query: string, parameters?: unknown[], queryRunner?: any) {
        captured.push({ sql: query, parameters: parameters ? [...parameters] : [] });
        return original.call(this, query, parameters, queryRunner);
      };
      return true;
    },
    captureStop: async () => {
      queryLogger.logQuery = original;
      return captured;
    },
    // For bench/cpu-per-request.ts: this process's own CPU time and memory.
    cpu: async () => process.cpuUsage(),
    memory: async () => ({ ...memoryOf(process.pid), ...process.memoryUsage() }),
    stop: async () => {
      await app.close(1_000);
      await database.close();
      setImmediate(() => process.exit(0));
      return true;
    },
  });
}

main().catch((error) => {
  console.error('[serve-api]', error);
  process.exit(1);
});
