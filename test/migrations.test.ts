import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderPolicyTable } from '../src/authorization/policy-table';
import { buildAppSchema, printContract } from '../src/server/schema';
import { openTestDatabase } from './support/database';

describe('schema changes only through migrations', () => {
  it('the migrations build exactly the schema the entities describe (nothing left for synchronize)', async () => {
    const db = await openTestDatabase();
    try {
      expect(db.dataSource.options.synchronize).toBe(false);
      const pending = await db.dataSource.driver.createSchemaBuilder().log();
      expect(pending.upQueries.map((query) => query.query)).toEqual([]);
    } finally {
      await db.close();
    }
  });

  it('every migration reverts and re-applies cleanly', async () => {
    const db = await openTestDatabase();
    try {
      const applied = await db.dataSource.query('SELECT name FROM migrations');
      expect(applied.length).toBeGreaterThan(0);
      for (let i = 0; i < applied.length; i++) await db.dataSource.undoLastMigration({ transaction: 'each' });
      const tables = await db.dataSource.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'migrations'`);
      expect(tables).toEqual([]);
      await db.dataSource.runMigrations({ transaction: 'each' });
      expect(await db.dataSource.query('SELECT name FROM migrations')).toHaveLength(applied.length);
    } finally {
      await db.close();
    }
  });
});

describe('contract', () => {
  it('schema.graphql is the schema the code builds (run npm run schema:emit after API changes)', () => {
    const committed = readFileSync(join(__dirname, '..', 'schema.graphql'), 'utf8');
    expect(committed).toBe(printContract());
  });
});

describe('policy table', () => {
  it('the README policy table is the one generated from the rule table (run npm run docs:policies)', () => {
    buildAppSchema();
    const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');
    expect(readme).toContain(renderPolicyTable());
  });
});
