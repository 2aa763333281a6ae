import PgBoss from 'pg-boss';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The schema of the job queue's tables and functions; the runner (src/jobs/job-runner.ts) names the same. */
const JOB_QUEUE_SCHEMA = 'pgboss';

/**
 * The job queue (pg-boss 10.4.2, its schema version 24) in its own schema, created through our
 * migration path rather than by pg-boss at start-up (the runner starts it with `migrate: false`
 * and refuses to run on a schema of another version). A later pg-boss comes with a migration of
 * its own running `PgBoss.getMigrationPlans(schema, installedVersion)` when the installed version
 * is older. pg-boss's plan is its own transaction (BEGIN ... COMMIT under an advisory lock), so
 * this migration runs outside ours and checks first whether the schema is there.
 */
export class JobQueue1795910000000 implements MigrationInterface {
  name = 'JobQueue1795910000000';
  transaction = false;

  async up(queryRunner: QueryRunner): Promise<void> {
    const [{ installed }] = await queryRunner.query(`SELECT to_regclass('${JOB_QUEUE_SCHEMA}.version') IS NOT NULL AS installed`);
    if (!installed) await queryRunner.query(PgBoss.getConstructionPlans(JOB_QUEUE_SCHEMA));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP SCHEMA IF EXISTS ${JOB_QUEUE_SCHEMA} CASCADE`);
  }
}
