import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Seeds 001 and 002 loose ends:
 * - PREF-7: preferred call times live on the contact (one row each), not only inside one SR. Each
 *   contact's latest times recorded on an SR so far are carried over.
 * - SR-1: a change of contact preferences has the sub area "Change Contact/Security Info" (seed 002
 *   step 2), as a change of security details has.
 */
export class ContactCallTimesSubArea1796010000000 implements MigrationInterface {
  name = 'ContactCallTimesSubArea1796010000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "contact_call_times" ("contact_id" uuid NOT NULL, "description" character varying(200) NOT NULL, "planned_start" TIMESTAMP WITH TIME ZONE NOT NULL, "status" "public"."activity_status" NOT NULL DEFAULT 'NOT_REQUIRED', "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL, "recorded_by_id" uuid, CONSTRAINT "PK_34bd99fbbf8638286356fdeadbf" PRIMARY KEY ("contact_id"))`);
    await queryRunner.query(`ALTER TABLE "contact_call_times" ADD CONSTRAINT "FK_34bd99fbbf8638286356fdeadbf" FOREIGN KEY ("contact_id") REFERENCES "contact"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`
      INSERT INTO "contact_call_times" ("contact_id", "description", "planned_start", "status", "recorded_at", "recorded_by_id")
      SELECT DISTINCT ON (s."subject_contact_id") s."subject_contact_id", left(a."description", 200), a."planned_start", 'NOT_REQUIRED',
             coalesce(a."completed_at", s."updated_at"), a."completed_by_id"
        FROM "activity" a JOIN "service_request" s ON s."id" = a."service_request_id"
       WHERE a."name" = 'Preferred Call Times' AND a."description" IS NOT NULL AND a."planned_start" IS NOT NULL
       ORDER BY s."subject_contact_id", coalesce(a."completed_at", s."updated_at") DESC`);
    await queryRunner.query(`UPDATE "service_request" SET "sub_area" = 'CHANGE_CONTACT_SECURITY_INFO' WHERE "kind" = 'CHANGE_CONTACT_PREFERENCES'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`UPDATE "service_request" SET "sub_area" = 'CHANGE_CONTACT_PREFERENCES' WHERE "kind" = 'CHANGE_CONTACT_PREFERENCES'`);
    await queryRunner.query(`ALTER TABLE "contact_call_times" DROP CONSTRAINT "FK_34bd99fbbf8638286356fdeadbf"`);
    await queryRunner.query(`DROP TABLE "contact_call_times"`);
  }
}
