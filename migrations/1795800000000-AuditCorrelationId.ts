import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Audit rows keep our request id and, beside it, the caller's own x-request-id as a correlation id. */
export class AuditCorrelationId1795800000000 implements MigrationInterface {
  name = 'AuditCorrelationId1795800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "audit_event" ADD "correlation_id" character varying(64)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "audit_event" DROP COLUMN "correlation_id"`);
  }
}
