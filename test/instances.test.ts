import { randomBytes } from 'node:crypto';
import { loadConfig } from '../src/config';
import { loadDemoIfDevelopment } from '../src/cli/seed/demo-data';
import { createDataSource } from '../src/database/data-source';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../src/database/embedded-postgres';
import { migrate } from '../src/database/open-database';
import { ENTITIES, SUBSCRIBERS } from '../src/modules/entities';
import { signAccessToken } from '../src/auth/jwt';
import { ManualClock } from '../src/common/clock';
import { startApp, type App } from '../src/server/http-server';
import { createLogger } from '../src/server/logger';
import { APPROVE, CHECK, formFor, GRANT, SUBMIT, sensitiveDemoSr } from './support/access-chain';
import { contactByScin, DEMO } from './support/demo';
import { scratchDatabase } from './support/database';
import { postGraphQL } from './support/test-app';

/** Several instances on one Postgres: they migrate in turn, production never gets demo data, the chain runs across them. */

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
  const scratch = await scratchDatabase(server);
  url = scratch.url;
  dropDatabase = scratch.drop;
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
    const instances = [1, 2, 3].map(() => createDataSource({ url, entities: ENTITIES, subscribers: SUBSCRIBERS, poolSize: 3 }));
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
    const dataSource = createDataSource({ url, entities: ENTITIES, subscribers: SUBSCRIBERS, poolSize: 2 });
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

  it('TAR-2, TAR-4 across three instances: the approval chain runs with each step on another instance; two approvals at once give one transition', async () => {
    const config = loadConfig({ NODE_ENV: 'test' });
    const clock = new ManualClock('2026-03-02T09:00:00Z');
    const sources = [1, 2, 3].map(() => createDataSource({ url, entities: ENTITIES, subscribers: SUBSCRIBERS, poolSize: 3 }));
    await Promise.all(sources.map((dataSource) => dataSource.initialize()));
    const apps: App[] = [];
    try {
      await migrate(sources[0]);
      await loadDemoIfDevelopment({ nodeEnv: 'development' }, sources[0].manager);
      for (const dataSource of sources) {
        apps.push(await startApp({ config, dataSource, clock, logger: createLogger({ logLevel: 'silent' }) }, 0));
      }
      const as = (instance: number, staff: string) => (query: string, variables?: Record<string, unknown>) =>
        postGraphQL(apps[instance].url, signAccessToken(config.jwt, { subject: staff, principalType: 'staff' }, { now: clock.now() }), query, variables);
      const chloe = await contactByScin(sources[0], DEMO.sensitivePwc);
      expect((await sensitiveDemoSr(sources[0])).subjectContactId).toBe(chloe.id);

      const submitted = (await as(0, 'CW1002')(SUBMIT, { input: await formFor(sources[0]) })).data.submitAccessRequest.accessRequest;
      expect((await as(1, 'TL1001')(CHECK, { input: { id: submitted.id } })).data.checkAccessRequest.accessRequest.status).toBe('TL_CHECKED');
      const approvals = await Promise.all([as(1, 'SCRM3001')(APPROVE, { id: submitted.id }), as(2, 'SCRM3001')(APPROVE, { id: submitted.id })]);
      expect(approvals.map((res) => res.errors?.[0].extensions?.code ?? 'OK').sort()).toEqual(['CONFLICT', 'OK']);
      expect((await as(0, 'FLLS4001')(GRANT, { input: { id: submitted.id, grantedHours: 2 } })).data.grantAccessRequest.accessRequest.status).toBe('GRANTED');
      // The grant works on every instance from the next request.
      for (const instance of [0, 1, 2]) {
        const seen = await as(instance, 'CW1002')('query($id: ID!) { contact(id: $id) { id } }', { id: chloe.id });
        expect(seen.data.contact).toEqual({ id: chloe.id });
      }
    } finally {
      await Promise.all(apps.map((app) => app.close()));
      await Promise.all(sources.map((dataSource) => dataSource.destroy()));
    }
  });
});
