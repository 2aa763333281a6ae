import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The values of ActivityOutcome (src/modules/service-requests/activity-outcome.ts) when this migration was written. */
const OUTCOMES = [
  'SECURITY_DETAILS', 'CMSL9800_SENT', 'VERIFICATION_RECEIVED', 'ENOUGH_INFORMATION', 'NOT_ENOUGH_INFORMATION', 'NO_RESPONSE',
  'COFC_ACCEPT', 'COFC_DECLINED', 'SMS_SENT', 'CMSL9802_SENT', 'SELF_SERVICE', 'SELF_SERVICE_REQUEST', 'COLLECTED',
  'PIN_AND_PASSWORD_SET', 'DEFAULTS_APPLIED', 'SECURITY_CHECK_PASSED', 'CHANGES_RECORDED', 'NO_CHANGE_NEEDED',
  'LETTER_GENERATED', 'LETTER_GENERATED_AND_SMS_SENT', 'OTHER',
];
/** Outcomes the code wrote as the bare value. */
const BARE = OUTCOMES.filter((value) => !['SECURITY_CHECK_PASSED', 'CHANGES_RECORDED', 'NO_CHANGE_NEEDED', 'LETTER_GENERATED',
  'LETTER_GENERATED_AND_SMS_SENT', 'OTHER', 'ENOUGH_INFORMATION', 'NOT_ENOUGH_INFORMATION'].includes(value));

/**
 * Contract point 11: an activity's outcome is one of a list (Postgres type activity_outcome) and its
 * detail in words is outcome_note. Each text the code wrote maps to its value, the detail (a count,
 * a letter template, a defaults reason) moving to the note; any other text (a caseworker's free
 * outcome) becomes OTHER with the text as its note. Down writes the same texts back.
 */
export class ActivityOutcomeEnum1796094000000 implements MigrationInterface {
  name = 'ActivityOutcomeEnum1796094000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TYPE "public"."activity_outcome" AS ENUM(${OUTCOMES.map((value) => `'${value}'`).join(', ')})`);
    await queryRunner.query(`ALTER TABLE "activity" ADD "outcome_note" text`);
    await queryRunner.query(`ALTER TABLE "activity" ADD "outcome_value" "public"."activity_outcome"`);
    await queryRunner.query(`
      UPDATE "activity" SET
        "outcome_value" = (CASE
          WHEN "outcome" = ANY($1) THEN "outcome"
          WHEN "outcome" = 'Security check passed' THEN 'SECURITY_CHECK_PASSED'
          WHEN "outcome" = 'No change needed' THEN 'NO_CHANGE_NEEDED'
          WHEN "outcome" ~ '^\\d+ change\\(s\\) recorded$' THEN 'CHANGES_RECORDED'
          WHEN "outcome" ~ '^CMSL\\d+ generated$' THEN 'LETTER_GENERATED'
          WHEN "outcome" ~ '^CMSL\\d+ generated; SMS sent$' THEN 'LETTER_GENERATED_AND_SMS_SENT'
          WHEN "outcome" LIKE 'DEFAULTS_APPLIED: %' THEN 'DEFAULTS_APPLIED'
          ELSE 'OTHER' END)::"public"."activity_outcome",
        "outcome_note" = CASE
          WHEN "outcome" = ANY($1) OR "outcome" IN ('Security check passed', 'No change needed') THEN NULL
          WHEN "outcome" ~ '^\\d+ change\\(s\\) recorded$' THEN regexp_replace("outcome", ' recorded$', '')
          WHEN "outcome" ~ '^CMSL\\d+ generated(; SMS sent)?$' THEN substring("outcome" from '^(CMSL\\d+)')
          WHEN "outcome" LIKE 'DEFAULTS_APPLIED: %' THEN substring("outcome" from 19)
          ELSE "outcome" END
       WHERE "outcome" IS NOT NULL`, [BARE]);
    await queryRunner.query(`ALTER TABLE "activity" DROP COLUMN "outcome"`);
    await queryRunner.query(`ALTER TABLE "activity" RENAME COLUMN "outcome_value" TO "outcome"`);
  }

  /** The texts up read; an outcome recorded since (a caseworker's value or a note over 60 characters) is written as value: note, cut at 60. */
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "activity" ADD "outcome_text" character varying(60)`);
    await queryRunner.query(`
      UPDATE "activity" SET "outcome_text" = left(CASE
          WHEN "outcome"::text = ANY($1) AND "outcome_note" IS NULL THEN "outcome"::text
          WHEN "outcome" = 'SECURITY_CHECK_PASSED' AND "outcome_note" IS NULL THEN 'Security check passed'
          WHEN "outcome" = 'NO_CHANGE_NEEDED' AND "outcome_note" IS NULL THEN 'No change needed'
          WHEN "outcome" = 'CHANGES_RECORDED' AND "outcome_note" IS NOT NULL THEN "outcome_note" || ' recorded'
          WHEN "outcome" = 'LETTER_GENERATED' AND "outcome_note" IS NOT NULL THEN "outcome_note" || ' generated'
          WHEN "outcome" = 'LETTER_GENERATED_AND_SMS_SENT' AND "outcome_note" IS NOT NULL THEN "outcome_note" || ' generated; SMS sent'
          WHEN "outcome" = 'DEFAULTS_APPLIED' AND "outcome_note" IS NOT NULL THEN 'DEFAULTS_APPLIED: ' || "outcome_note"
          WHEN "outcome" = 'OTHER' AND "outcome_note" IS NOT NULL THEN "outcome_note"
          ELSE "outcome"::text || coalesce(': ' || "outcome_note", '') END, 60)
       WHERE "outcome" IS NOT NULL`, [BARE]);
    await queryRunner.query(`ALTER TABLE "activity" DROP COLUMN "outcome"`);
    await queryRunner.query(`ALTER TABLE "activity" DROP COLUMN "outcome_note"`);
    await queryRunner.query(`ALTER TABLE "activity" RENAME COLUMN "outcome_text" TO "outcome"`);
    await queryRunner.query(`DROP TYPE "public"."activity_outcome"`);
  }
}
