import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The counters of the request rate limits (src/server/rate-limit.ts), shared by every instance. The
 * shape is rate-limiter-flexible's Postgres store (key, points, expire in epoch ms), created here so
 * the app never runs DDL. UNLOGGED: counters of the last minute are not worth a WAL write per
 * request; after a crash the table starts empty, which only forgives the current window.
 */
export class RateLimit1795930000000 implements MigrationInterface {
  name = 'RateLimit1795930000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE UNLOGGED TABLE "rate_limit" (
        "key" character varying(255) PRIMARY KEY,
        "points" integer NOT NULL DEFAULT 0,
        "expire" bigint
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "rate_limit"`);
  }
}
