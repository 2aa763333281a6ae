import type { DataSource } from 'typeorm';

/** The tables the generator writes, in the order it writes them. */
const TABLES = ['"case"', 'contact', 'case_party'];

/**
 * Adds `count` generated client contacts (a `sensitiveShare` of them sensitive) in pairs on
 * cases, set-based in SQL: 1,000,000 contacts (500,000 cases, 1,000,000 case parties) take well
 * under a minute on a small machine. Names repeat realistically; SCINs and case numbers are unique
 * and prefixed so they never clash with the demo; calling it again adds more after the last.
 *
 * How it stays fast while keeping every rule of the schema:
 * - Ids are version-4 UUIDs whose first 32 bits rise with the row number (the other bits random),
 *   spread over the whole range, and rows go in in that order: the primary keys and the unique
 *   (case, contact) key grow at their right edge instead of at a random page per row.
 * - Within the one transaction, the three tables' secondary indexes (those not backing a
 *   constraint) and their foreign keys are dropped, the rows inserted, then every index is built
 *   again from its own definition (pg_get_indexdef) and every foreign key added again, which
 *   checks all rows at once (pg_get_constraintdef): the schema afterwards is the migrated one, and
 *   another session never sees it otherwise (it waits on the tables' locks instead).
 * - Triggers stay on: the contact counters (migration ContactCounts) count the inserted rows in
 *   the same transaction, as for any insert.
 */
export async function seedLargeData(dataSource: DataSource, count: number, sensitiveShare = 0.05): Promise<void> {
  const pairs = Math.ceil(count / 2);
  const everyNth = Math.max(1, Math.round(1 / sensitiveShare));
  await dataSource.transaction(async (tx) => {
    await tx.query(`SET LOCAL work_mem = '128MB'`);
    await tx.query(`SET LOCAL maintenance_work_mem = '256MB'`);
    const [{ start }] = await tx.query(`SELECT COUNT(*)::int AS start FROM "case" WHERE case_number LIKE '9%'`);
    const tables = TABLES.map((table) => `'${table}'::regclass`).join(', ');
    const indexes: { def: string; name: string }[] = await tx.query(
      `SELECT pg_get_indexdef(i.indexrelid) AS def, i.indexrelid::regclass::text AS name FROM pg_index i
       WHERE i.indrelid IN (${tables}) AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
       ORDER BY 2`);
    const foreignKeys: { tab: string; name: string; def: string }[] = await tx.query(
      `SELECT conrelid::regclass::text AS tab, quote_ident(conname) AS name, pg_get_constraintdef(oid) AS def
       FROM pg_constraint WHERE contype = 'f' AND conrelid IN (${tables}) ORDER BY 2`);
    for (const fk of foreignKeys) await tx.query(`ALTER TABLE ${fk.tab} DROP CONSTRAINT ${fk.name}`);
    for (const index of indexes) await tx.query(`DROP INDEX ${index.name}`);

    // Row n (1..pairs) is one case with two contacts (k = 0 the PWC, k = 1 the NRP) and two parties.
    // m = n + start numbers it among every generated case; the data hangs on m as it always has.
    const spread = (slots: number) => Math.max(1, Math.floor((2 ** 32 - 1) / slots));
    const id = (slot: string, step: number) =>
      `overlay(gen_random_uuid()::text placing lpad(to_hex((${slot}) * ${step}), 8, '0') from 1 for 8)::uuid`;
    const perCase = spread(pairs);
    const perContact = spread(2 * pairs);
    await tx.query(
      `CREATE TEMP TABLE seed_rows ON COMMIT DROP AS
       SELECT n + $1 AS m, ${id('n', perCase)} AS case_id,
              ${id('2 * n - 1', perContact)} AS pwc_id, ${id('2 * n', perContact)} AS nrp_id,
              ${id('2 * n - 1', perContact)} AS pwc_party_id, ${id('2 * n', perContact)} AS nrp_party_id
       FROM generate_series(1::bigint, $2::bigint) AS n`,
      [start, pairs],
    );
    await tx.query(
      `INSERT INTO "case" (id, case_number, segment)
       SELECT case_id, '9' || lpad(m::text, 9, '0'), 'MAINTENANCE' FROM seed_rows ORDER BY m`,
    );
    await tx.query(
      `WITH first_names(list) AS (SELECT ARRAY['Amy','Ben','Cara','Dev','Ella','Finn','Grace','Harry','Ivy','Jon','Kim','Leo','Mia','Noah','Ola','Priya','Quinn','Rosa','Sami','Theo']),
            last_names(list) AS (SELECT ARRAY['Smith','Jones','Taylor','Brown','Williams','Wilson','Johnson','Davies','Patel','Wright','Robinson','Thompson','Evans','Walker','White','Roberts','Green','Hall','Wood','Jackson','Clarke','Khan','Lewis','Hughes','Edwards'])
       INSERT INTO contact (id, kind, client_role, scin, nino, first_name, last_name, date_of_birth, town, postcode, sensitive)
       SELECT CASE r.k WHEN 0 THEN s.pwc_id ELSE s.nrp_id END, 'CLIENT', r.role::client_role,
              'GS' || lpad((s.m * 2 + r.k)::text, 9, '0'),
              'QQ' || lpad(((s.m * 2 + r.k) % 1000000)::text, 6, '0') || 'A',
              f.list[1 + ((s.m * 7 + r.k) % 20)],
              l.list[1 + ((s.m * 13 + r.k * 3) % 25)],
              DATE '1970-01-01' + ((s.m * 37) % 12000)::int,
              'Leeds', 'LS1 1AA',
              ((s.m * 2 + r.k) % $1) = 0
       FROM seed_rows s CROSS JOIN (VALUES (0, 'PWC'), (1, 'NRP')) AS r(k, role), first_names f, last_names l
       ORDER BY s.m, r.k`,
      [everyNth],
    );
    await tx.query(
      `INSERT INTO case_party (id, case_id, contact_id, role)
       SELECT CASE r.k WHEN 0 THEN s.pwc_party_id ELSE s.nrp_party_id END, s.case_id,
              CASE r.k WHEN 0 THEN s.pwc_id ELSE s.nrp_id END, r.role::client_role
       FROM seed_rows s CROSS JOIN (VALUES (0, 'PWC'), (1, 'NRP')) AS r(k, role)
       ORDER BY s.m, r.k`,
    );
    for (const index of indexes) await tx.query(index.def);
    for (const fk of foreignKeys) await tx.query(`ALTER TABLE ${fk.tab} ADD CONSTRAINT ${fk.name} ${fk.def}`);
  });
  await dataSource.query('ANALYZE');
}
