import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { loadConfig } from '../src/config';
import { loadDemoIfDevelopment } from '../src/cli/seed/demo-data';
import { createDataSource } from '../src/database/data-source';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../src/database/embedded-postgres';
import { migrate } from '../src/database/open-database';
import { ENTITIES } from '../src/modules/entities';

/** Several instances on one Postgres: they migrate in turn, and production never gets demo data. */

let url: string;
let embedded: EmbeddedPostgres | undefined;
let dropDatabase: (() => Promise<void>) | undefined;
beforeAll(async () => {
  const server = process.env.DATABASE_URL;
  if (!server) {
    embedded = await startEmbeddedPostgres('memory');
    url = embedded.url;
    return;
  }
  const name = `cmg_instances_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: server });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const target = new URL(server);
  target.pathname = `/${name}`;
  url = target.toString();
  dropDatabase = async () => {
    const cleanup = new Client({ connectionString: server });
    await cleanup.connect();
    await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await cleanup.end();
  };
});
afterAll(async () => {
  await embedded?.stop();
  await dropDatabase?.();
});

// PGlite is one backend for every connection, so session locks cannot exclude one another there;
// the embedded database is one process's anyway. Instances meet on a real server (DATABASE_URL).
const onRealPostgres = process.env.DATABASE_URL ? it : it.skip;

describe('instances starting together on one empty database', () => {
  onRealPostgres('three instances migrate in turn under an advisory lock: none fails, each migration runs once', async () => {
    const instances = [1, 2, 3].map(() => createDataSource({ url, entities: ENTITIES, poolSize: 3 }));
    await Promise.all(instances.map((dataSource) => dataSource.initialize()));
    try {
      await Promise.all(instances.map((dataSource) => migrate(dataSource)));
      const applied = await instances[0].query('SELECT name, count(*)::int AS n FROM migrations GROUP BY name');
      expect(applied.length).toBeGreaterThan(0);
      expect(applied.every((row: { n: number }) => row.n === 1)).toBe(true);
      expect(await instances[1].query('SELECT count(*)::int AS n FROM staff')).toEqual([{ n: 0 }]);
    } finally {
      await Promise.all(instances.map((dataSource) => dataSource.destroy()));
    }
  });

  it('an empty production database gets no demo data; development does', async () => {
    const dataSource = createDataSource({ url, entities: ENTITIES, poolSize: 2 });
    await dataSource.initialize();
    try {
      await migrate(dataSource);
      expect(await loadDemoIfDevelopment(loadConfig({ NODE_ENV: 'production', DATABASE_URL: url, JWT_SECRET: 'x'.repeat(40),
        SECRETS_ENCRYPTION_KEY: randomBytes(32).toString('base64') }), dataSource.manager)).toBe(false);
      expect(await dataSource.query('SELECT count(*)::int AS n FROM staff')).toEqual([{ n: 0 }]);
      expect(await loadDemoIfDevelopment(loadConfig({ NODE_ENV: 'development' }), dataSource.manager)).toBe(true);
      expect((await dataSource.query(`SELECT count(*)::int AS n FROM staff WHERE role = 'SCR_MANAGER'`))[0].n).toBeGreaterThan(0);
    } finally {
      await dataSource.destroy();
    }
  });
});
