import { MigrationInterface, QueryRunner } from "typeorm";

/** Letters (LET-1..4) and the preferred contact method of a contact (PREF-1). */

export class LettersContactMethod1795509807953 implements MigrationInterface {
    name = 'LettersContactMethod1795509807953'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TYPE "public"."letter_template" AS ENUM('CMSL9800', 'CMSL9801', 'CMSL9802', 'CMSL9547', 'CMSL9548', 'COVERING_REISSUE')`);
        await queryRunner.query(`CREATE TYPE "public"."letter_status" AS ENUM('GENERATED', 'SENT', 'CANCELLED')`);
        await queryRunner.query(`CREATE TYPE "public"."letter_channel" AS ENUM('POST', 'ONLINE')`);
        await queryRunner.query(`CREATE TYPE "public"."letter_format" AS ENUM('STANDARD', 'LARGE_PRINT', 'BRAILLE')`);
        await queryRunner.query(`CREATE TABLE "letter" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "template" "public"."letter_template" NOT NULL, "contact_id" uuid NOT NULL, "service_request_id" uuid, "status" "public"."letter_status" NOT NULL DEFAULT 'GENERATED', "channel" "public"."letter_channel" NOT NULL, "format" "public"."letter_format" NOT NULL DEFAULT 'STANDARD', "title" character varying(200) NOT NULL, "body" text NOT NULL, "reissue_of_id" uuid, "covers_letter_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "sent_at" TIMESTAMP WITH TIME ZONE, "cancelled_at" TIMESTAMP WITH TIME ZONE, "email_notice_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_7a85cf0e444dff7c656a31b32bf" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_letter_sr" ON "letter"  ("service_request_id") `);
        await queryRunner.query(`CREATE INDEX "ix_letter_status" ON "letter"  ("status", "created_at") `);
        await queryRunner.query(`CREATE INDEX "ix_letter_contact" ON "letter"  ("contact_id", "created_at") `);
        await queryRunner.query(`CREATE TYPE "public"."contact_method" AS ENUM('TELEPHONE', 'LETTER', 'EMAIL', 'SMS', 'SELF_SERVICE')`);
        await queryRunner.query(`ALTER TABLE "contact" ADD "preferred_contact_method" "public"."contact_method" NOT NULL DEFAULT 'TELEPHONE'`);
        await queryRunner.query(`ALTER TABLE "letter" ADD CONSTRAINT "FK_b2340f55df9fdc14fa0585e8577" FOREIGN KEY ("contact_id") REFERENCES "contact"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "letter" ADD CONSTRAINT "FK_ed776c3f4445f8708c506545830" FOREIGN KEY ("service_request_id") REFERENCES "service_request"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "letter" DROP CONSTRAINT "FK_ed776c3f4445f8708c506545830"`);
        await queryRunner.query(`ALTER TABLE "letter" DROP CONSTRAINT "FK_b2340f55df9fdc14fa0585e8577"`);
        await queryRunner.query(`ALTER TABLE "contact" DROP COLUMN "preferred_contact_method"`);
        await queryRunner.query(`DROP TYPE "public"."contact_method"`);
        await queryRunner.query(`DROP INDEX "public"."ix_letter_contact"`);
        await queryRunner.query(`DROP INDEX "public"."ix_letter_status"`);
        await queryRunner.query(`DROP INDEX "public"."ix_letter_sr"`);
        await queryRunner.query(`DROP TABLE "letter"`);
        await queryRunner.query(`DROP TYPE "public"."letter_format"`);
        await queryRunner.query(`DROP TYPE "public"."letter_channel"`);
        await queryRunner.query(`DROP TYPE "public"."letter_status"`);
        await queryRunner.query(`DROP TYPE "public"."letter_template"`);
    }

}
