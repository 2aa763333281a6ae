import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Security details (SEC-1..SEC-9): the write-only security account of a contact, security check
 * challenges with their verification windows, and new details given through self service that
 * wait for a caseworker. Written by hand from the generated statements for these tables only.
 */

export class SecurityDetails1795610000000 implements MigrationInterface {
    name = 'SecurityDetails1795610000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "security_account" ("contact_id" uuid NOT NULL, "pin_cipher" text NOT NULL, "password_hashes" jsonb NOT NULL, "answer_hashes" jsonb NOT NULL, "on_defaults" boolean NOT NULL DEFAULT false, "failed_attempts" integer NOT NULL DEFAULT '0', "blocked" boolean NOT NULL DEFAULT false, "blocked_at" TIMESTAMP WITH TIME ZONE, "set_up_at" TIMESTAMP WITH TIME ZONE NOT NULL, "set_up_by_id" uuid, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, "version" integer NOT NULL, CONSTRAINT "PK_84cb770fbcebaefe97f7d7c631c" PRIMARY KEY ("contact_id"))`);
        await queryRunner.query(`CREATE TYPE "public"."security_check_channel" AS ENUM('CASEWORKER', 'SELF_SERVICE')`);
        await queryRunner.query(`CREATE TYPE "public"."memorable_question" AS ENUM('NAME', 'TEACHER', 'PLACE', 'SINGER', 'DATE', 'EVENT', 'FIRST_SCHOOL')`);
        await queryRunner.query(`CREATE TYPE "public"."security_check_result" AS ENUM('PASSED', 'FAILED')`);
        await queryRunner.query(`CREATE TABLE "security_check" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "contact_id" uuid NOT NULL, "channel" "public"."security_check_channel" NOT NULL, "pin_positions" smallint array NOT NULL, "questions" "public"."memorable_question" array NOT NULL, "started_by_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "result" "public"."security_check_result", "answered_at" TIMESTAMP WITH TIME ZONE, "verified_until" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_9bdba949cc58661da0755fee5d1" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_security_check_contact" ON "security_check"  ("contact_id", "created_at") `);
        await queryRunner.query(`CREATE TABLE "pending_security_change" ("service_request_id" uuid NOT NULL, "contact_id" uuid NOT NULL, "pin_cipher" text, "password_hashes" jsonb, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_a8750b2b7d64eddcbeaf1fcc1d1" PRIMARY KEY ("service_request_id"))`);
        await queryRunner.query(`CREATE INDEX "ix_pending_security_change_contact" ON "pending_security_change"  ("contact_id") `);
        await queryRunner.query(`ALTER TABLE "security_account" ADD CONSTRAINT "FK_84cb770fbcebaefe97f7d7c631c" FOREIGN KEY ("contact_id") REFERENCES "contact"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "security_check" ADD CONSTRAINT "FK_f92a049cec44224c6efacb1a889" FOREIGN KEY ("contact_id") REFERENCES "contact"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "pending_security_change" ADD CONSTRAINT "FK_a8750b2b7d64eddcbeaf1fcc1d1" FOREIGN KEY ("service_request_id") REFERENCES "service_request"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "pending_security_change" ADD CONSTRAINT "FK_3249f384abcc81c3af83d0bad21" FOREIGN KEY ("contact_id") REFERENCES "contact"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "pending_security_change" DROP CONSTRAINT "FK_3249f384abcc81c3af83d0bad21"`);
        await queryRunner.query(`ALTER TABLE "pending_security_change" DROP CONSTRAINT "FK_a8750b2b7d64eddcbeaf1fcc1d1"`);
        await queryRunner.query(`ALTER TABLE "security_check" DROP CONSTRAINT "FK_f92a049cec44224c6efacb1a889"`);
        await queryRunner.query(`ALTER TABLE "security_account" DROP CONSTRAINT "FK_84cb770fbcebaefe97f7d7c631c"`);
        await queryRunner.query(`DROP INDEX "public"."ix_pending_security_change_contact"`);
        await queryRunner.query(`DROP TABLE "pending_security_change"`);
        await queryRunner.query(`DROP INDEX "public"."ix_security_check_contact"`);
        await queryRunner.query(`DROP TABLE "security_check"`);
        await queryRunner.query(`DROP TYPE "public"."security_check_result"`);
        await queryRunner.query(`DROP TYPE "public"."memorable_question"`);
        await queryRunner.query(`DROP TYPE "public"."security_check_channel"`);
        await queryRunner.query(`DROP TABLE "security_account"`);
    }

}
