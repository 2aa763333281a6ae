import type { MigrationInterface, QueryRunner } from 'typeorm';

const NEW_KINDS = ['ACCESS_REMOVAL_ASKED', 'ACCESS_WORK_DONE'];

/** TAR-6: the notices of a team leader asking FLLS for early removal, and of a grantee saying the work is done. */
export class GrantRemovalNotices1796070000000 implements MigrationInterface {
  name = 'GrantRemovalNotices1796070000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const kind of NEW_KINDS) {
      await queryRunner.query(`ALTER TYPE "public"."notification_kind" ADD VALUE IF NOT EXISTS '${kind}'`);
    }
  }

  /** Refuses while notices of the new kinds exist; Postgres cannot drop an enum value, so the type is rebuilt without them. */
  async down(queryRunner: QueryRunner): Promise<void> {
    const [{ used }] = await queryRunner.query(`SELECT EXISTS (SELECT 1 FROM "notification" WHERE "kind"::text = ANY($1)) AS used`, [NEW_KINDS]);
    if (used) throw new Error('Removal-asked or work-done notices exist: this migration cannot be reverted without losing them.');
    const kept: { kind: string }[] = await queryRunner.query(
      `SELECT e.enumlabel AS kind FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid
        WHERE t.typname = 'notification_kind' AND e.enumlabel <> ALL($1) ORDER BY e.enumsortorder`, [NEW_KINDS]);
    await queryRunner.query(`ALTER TYPE "public"."notification_kind" RENAME TO "notification_kind_old"`);
    await queryRunner.query(`CREATE TYPE "public"."notification_kind" AS ENUM(${kept.map(({ kind }) => `'${kind}'`).join(', ')})`);
    await queryRunner.query(`ALTER TABLE "notification" ALTER COLUMN "kind" TYPE "public"."notification_kind" USING "kind"::text::"public"."notification_kind"`);
    await queryRunner.query(`DROP TYPE "public"."notification_kind_old"`);
  }
}
