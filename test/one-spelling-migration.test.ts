import type { DataSource } from 'typeorm';
import { openTestDatabase, undoMigrationsThrough } from './support/database';

/**
 * Issue 8: one spelling. Rows written before migration 1796080000000 (a preference change closed as
 * COMPLETED, HEARING/TEXTBOX requirements and their recorded changes) are renamed by it, and its
 * down migration gives them back.
 */
const MIGRATION = 'OneSpellingPreferences1796080000000';
const AT = '2026-01-01T00:00:00.000Z';

const valueLabels = async (dataSource: DataSource): Promise<string[]> =>
  (await dataSource.query(`SELECT e.enumlabel FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid
     WHERE t.typname = 'special_requirement_value' ORDER BY e.enumsortorder`)).map((row: { enumlabel: string }) => row.enumlabel);

describe('migration OneSpellingPreferences', () => {
  it('PREF-4 / PREF-5: renames COMPLETED to COMPLETE on preference changes and TEXTBOX to TEXT_BOX, and reverts', async () => {
    const db = await openTestDatabase({ seeded: true });
    const q = (sql: string, params?: unknown[]) => db.dataSource.query(sql, params);
    try {
      expect(await undoMigrationsThrough(db.dataSource, MIGRATION)).toBeGreaterThan(0);
      expect(await valueLabels(db.dataSource)).toContain('TEXTBOX');

      // The demo data has one change of contact preferences and one change of security details.
      const [pref] = await q(`SELECT id FROM service_request WHERE kind = 'CHANGE_CONTACT_PREFERENCES'`);
      const [other] = await q(`SELECT id FROM service_request WHERE kind = 'CHANGE_SECURITY_DETAILS'`);
      const [alice, brian] = await q('SELECT id FROM contact ORDER BY id LIMIT 2');
      await q(`UPDATE service_request SET status = 'CLOSED', sub_status = 'COMPLETED' WHERE id = ANY($1)`, [[pref.id, other.id]]);
      await q(`INSERT INTO sr_status_change (service_request_id, changed_at, actor_type, from_status, to_status, from_sub_status, to_sub_status)
               VALUES ($1, $2, 'SYSTEM', 'IN_PROGRESS', 'CLOSED', 'COC_ACCEPTED', 'COMPLETED')`, [pref.id, AT]);
      const requirements = [[alice.id, 'HEARING', 'TEXTBOX'], [alice.id, 'SPEECH', 'TEXT_BOX'], [brian.id, 'HEARING', 'TEXTBOX'], [brian.id, 'HEARING', 'TEXT_BOX']];
      for (const [contact, type, value] of requirements) {
        await q('INSERT INTO special_requirement (contact_id, type, value, created_at) VALUES ($1, $2, $3, $4)', [contact, type, value, AT]);
      }
      await q(`INSERT INTO contact_preference_change (service_request_id, contact_id, field, old_value, new_value, changed_at, actor_type)
               VALUES ($1, $2, 'SPECIAL_REQUIREMENT_ADDED', NULL, 'HEARING/TEXTBOX', $3, 'STAFF')`, [pref.id, alice.id, AT]);

      const state = async () => ({
        subStatus: Object.fromEntries((await q('SELECT id, sub_status FROM service_request WHERE id = ANY($1)', [[pref.id, other.id]]))
          .map((row: any) => [row.id === pref.id ? 'pref' : 'other', row.sub_status])),
        history: (await q(`SELECT to_sub_status FROM sr_status_change WHERE service_request_id = $1 AND changed_at = $2`, [pref.id, AT]))[0].to_sub_status,
        requirements: (await q(`SELECT contact_id = $1 AS alice, type, value::text FROM special_requirement WHERE contact_id = ANY($2) ORDER BY 1 DESC, 2, 3`,
          [alice.id, [alice.id, brian.id]])).map((row: any) => `${row.alice ? 'alice' : 'brian'} ${row.type}/${row.value}`),
        change: (await q('SELECT new_value FROM contact_preference_change WHERE service_request_id = $1', [pref.id]))[0].new_value,
      });

      await db.dataSource.runMigrations({ transaction: 'each' });
      expect(await state()).toEqual({
        subStatus: { pref: 'COMPLETE', other: 'COMPLETED' },
        history: 'COMPLETE',
        requirements: ['alice HEARING/TEXT_BOX', 'alice SPEECH/TEXT_BOX', 'brian HEARING/TEXT_BOX'],
        change: 'HEARING/TEXT_BOX',
      });
      expect(await valueLabels(db.dataSource)).not.toContain('TEXTBOX');
      expect(await valueLabels(db.dataSource)).toContain('TEXT_BOX');

      await undoMigrationsThrough(db.dataSource, MIGRATION);
      expect(await state()).toEqual({
        subStatus: { pref: 'COMPLETED', other: 'COMPLETED' },
        history: 'COMPLETED',
        requirements: ['alice HEARING/TEXTBOX', 'alice SPEECH/TEXT_BOX', 'brian HEARING/TEXTBOX'],
        change: 'HEARING/TEXTBOX',
      });
      expect(await valueLabels(db.dataSource)).toContain('TEXTBOX');
    } finally {
      await db.close();
    }
  });
});
