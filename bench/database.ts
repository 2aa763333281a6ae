/**
 * The bench's throw-away database: created on the DATABASE_URL server, migrated and seeded (demo
 * data plus generated contacts), vacuumed, and dropped at the end whatever happens.
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { seedDemo } from '../src/cli/seed/demo-data';
import { seedLargeData } from '../src/cli/seed/large-data';
import { openDatabase } from '../src/database/open-database';
import { ENTITIES, SUBSCRIBERS } from '../src/modules/entities';
import { SENSITIVE_SHARE, log, onCleanup, sleep, withTimeout } from './settings';

export interface BenchDatabase {
  url: string;
  postgresVersion: string;
  /** Postgres processes working for the bench: sessions on its database and the background ones. */
  benchPids(): Promise<Set<number>>;
  seeding: { demoMs: number; largeMs: number; vacuumMs: number; generated: number; contacts: number; sensitive: number };
  /** Drops the database now (it is dropped at the end of the run anyway). */
  drop(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

export async function createBenchDatabase(adminUrl: string, generated: number): Promise<BenchDatabase> {
  const parsed = new URL(adminUrl);
  if (!/^postgres(ql)?:$/.test(parsed.protocol)) throw new Error('DATABASE_URL must be a postgres:// URL');
  if (!LOOPBACK.has(parsed.hostname)) throw new Error(`DATABASE_URL must point at a loopback address; got "${parsed.hostname}"`);
  const name = `cmg_bench_${randomBytes(6).toString('hex')}`;
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const admin = new Client({ connectionString: adminUrl, connectionTimeoutMillis: 10_000 });
  await withTimeout('connecting to DATABASE_URL', 15_000, admin.connect());
  let adminOpen = true;
  onCleanup('admin connection', async () => {
    if (adminOpen) await admin.end();
    adminOpen = false;
  });
  const postgresVersion: string = (await admin.query('SELECT version() AS v')).rows[0].v;
  await admin.query(`CREATE DATABASE "${name}"`);
  let dropped = false;
  const drop = async () => {
    if (dropped) return;
    dropped = true;
    // Wait for the children's sessions to go, so FORCE does not kill one that is still closing.
    for (let waited = 0; waited < 5_000; waited += 100) {
      const { rows } = await admin.query('SELECT COUNT(*)::int AS n FROM pg_stat_activity WHERE datname = $1', [name]);
      if (rows[0].n === 0) break;
      await sleep(100);
    }
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    log(`dropped database ${name}`);
  };
  onCleanup(`drop database ${name}`, drop);
  log(`created database ${name}`);

  const database = await withTimeout('openDatabase (migrations)', 120_000,
    openDatabase({ databaseUrl: url.toString(), embeddedDataDir: 'memory' }, { entities: ENTITIES, subscribers: SUBSCRIBERS }));
  let seeding: BenchDatabase['seeding'];
  try {
    const { dataSource } = database;
    let t = performance.now();
    await withTimeout('seedDemo', 120_000, seedDemo(dataSource.manager));
    const demoMs = performance.now() - t;
    t = performance.now();
    await withTimeout('seedLargeData', 600_000, seedLargeData(dataSource, generated, SENSITIVE_SHARE));
    const largeMs = performance.now() - t;
    // Settle the fresh tables now so autovacuum does not wake up in a measured round.
    t = performance.now();
    await withTimeout('VACUUM (ANALYZE)', 600_000, dataSource.query('VACUUM (ANALYZE)'));
    const vacuumMs = performance.now() - t;
    const [{ contacts, sensitive }] = await dataSource.query(
      'SELECT COUNT(*)::int AS contacts, COUNT(*) FILTER (WHERE sensitive)::int AS sensitive FROM contact',
    );
    seeding = { demoMs, largeMs, vacuumMs, generated, contacts, sensitive };
  } finally {
    await database.close();
  }
  log(`seeded ${seeding.contacts} contacts (${seeding.sensitive} sensitive): demo ${(seeding.demoMs / 1000).toFixed(1)} s, ` +
    `${generated} generated ${(seeding.largeMs / 1000).toFixed(1)} s, VACUUM (ANALYZE) ${(seeding.vacuumMs / 1000).toFixed(1)} s`);

  const benchPids = async () => {
    const { rows } = await admin.query(
      `SELECT pid FROM pg_stat_activity WHERE datname = $1 OR backend_type <> 'client backend'`, [name]);
    return new Set(rows.map((row: { pid: number }) => row.pid));
  };
  return { url: url.toString(), postgresVersion, benchPids, seeding, drop };
}
