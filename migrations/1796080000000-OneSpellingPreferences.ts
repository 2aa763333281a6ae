import type { MigrationInterface, QueryRunner } from 'typeorm';

const KIND = 'CHANGE_CONTACT_PREFERENCES';
/** The values of special_requirement_value before (with TEXTBOX) and after, in declaration order. */
const WITH_TEXTBOX = ['INDUCTION_LOOP', 'SIGNER', 'TEXTBOX', 'LIFTS', 'RAMPS', 'WIDER_DOORWAYS', 'AUDIO_CD', 'AUDIO_CASSETTE', 'BRAILLE', 'LARGE_PRINT', 'TEXT_BOX'];
const WITHOUT_TEXTBOX = WITH_TEXTBOX.filter((value) => value !== 'TEXTBOX');

/**
 * Issue 8: one spelling. A closed change of contact preferences is COMPLETE, as a closed change of
 * security details is (PREF-5, SEC-6), and HEARING shares TEXT_BOX with SPEECH as it shares SIGNER
 * (PREF-4), so TEXTBOX leaves the database type. The SR history and the recorded changes are
 * renamed with them (same state, same requirement: one word for front ends); the audit trail is
 * append-only and keeps what it recorded.
 */
export class OneSpellingPreferences1796080000000 implements MigrationInterface {
  name = 'OneSpellingPreferences1796080000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await renameSubStatus(queryRunner, 'COMPLETED', 'COMPLETE');
    // A contact can hold HEARING/TEXTBOX next to a TEXT_BOX of the same type only if written around the
    // API; that row is the same requirement, so it goes rather than break uq_special_requirement.
    await queryRunner.query(`
      DELETE FROM "special_requirement" old USING "special_requirement" kept
       WHERE old."value" = 'TEXTBOX' AND kept."value" = 'TEXT_BOX' AND kept."contact_id" = old."contact_id" AND kept."type" = old."type"`);
    await queryRunner.query(`UPDATE "special_requirement" SET "value" = 'TEXT_BOX' WHERE "value" = 'TEXTBOX'`);
    await queryRunner.query(`
      UPDATE "contact_preference_change" SET
        "old_value" = regexp_replace("old_value", '/TEXTBOX$', '/TEXT_BOX'),
        "new_value" = regexp_replace("new_value", '/TEXTBOX$', '/TEXT_BOX')
       WHERE "field" IN ('SPECIAL_REQUIREMENT_ADDED', 'SPECIAL_REQUIREMENT_REMOVED')`);
    await rebuildValueType(queryRunner, WITHOUT_TEXTBOX);
  }

  /** Back to the old spellings: before this migration only HEARING used TEXTBOX, and no preference SR closed as COMPLETE. */
  async down(queryRunner: QueryRunner): Promise<void> {
    // Postgres cannot use a value added by ALTER TYPE ... ADD VALUE in the same transaction: rebuild instead.
    await rebuildValueType(queryRunner, WITH_TEXTBOX);
    await queryRunner.query(`UPDATE "special_requirement" SET "value" = 'TEXTBOX' WHERE "type" = 'HEARING' AND "value" = 'TEXT_BOX'`);
    await queryRunner.query(`
      UPDATE "contact_preference_change" SET
        "old_value" = CASE WHEN "old_value" = 'HEARING/TEXT_BOX' THEN 'HEARING/TEXTBOX' ELSE "old_value" END,
        "new_value" = CASE WHEN "new_value" = 'HEARING/TEXT_BOX' THEN 'HEARING/TEXTBOX' ELSE "new_value" END
       WHERE "field" IN ('SPECIAL_REQUIREMENT_ADDED', 'SPECIAL_REQUIREMENT_REMOVED')`);
    await renameSubStatus(queryRunner, 'COMPLETE', 'COMPLETED');
  }
}

/** The sub status of change of contact preferences SRs, and of their status history (SR-8). */
async function renameSubStatus(queryRunner: QueryRunner, from: string, to: string): Promise<void> {
  await queryRunner.query(`UPDATE "service_request" SET "sub_status" = $2 WHERE "kind" = $3 AND "sub_status" = $1`, [from, to, KIND]);
  for (const column of ['from_sub_status', 'to_sub_status']) {
    await queryRunner.query(`
      UPDATE "sr_status_change" h SET "${column}" = $2 FROM "service_request" sr
       WHERE sr."id" = h."service_request_id" AND sr."kind" = $3 AND h."${column}" = $1`, [from, to, KIND]);
  }
}

/** Postgres cannot drop an enum value: the type is rebuilt with the given values and the column cast over. */
async function rebuildValueType(queryRunner: QueryRunner, values: string[]): Promise<void> {
  await queryRunner.query(`ALTER TYPE "public"."special_requirement_value" RENAME TO "special_requirement_value_old"`);
  await queryRunner.query(`CREATE TYPE "public"."special_requirement_value" AS ENUM(${values.map((value) => `'${value}'`).join(', ')})`);
  await queryRunner.query(`ALTER TABLE "special_requirement" ALTER COLUMN "value" TYPE "public"."special_requirement_value" USING "value"::text::"public"."special_requirement_value"`);
  await queryRunner.query(`DROP TYPE "public"."special_requirement_value_old"`);
}
