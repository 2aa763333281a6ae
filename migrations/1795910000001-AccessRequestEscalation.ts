import type { MigrationInterface, QueryRunner } from 'typeorm';

const OLD_REQUEST_STATUSES = `'SUBMITTED', 'TL_CHECKED', 'SCR_APPROVED', 'GRANTED', 'REJECTED'`;
const OLD_NOTIFICATION_KINDS = `'ACCESS_GRANTED', 'ACCESS_NEARS_EXPIRY', 'ACCESS_EXPIRED', 'ACCESS_REMOVED', 'ACCESS_EXTENDED', 'ACCESS_REQUEST_REJECTED'`;

/**
 * TAR-10: a request waiting too long at a stage is escalated once per stage (when, at which
 * stage), then EXPIRED (when, at which stage); the notices of both, and the due-work reminder.
 */
export class AccessRequestEscalation1795910000001 implements MigrationInterface {
  name = 'AccessRequestEscalation1795910000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TYPE "public"."access_request_status" ADD VALUE IF NOT EXISTS 'EXPIRED'`);
    for (const kind of ['ACCESS_REQUEST_ESCALATED', 'ACCESS_REQUEST_EXPIRED', 'WORK_DUE']) {
      await queryRunner.query(`ALTER TYPE "public"."notification_kind" ADD VALUE IF NOT EXISTS '${kind}'`);
    }
    await queryRunner.query(`ALTER TABLE "access_request" ADD "escalated_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "access_request" ADD "escalated_stage" "public"."access_request_status"`);
    await queryRunner.query(`ALTER TABLE "access_request" ADD "expired_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "access_request" ADD "expired_at_stage" "public"."access_request_status"`);
  }

  /** Refuses while rows use the new values: an expired request has no truthful older state to go back to. */
  async down(queryRunner: QueryRunner): Promise<void> {
    const [{ used }] = await queryRunner.query(`SELECT
      EXISTS (SELECT 1 FROM "access_request" WHERE "status" = 'EXPIRED')
      OR EXISTS (SELECT 1 FROM "notification" WHERE "kind" IN ('ACCESS_REQUEST_ESCALATED', 'ACCESS_REQUEST_EXPIRED', 'WORK_DUE')) AS used`);
    if (used) throw new Error('Expired requests or their notices exist: this migration cannot be reverted without losing them.');
    for (const column of ['escalated_at', 'escalated_stage', 'expired_at', 'expired_at_stage']) {
      await queryRunner.query(`ALTER TABLE "access_request" DROP COLUMN "${column}"`);
    }
    // Postgres cannot drop a value from an enum: the types are rebuilt with the old values.
    await queryRunner.query(`ALTER TYPE "public"."access_request_status" RENAME TO "access_request_status_old"`);
    await queryRunner.query(`CREATE TYPE "public"."access_request_status" AS ENUM(${OLD_REQUEST_STATUSES})`);
    await queryRunner.query(`ALTER TABLE "access_request" ALTER COLUMN "status" DROP DEFAULT`);
    for (const column of ['status', 'rejected_at_stage']) {
      await queryRunner.query(`ALTER TABLE "access_request" ALTER COLUMN "${column}" TYPE "public"."access_request_status" USING "${column}"::text::"public"."access_request_status"`);
    }
    await queryRunner.query(`ALTER TABLE "access_request" ALTER COLUMN "status" SET DEFAULT 'SUBMITTED'`);
    await queryRunner.query(`DROP TYPE "public"."access_request_status_old"`);
    await queryRunner.query(`ALTER TYPE "public"."notification_kind" RENAME TO "notification_kind_old"`);
    await queryRunner.query(`CREATE TYPE "public"."notification_kind" AS ENUM(${OLD_NOTIFICATION_KINDS})`);
    await queryRunner.query(`ALTER TABLE "notification" ALTER COLUMN "kind" TYPE "public"."notification_kind" USING "kind"::text::"public"."notification_kind"`);
    await queryRunner.query(`DROP TYPE "public"."notification_kind_old"`);
  }
}
