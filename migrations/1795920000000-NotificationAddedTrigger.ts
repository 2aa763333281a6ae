import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every new notification is announced on the `notification_added` channel, whoever writes it (an
 * API instance, the grant sweep, a CLI): the listeners of every instance push it to their
 * subscribers. The payload is the id only: no message text, nothing personal, and every listener
 * reads the row under its subscriber's access rules. A NOTIFY is sent at commit, so a rolled-back
 * insert announces nothing; `ON CONFLICT DO NOTHING` skips the trigger for a duplicate.
 */
export class NotificationAddedTrigger1795920000000 implements MigrationInterface {
  name = 'NotificationAddedTrigger1795920000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION "notification_added_notify"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('notification_added', NEW."id"::text);
        RETURN NULL;
      END
      $$`);
    await queryRunner.query(`
      CREATE TRIGGER "notification_added" AFTER INSERT ON "notification"
      FOR EACH ROW EXECUTE FUNCTION "notification_added_notify"()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "notification_added" ON "notification"`);
    await queryRunner.query(`DROP FUNCTION "notification_added_notify"()`);
  }
}
