import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * AUD-5: granting an extension overwrites the grant's `expires_at`; the extension now keeps the
 * expiry it replaced, so the expiry in force at any past instant can be rebuilt exactly (before the
 * extension was granted, the previous expiry applied). Extensions granted before this migration
 * get it from their GRANT_EXTENDED audit event, which has recorded it from the start. The check
 * makes it impossible to grant an extension without it; NOT VALID so that an old row the audit
 * trail cannot fill does not stop the migration (none is expected).
 */
export class ExtensionPreviousExpiry1795950000001 implements MigrationInterface {
  name = 'ExtensionPreviousExpiry1795950000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "access_extension" ADD "previous_expires_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`
      UPDATE "access_extension" e SET "previous_expires_at" = (a."details"->>'previousExpiresAt')::timestamptz
        FROM "audit_event" a
       WHERE e."status" = 'GRANTED' AND a."action" = 'GRANT_EXTENDED' AND a."details"->>'extensionId' = e."id"::text`);
    await queryRunner.query(`ALTER TABLE "access_extension" ADD CONSTRAINT "ck_access_extension_previous_expiry"
      CHECK ("status" <> 'GRANTED' OR "previous_expires_at" IS NOT NULL) NOT VALID`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "access_extension" DROP CONSTRAINT "ck_access_extension_previous_expiry"`);
    await queryRunner.query(`ALTER TABLE "access_extension" DROP COLUMN "previous_expires_at"`);
  }
}
