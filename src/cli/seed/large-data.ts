import type { DataSource } from 'typeorm';

/**
 * Adds `count` generated client contacts (a `sensitiveShare` of them sensitive) in pairs on
 * cases, set-based in SQL so 100,000 rows take seconds. Names repeat realistically; SCINs and
 * case numbers are unique and prefixed so they never clash with the demo.
 */
export async function seedLargeData(dataSource: DataSource, count: number, sensitiveShare = 0.05): Promise<void> {
  const pairs = Math.ceil(count / 2);
  const everyNth = Math.max(1, Math.round(1 / sensitiveShare));
  await dataSource.transaction(async (tx) => {
    const [{ start }] = await tx.query(`SELECT COUNT(*)::int AS start FROM "case" WHERE case_number LIKE '9%'`);
    await tx.query(
      `WITH first_names(list) AS (SELECT ARRAY['Amy','Ben','Cara','Dev','Ella','Finn','Grace','Harry','Ivy','Jon','Kim','Leo','Mia','Noah','Ola','Priya','Quinn','Rosa','Sami','Theo']),
            last_names(list) AS (SELECT ARRAY['Smith','Jones','Taylor','Brown','Williams','Wilson','Johnson','Davies','Patel','Wright','Robinson','Thompson','Evans','Walker','White','Roberts','Green','Hall','Wood','Jackson','Clarke','Khan','Lewis','Hughes','Edwards'])
       , cases AS (
         INSERT INTO "case" (case_number, segment)
         SELECT '9' || lpad((n + $1)::text, 9, '0'), 'MAINTENANCE' FROM generate_series(1, $2) AS n
         RETURNING id, case_number
       ), people AS (
         INSERT INTO contact (kind, client_role, scin, nino, first_name, last_name, date_of_birth, town, postcode, sensitive)
         SELECT 'CLIENT', r.role::client_role,
                'GS' || lpad(((c.case_number::bigint - 9000000000) * 2 + r.k)::text, 9, '0'),
                'QQ' || lpad((((c.case_number::bigint - 9000000000) * 2 + r.k) % 1000000)::text, 6, '0') || 'A',
                f.list[1 + ((c.case_number::bigint * 7 + r.k) % 20)],
                l.list[1 + ((c.case_number::bigint * 13 + r.k * 3) % 25)],
                DATE '1970-01-01' + ((c.case_number::bigint * 37) % 12000)::int,
                'Leeds', 'LS1 1AA',
                ((c.case_number::bigint * 2 + r.k) % $3) = 0
         FROM cases c CROSS JOIN (VALUES (0, 'PWC'), (1, 'NRP')) AS r(k, role), first_names f, last_names l
         RETURNING id, scin, client_role
       )
       INSERT INTO case_party (case_id, contact_id, role)
       SELECT c.id, p.id, p.client_role
       FROM people p JOIN cases c ON c.case_number::bigint - 9000000000 = (substr(p.scin, 3)::bigint) / 2`,
      [start, pairs, everyNth],
    );
  });
  await dataSource.query('ANALYZE');
}
