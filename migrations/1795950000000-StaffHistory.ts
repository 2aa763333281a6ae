import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * AUD-5: staff history (role, segment, team, active) and team-leader history, so the principal of
 * any member of staff can be rebuilt for a past instant. Written by triggers on `staff` and `team`,
 * so no path that changes a row (a service, the seed, a test, psql) can forget it.
 *
 * The instant of a version is `history_instant()`: the transaction setting `app.now` when the
 * application set it (its injectable clock, see src/modules/staff/staff-history.ts), else the
 * transaction's own `now()`. In production both are the system clock; tests that move the clock
 * set `app.now` so history agrees with the clock the grants and the audit trail use.
 *
 * Rows that exist when this runs get one version valid from -infinity: their past is unknown, and
 * "as they are now, since before records began" is the most the data can say.
 *
 * Append-only like the audit trail: the database refuses UPDATE, DELETE and TRUNCATE on both, and
 * a member of staff with history can no longer be deleted (deactivate instead).
 */
export class StaffHistory1795950000000 implements MigrationInterface {
  name = 'StaffHistory1795950000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE FUNCTION history_instant() RETURNS timestamptz LANGUAGE sql STABLE AS $$
      SELECT COALESCE(NULLIF(current_setting('app.now', true), '')::timestamptz, now())
    $$`);
    await queryRunner.query(`CREATE FUNCTION history_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);

    await queryRunner.query(`
      CREATE TABLE "staff_history" (
        "id" bigserial PRIMARY KEY,
        "staff_id" uuid NOT NULL REFERENCES "staff"("id") ON DELETE RESTRICT,
        "valid_from" TIMESTAMP WITH TIME ZONE NOT NULL,
        "role" "staff_role" NOT NULL,
        "segment" "segment" NOT NULL,
        "team_id" uuid,
        "active" boolean NOT NULL,
        "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT clock_timestamp()
      )`);
    await queryRunner.query(`CREATE INDEX "ix_staff_history_as_of" ON "staff_history" ("staff_id", "valid_from" DESC, "id" DESC)`);
    await queryRunner.query(`
      INSERT INTO "staff_history" ("staff_id", "valid_from", "role", "segment", "team_id", "active")
      SELECT "id", '-infinity', "role", "segment", "team_id", "active" FROM "staff" ORDER BY "staff_number"`);
    await queryRunner.query(`CREATE FUNCTION staff_history_write() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO "staff_history" ("staff_id", "valid_from", "role", "segment", "team_id", "active")
        VALUES (NEW."id", history_instant(), NEW."role", NEW."segment", NEW."team_id", NEW."active");
        RETURN NULL;
      END $$`);
    await queryRunner.query(`CREATE TRIGGER staff_history_on_insert AFTER INSERT ON "staff"
      FOR EACH ROW EXECUTE FUNCTION staff_history_write()`);
    await queryRunner.query(`CREATE TRIGGER staff_history_on_update AFTER UPDATE ON "staff" FOR EACH ROW
      WHEN ((OLD."role", OLD."segment", OLD."team_id", OLD."active") IS DISTINCT FROM (NEW."role", NEW."segment", NEW."team_id", NEW."active"))
      EXECUTE FUNCTION staff_history_write()`);

    await queryRunner.query(`
      CREATE TABLE "team_history" (
        "id" bigserial PRIMARY KEY,
        "team_id" uuid NOT NULL REFERENCES "team"("id") ON DELETE RESTRICT,
        "valid_from" TIMESTAMP WITH TIME ZONE NOT NULL,
        "leader_id" uuid,
        "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT clock_timestamp()
      )`);
    await queryRunner.query(`CREATE INDEX "ix_team_history_as_of" ON "team_history" ("team_id", "valid_from" DESC, "id" DESC)`);
    await queryRunner.query(`
      INSERT INTO "team_history" ("team_id", "valid_from", "leader_id")
      SELECT "id", '-infinity', "leader_id" FROM "team" ORDER BY "name"`);
    await queryRunner.query(`CREATE FUNCTION team_history_write() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO "team_history" ("team_id", "valid_from", "leader_id") VALUES (NEW."id", history_instant(), NEW."leader_id");
        RETURN NULL;
      END $$`);
    await queryRunner.query(`CREATE TRIGGER team_history_on_insert AFTER INSERT ON "team"
      FOR EACH ROW EXECUTE FUNCTION team_history_write()`);
    await queryRunner.query(`CREATE TRIGGER team_history_on_update AFTER UPDATE ON "team" FOR EACH ROW
      WHEN (OLD."leader_id" IS DISTINCT FROM NEW."leader_id") EXECUTE FUNCTION team_history_write()`);

    for (const table of ['staff_history', 'team_history']) {
      await queryRunner.query(`CREATE TRIGGER ${table}_no_update_delete BEFORE UPDATE OR DELETE ON "${table}"
        FOR EACH ROW EXECUTE FUNCTION history_append_only()`);
      await queryRunner.query(`CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON "${table}"
        FOR EACH STATEMENT EXECUTE FUNCTION history_append_only()`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER team_history_on_update ON "team"`);
    await queryRunner.query(`DROP TRIGGER team_history_on_insert ON "team"`);
    await queryRunner.query(`DROP TRIGGER staff_history_on_update ON "staff"`);
    await queryRunner.query(`DROP TRIGGER staff_history_on_insert ON "staff"`);
    await queryRunner.query(`DROP TABLE "team_history"`);
    await queryRunner.query(`DROP TABLE "staff_history"`);
    await queryRunner.query(`DROP FUNCTION team_history_write()`);
    await queryRunner.query(`DROP FUNCTION staff_history_write()`);
    await queryRunner.query(`DROP FUNCTION history_append_only()`);
    await queryRunner.query(`DROP FUNCTION history_instant()`);
  }
}
