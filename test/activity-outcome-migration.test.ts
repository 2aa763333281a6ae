import { ActivityOutcome } from '../src/modules/service-requests/activity-outcome';
import { openTestDatabase, undoMigrationsThrough } from './support/database';

/**
 * Contract point 11: migration 1796094000000 turns the free-text activity outcomes written before it
 * into ActivityOutcome values with the detail in outcome_note, and its down migration gives the same
 * texts back.
 */
const MIGRATION = 'ActivityOutcomeEnum1796094000000';

/** Every kind of text the code wrote before the migration, a caseworker's free text, and none; with what each becomes. */
const ROWS: [string | null, ActivityOutcome | null, string | null][] = [
  ['Security check passed', ActivityOutcome.SECURITY_CHECK_PASSED, null],
  ['2 change(s) recorded', ActivityOutcome.CHANGES_RECORDED, '2 change(s)'],
  ['No change needed', ActivityOutcome.NO_CHANGE_NEEDED, null],
  ['CMSL9547 generated', ActivityOutcome.LETTER_GENERATED, 'CMSL9547'],
  ['CMSL9548 generated; SMS sent', ActivityOutcome.LETTER_GENERATED_AND_SMS_SENT, 'CMSL9548'],
  ['SECURITY_DETAILS', ActivityOutcome.SECURITY_DETAILS, null],
  ['CMSL9800_SENT', ActivityOutcome.CMSL9800_SENT, null],
  ['VERIFICATION_RECEIVED', ActivityOutcome.VERIFICATION_RECEIVED, null],
  ['COFC_ACCEPT', ActivityOutcome.COFC_ACCEPT, null],
  ['COFC_DECLINED', ActivityOutcome.COFC_DECLINED, null],
  ['SMS_SENT', ActivityOutcome.SMS_SENT, null],
  ['CMSL9802_SENT', ActivityOutcome.CMSL9802_SENT, null],
  ['NO_RESPONSE', ActivityOutcome.NO_RESPONSE, null],
  ['SELF_SERVICE', ActivityOutcome.SELF_SERVICE, null],
  ['SELF_SERVICE_REQUEST', ActivityOutcome.SELF_SERVICE_REQUEST, null],
  ['COLLECTED', ActivityOutcome.COLLECTED, null],
  ['PIN_AND_PASSWORD_SET', ActivityOutcome.PIN_AND_PASSWORD_SET, null],
  ['DEFAULTS_APPLIED: CLIENT_REFUSED', ActivityOutcome.DEFAULTS_APPLIED, 'CLIENT_REFUSED'],
  ['DEFAULTS_APPLIED', ActivityOutcome.DEFAULTS_APPLIED, null],
  ['Left a voicemail', ActivityOutcome.OTHER, 'Left a voicemail'],
  [null, null, null],
];

describe('migration ActivityOutcomeEnum', () => {
  it('contract point 11: maps every free-text outcome to an ActivityOutcome with its detail in outcome_note, and reverts to the same texts', async () => {
    const db = await openTestDatabase({ seeded: true });
    const q = (sql: string, params?: unknown[]) => db.dataSource.query(sql, params);
    try {
      expect(await undoMigrationsThrough(db.dataSource, MIGRATION)).toBeGreaterThan(0);
      const [sr] = await q('SELECT id FROM service_request ORDER BY id LIMIT 1');
      for (const [i, [text]] of ROWS.entries()) {
        await q('INSERT INTO activity (service_request_id, sequence, name, status, outcome) VALUES ($1, $2, $3, $4, $5)',
          [sr.id, 1000 + i, `migration ${i}`, text === null ? 'OPEN' : 'DONE', text]);
      }
      const rows = async (columns: string) => q(`SELECT ${columns} FROM activity WHERE name LIKE 'migration %' ORDER BY sequence`);

      await db.dataSource.runMigrations({ transaction: 'each' });
      expect((await rows('outcome::text AS outcome, outcome_note')).map((row: any) => [row.outcome, row.outcome_note]))
        .toEqual(ROWS.map(([, outcome, note]) => [outcome, note]));
      // The column is the Postgres type: nothing outside the list can be written.
      await expect(q(`UPDATE activity SET outcome = 'Called back' WHERE name = 'migration 0'`)).rejects.toMatchObject({ driverError: expect.objectContaining({ code: '22P02' }) });
      const [{ labels }] = await q(`SELECT array_agg(e.enumlabel::text ORDER BY e.enumsortorder) AS labels FROM pg_enum e
        JOIN pg_type t ON t.oid = e.enumtypid WHERE t.typname = 'activity_outcome'`);
      expect(labels).toEqual(Object.values(ActivityOutcome));

      await undoMigrationsThrough(db.dataSource, MIGRATION);
      expect((await rows('outcome')).map((row: any) => row.outcome)).toEqual(ROWS.map(([text]) => text));
      expect(await q(`SELECT 1 FROM pg_type WHERE typname = 'activity_outcome'`)).toEqual([]);
    } finally {
      await db.close();
    }
  });
});
