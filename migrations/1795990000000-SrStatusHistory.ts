import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * SR-8: every SR keeps its status history (who, when, from, to, sub status). Existing SRs get one
 * row for the state they are in, from their creation, by the system (who moved them is not known).
 */
export class SrStatusHistory1795990000000 implements MigrationInterface {
  name = 'SrStatusHistory1795990000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TYPE "sr_actor_type" AS ENUM ('STAFF', 'CLIENT', 'SYSTEM')`);
    await queryRunner.query(`
      CREATE TABLE "sr_status_change" (
        "id" bigserial PRIMARY KEY,
        "service_request_id" uuid NOT NULL,
        "changed_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "actor_type" "sr_actor_type" NOT NULL,
        "actor_staff_id" uuid,
        "actor_contact_id" uuid,
        "from_status" "sr_status",
        "to_status" "sr_status" NOT NULL,
        "from_sub_status" character varying(40),
        "to_sub_status" character varying(40),
        CONSTRAINT "ck_sr_status_change_actor" CHECK (
          ("actor_type" = 'STAFF' AND "actor_staff_id" IS NOT NULL AND "actor_contact_id" IS NULL)
          OR ("actor_type" = 'CLIENT' AND "actor_contact_id" IS NOT NULL AND "actor_staff_id" IS NULL)
          OR ("actor_type" = 'SYSTEM' AND "actor_staff_id" IS NULL AND "actor_contact_id" IS NULL))
      )`);
    await queryRunner.query(`ALTER TABLE "sr_status_change" ADD CONSTRAINT "FK_6aa1f2320d63a69722f888f093f" FOREIGN KEY ("service_request_id") REFERENCES "service_request"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "sr_status_change" ADD CONSTRAINT "FK_a1054468dc3af4e87a51861ae82" FOREIGN KEY ("actor_staff_id") REFERENCES "staff"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "sr_status_change" ADD CONSTRAINT "FK_4c68ee3246657dc4bc2039de571" FOREIGN KEY ("actor_contact_id") REFERENCES "contact"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`CREATE INDEX "ix_sr_status_change_sr" ON "sr_status_change" ("service_request_id", "id")`);
    await queryRunner.query(`
      INSERT INTO "sr_status_change" ("service_request_id", "changed_at", "actor_type", "to_status", "to_sub_status")
      SELECT "id", "created_at", 'SYSTEM', "status", "sub_status" FROM "service_request" ORDER BY "created_at", "id"`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "sr_status_change"`);
    await queryRunner.query(`DROP TYPE "sr_actor_type"`);
  }
}
