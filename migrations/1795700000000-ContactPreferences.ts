import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Contact preferences (PREF-4..PREF-6): special requirements and the disability category of a
 * contact, and the changes recorded on a change of contact preferences SR. Written by hand from
 * the generated statements for these tables only.
 */

export class ContactPreferences1795700000000 implements MigrationInterface {
    name = 'ContactPreferences1795700000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TYPE "public"."disability_category" AS ENUM('BLIND_PARTIALLY_SIGHTED', 'COGNITIVE_IMPAIRMENT', 'DEAF_HARD_OF_HEARING', 'LEARNING_DISABILITY', 'LONG_TERM_HEALTH_CONDITION', 'MENTAL_HEALTH', 'PHYSICAL_IMPAIRMENT', 'OTHER')`);
        await queryRunner.query(`CREATE TABLE "contact_disability" ("contact_id" uuid NOT NULL, "category" "public"."disability_category" NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_f7b09085f3c368756b0969b11e1" PRIMARY KEY ("contact_id"))`);
        await queryRunner.query(`CREATE TABLE "contact_preference_change" ("id" BIGSERIAL NOT NULL, "service_request_id" uuid NOT NULL, "contact_id" uuid NOT NULL, "field" character varying(40) NOT NULL, "old_value" character varying(200), "new_value" character varying(200), "changed_at" TIMESTAMP WITH TIME ZONE NOT NULL, "actor_type" character varying(10) NOT NULL, "actor_id" uuid, CONSTRAINT "PK_4098d0d7a6feedd62a7e110d6a7" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_contact_preference_change_sr" ON "contact_preference_change"  ("service_request_id") `);
        await queryRunner.query(`CREATE INDEX "ix_contact_preference_change_contact" ON "contact_preference_change"  ("contact_id") `);
        await queryRunner.query(`CREATE TYPE "public"."special_requirement_type" AS ENUM('HEARING', 'MOBILITY', 'SIGHT', 'SPEECH')`);
        await queryRunner.query(`CREATE TYPE "public"."special_requirement_value" AS ENUM('INDUCTION_LOOP', 'SIGNER', 'TEXTBOX', 'LIFTS', 'RAMPS', 'WIDER_DOORWAYS', 'AUDIO_CD', 'AUDIO_CASSETTE', 'BRAILLE', 'LARGE_PRINT', 'TEXT_BOX')`);
        await queryRunner.query(`CREATE TABLE "special_requirement" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "contact_id" uuid NOT NULL, "type" "public"."special_requirement_type" NOT NULL, "value" "public"."special_requirement_value" NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "uq_special_requirement" UNIQUE ("contact_id", "type", "value"), CONSTRAINT "PK_8c0b1f7320971bacb7436b2e706" PRIMARY KEY ("id"))`);
        await queryRunner.query(`ALTER TABLE "contact_disability" ADD CONSTRAINT "FK_f7b09085f3c368756b0969b11e1" FOREIGN KEY ("contact_id") REFERENCES "contact"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "contact_preference_change" ADD CONSTRAINT "FK_9cce72262b9105e0b8eb2432c21" FOREIGN KEY ("service_request_id") REFERENCES "service_request"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "contact_preference_change" ADD CONSTRAINT "FK_f2d43a89fef523f6b0f5d5a588d" FOREIGN KEY ("contact_id") REFERENCES "contact"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "special_requirement" ADD CONSTRAINT "FK_cf08c7f54fd8b5fec0e618b9102" FOREIGN KEY ("contact_id") REFERENCES "contact"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "special_requirement" DROP CONSTRAINT "FK_cf08c7f54fd8b5fec0e618b9102"`);
        await queryRunner.query(`ALTER TABLE "contact_preference_change" DROP CONSTRAINT "FK_f2d43a89fef523f6b0f5d5a588d"`);
        await queryRunner.query(`ALTER TABLE "contact_preference_change" DROP CONSTRAINT "FK_9cce72262b9105e0b8eb2432c21"`);
        await queryRunner.query(`ALTER TABLE "contact_disability" DROP CONSTRAINT "FK_f7b09085f3c368756b0969b11e1"`);
        await queryRunner.query(`DROP TABLE "special_requirement"`);
        await queryRunner.query(`DROP TYPE "public"."special_requirement_value"`);
        await queryRunner.query(`DROP TYPE "public"."special_requirement_type"`);
        await queryRunner.query(`DROP INDEX "public"."ix_contact_preference_change_contact"`);
        await queryRunner.query(`DROP INDEX "public"."ix_contact_preference_change_sr"`);
        await queryRunner.query(`DROP TABLE "contact_preference_change"`);
        await queryRunner.query(`DROP TABLE "contact_disability"`);
        await queryRunner.query(`DROP TYPE "public"."disability_category"`);
    }

}
