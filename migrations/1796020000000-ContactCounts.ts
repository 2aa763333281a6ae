import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 11: an unfiltered contact count that does not grow with the table. Two counters (sensitive
 * or not) kept by statement-level triggers in the same transaction as the rows, so a count read in
 * any snapshot agrees with the rows of that snapshot.
 */
export class ContactCounts1796020000000 implements MigrationInterface {
  name = 'ContactCounts1796020000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "contact_count" ("sensitive" boolean PRIMARY KEY, "n" bigint NOT NULL)`);
    await queryRunner.query(`
      INSERT INTO "contact_count" ("sensitive", "n")
      SELECT s, (SELECT count(*) FROM "contact" WHERE "sensitive" = s) FROM (VALUES (false), (true)) AS v(s)`);
    await queryRunner.query(`
      CREATE FUNCTION "contact_count_added"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE "contact_count" cc SET "n" = cc."n" + d.k
          FROM (SELECT "sensitive", count(*) AS k FROM added GROUP BY "sensitive") d WHERE cc."sensitive" = d."sensitive";
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE FUNCTION "contact_count_removed"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE "contact_count" cc SET "n" = cc."n" - d.k
          FROM (SELECT "sensitive", count(*) AS k FROM removed GROUP BY "sensitive") d WHERE cc."sensitive" = d."sensitive";
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE FUNCTION "contact_count_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE "contact_count" cc SET "n" = cc."n" + d.k
          FROM (
            SELECT "sensitive", sum(k) AS k FROM (
              SELECT "sensitive", 1 AS k FROM added UNION ALL SELECT "sensitive", -1 AS k FROM removed
            ) both_sides GROUP BY "sensitive"
          ) d WHERE cc."sensitive" = d."sensitive" AND d.k <> 0;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`CREATE TRIGGER "contact_count_insert" AFTER INSERT ON "contact" REFERENCING NEW TABLE AS added
      FOR EACH STATEMENT EXECUTE FUNCTION "contact_count_added"()`);
    await queryRunner.query(`CREATE TRIGGER "contact_count_delete" AFTER DELETE ON "contact" REFERENCING OLD TABLE AS removed
      FOR EACH STATEMENT EXECUTE FUNCTION "contact_count_removed"()`);
    await queryRunner.query(`CREATE TRIGGER "contact_count_update" AFTER UPDATE ON "contact" REFERENCING OLD TABLE AS removed NEW TABLE AS added
      FOR EACH STATEMENT EXECUTE FUNCTION "contact_count_changed"()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "contact_count_update" ON "contact"`);
    await queryRunner.query(`DROP TRIGGER "contact_count_delete" ON "contact"`);
    await queryRunner.query(`DROP TRIGGER "contact_count_insert" ON "contact"`);
    await queryRunner.query(`DROP FUNCTION "contact_count_changed"()`);
    await queryRunner.query(`DROP FUNCTION "contact_count_removed"()`);
    await queryRunner.query(`DROP FUNCTION "contact_count_added"()`);
    await queryRunner.query(`DROP TABLE "contact_count"`);
  }
}
