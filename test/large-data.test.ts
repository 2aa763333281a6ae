import type { DataSource } from 'typeorm';
import type { OpenDatabase } from '../src/database/open-database';
import { seedLargeData } from '../src/cli/seed/large-data';
import { openTestDatabase } from './support/database';

/**
 * The generated contacts of `npm run seed -- --contacts N` and the bench (issue 11 point 4): the
 * generator drops and rebuilds secondary indexes and foreign keys inside its transaction for speed,
 * so the schema afterwards must be exactly the migrated one, every foreign key checked, and the
 * contact counters (kept by triggers) equal to the rows.
 */
async function schemaOf(dataSource: DataSource) {
  const tables = `('contact'::regclass, '"case"'::regclass, 'case_party'::regclass)`;
  const indexes = await dataSource.query(
    `SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS def FROM pg_index i WHERE i.indrelid IN ${tables} ORDER BY 1`);
  const constraints = await dataSource.query(
    `SELECT conrelid::regclass::text AS tab, conname, contype, convalidated, pg_get_constraintdef(oid) AS def
     FROM pg_constraint WHERE conrelid IN ${tables} ORDER BY 1, 2`);
  // Foreign keys' own triggers are named by OID; the constraints above stand for them.
  const triggers = await dataSource.query(
    `SELECT tgrelid::regclass::text AS tab, tgname, tgenabled FROM pg_trigger WHERE tgrelid IN ${tables} AND NOT tgisinternal ORDER BY 1, 2`);
  return { indexes, constraints, triggers };
}

const countsOf = async (dataSource: DataSource) => {
  const [rows] = await dataSource.query(
    `SELECT count(*) FILTER (WHERE sensitive)::int AS sensitive, count(*) FILTER (WHERE NOT sensitive)::int AS plain FROM contact`);
  const counters: { sensitive: boolean; n: string }[] = await dataSource.query('SELECT "sensitive", "n" FROM "contact_count"');
  const counter = (sensitive: boolean) => Number(counters.find((row) => row.sensitive === sensitive)?.n);
  return { rows, counters: { sensitive: counter(true), plain: counter(false) } };
};

describe('generated contacts (seedLargeData)', () => {
  let db: OpenDatabase;
  let before: Awaited<ReturnType<typeof schemaOf>>;
  // Every test looks at the same generated data: 1,000 then 401 contacts, generated once here.
  beforeAll(async () => {
    db = await openTestDatabase({ seeded: true });
    before = await schemaOf(db.dataSource);
    await seedLargeData(db.dataSource, 1_000);
    await seedLargeData(db.dataSource, 401);
  });
  afterAll(() => db.close());

  it('leaves the migrated schema as it was: every index, constraint (validated) and trigger', async () => {
    expect(before.indexes.length).toBeGreaterThan(5);
    expect(before.constraints.some((constraint: { contype: string }) => constraint.contype === 'f')).toBe(true);
    expect(await schemaOf(db.dataSource)).toEqual(before);
  });

  it('adds the contacts in pairs on cases, 5% sensitive, with the counters equal to the rows', async () => {
    const [generated] = await db.dataSource.query(
      `SELECT count(*)::int AS contacts, count(*) FILTER (WHERE sensitive)::int AS sensitive, count(DISTINCT id)::int AS ids,
              count(DISTINCT scin)::int AS scins FROM contact WHERE scin LIKE 'GS%'`);
    // 1,000 then 401 (rounded up to whole pairs).
    expect(generated).toEqual({ contacts: 1_402, sensitive: 70, ids: 1_402, scins: 1_402 });
    const [parties] = await db.dataSource.query(
      `SELECT count(*)::int AS parties, count(DISTINCT p.case_id)::int AS cases,
              count(*) FILTER (WHERE p.role = c.client_role)::int AS same_role
       FROM case_party p JOIN contact c ON c.id = p.contact_id WHERE c.scin LIKE 'GS%'`);
    expect(parties).toEqual({ parties: 1_402, cases: 701, same_role: 1_402 });
    const { rows, counters } = await countsOf(db.dataSource);
    expect(counters).toEqual(rows);
  });

  it('a foreign key still refuses a party of a contact that does not exist', async () => {
    const [{ id }] = await db.dataSource.query(`SELECT id FROM "case" WHERE case_number LIKE '9%' LIMIT 1`);
    const parties = async () => (await db.dataSource.query('SELECT count(*)::int AS n FROM case_party'))[0].n;
    const before = await parties();
    await expect(db.dataSource.query(
      `INSERT INTO case_party (case_id, contact_id, role) VALUES ($1, gen_random_uuid(), 'PWC')`, [id]))
      .rejects.toMatchObject({ driverError: expect.objectContaining({ code: '23503' }) });
    expect(await parties()).toBe(before);
  });
});
