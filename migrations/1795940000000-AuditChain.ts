import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * AUD-3: a hash chain over the audit trail, computed by the database so that concurrent writers
 * cannot fork it. A BEFORE INSERT trigger locks the one-row chain head (`FOR UPDATE`: the next
 * writer waits until this transaction ends, so a rolled-back event leaves no gap), gives the event
 * the next `seq`, the head's hash as `prev_hash`, and
 *   hash = hex(sha256(utf8(prev_hash || '|' || canonical)))
 * where canonical is the fields below, in this order, each as `<utf8 byte length>:<text>` or `-`
 * for null, joined by '|':
 *   seq, id, occurred_at (UTC, YYYY-MM-DDTHH:MI:SS.ffffffZ), actor_id, actor_type, action,
 *   subject_type, subject_id, outcome, details (jsonb text), request_id, correlation_id, policy_version.
 * src/audit-trail/audit-chain.ts recomputes the same in TypeScript, so a superuser who replaces
 * these functions cannot make the verifier agree. Built-in sha256() (PG 11+): PGlite has no pgcrypto.
 *
 * Existing events are chained in id order (their insertion order); their policy version is unknown
 * (null). Every new event must carry one. The head only ever advances by one (trigger); the signed
 * checkpoints of it are kept in `audit_checkpoint`, append-only, and by reviewers and the log.
 */
export class AuditChain1795940000000 implements MigrationInterface {
  name = 'AuditChain1795940000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "audit_event" ADD "seq" bigint, ADD "prev_hash" character(64), ADD "hash" character(64),
      ADD "policy_version" character varying(64)`);
    await queryRunner.query(`CREATE TABLE "audit_chain_head" ("id" boolean PRIMARY KEY DEFAULT true CHECK ("id"),
      "seq" bigint NOT NULL, "hash" character(64) NOT NULL)`);

    await queryRunner.query(`CREATE FUNCTION audit_chain_field(value text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
      SELECT CASE WHEN value IS NULL THEN '-' ELSE octet_length(value)::text || ':' || value END
    $$`);
    // PL/pgSQL rather than SQL: it keeps the plan of the expression for the session (a SQL function
    // called from the trigger is planned again on every call).
    await queryRunner.query(`CREATE FUNCTION audit_event_hash(e audit_event) RETURNS character(64) LANGUAGE plpgsql STABLE AS $$
      BEGIN
        RETURN encode(sha256(convert_to(e.prev_hash || '|' || concat_ws('|',
          audit_chain_field(e.seq::text), audit_chain_field(e.id::text),
          audit_chain_field(to_char(e.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')),
          audit_chain_field(e.actor_id::text), audit_chain_field(e.actor_type), audit_chain_field(e.action),
          audit_chain_field(e.subject_type), audit_chain_field(e.subject_id), audit_chain_field(e.outcome),
          audit_chain_field(e.details::text), audit_chain_field(e.request_id), audit_chain_field(e.correlation_id),
          audit_chain_field(e.policy_version)), 'UTF8')), 'hex');
      END $$`);

    // Chain what is there, in insertion order. AUD-1's trigger refuses updates: off for this only.
    await queryRunner.query(`ALTER TABLE "audit_event" DISABLE TRIGGER audit_event_no_update_delete`);
    await queryRunner.query(`DO $$
      DECLARE
        e audit_event;
        previous character(64) := repeat('0', 64);
        n bigint := 0;
      BEGIN
        FOR e IN SELECT * FROM audit_event ORDER BY id LOOP
          n := n + 1;
          e.seq := n;
          e.prev_hash := previous;
          e.hash := audit_event_hash(e);
          UPDATE audit_event SET seq = e.seq, prev_hash = e.prev_hash, hash = e.hash WHERE id = e.id;
          previous := e.hash;
        END LOOP;
        INSERT INTO audit_chain_head (id, seq, hash) VALUES (true, n, previous);
      END $$`);
    await queryRunner.query(`ALTER TABLE "audit_event" ENABLE TRIGGER audit_event_no_update_delete`);
    await queryRunner.query(`ALTER TABLE "audit_event" ALTER "seq" SET NOT NULL, ALTER "prev_hash" SET NOT NULL, ALTER "hash" SET NOT NULL`);
    await queryRunner.query(`CREATE UNIQUE INDEX "ux_audit_event_seq" ON "audit_event" ("seq")`);

    await queryRunner.query(`CREATE FUNCTION audit_event_chain() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        head audit_chain_head;
      BEGIN
        IF NEW.policy_version IS NULL THEN
          RAISE EXCEPTION 'audit_event.policy_version is required (AUD-3)' USING ERRCODE = 'not_null_violation';
        END IF;
        -- The lock is held to the end of the transaction: writers take turns, the chain cannot fork.
        SELECT * INTO STRICT head FROM audit_chain_head FOR UPDATE;
        NEW.seq := head.seq + 1;
        NEW.prev_hash := head.hash;
        NEW.hash := audit_event_hash(NEW);
        UPDATE audit_chain_head SET seq = NEW.seq, hash = NEW.hash;
        RETURN NEW;
      END $$`);
    await queryRunner.query(`CREATE TRIGGER audit_event_chain BEFORE INSERT ON "audit_event" FOR EACH ROW EXECUTE FUNCTION audit_event_chain()`);

    // The head moves forward one event at a time, never back, and is never deleted.
    await queryRunner.query(`CREATE FUNCTION audit_chain_head_forward_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' AND NEW.id AND NEW.seq = OLD.seq + 1 THEN RETURN NEW; END IF;
        RAISE EXCEPTION 'audit_chain_head only moves forward one event at a time: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await queryRunner.query(`CREATE TRIGGER audit_chain_head_forward BEFORE UPDATE OR DELETE ON "audit_chain_head"
      FOR EACH ROW EXECUTE FUNCTION audit_chain_head_forward_only()`);
    await queryRunner.query(`CREATE TRIGGER audit_chain_head_no_truncate BEFORE TRUNCATE ON "audit_chain_head"
      FOR EACH STATEMENT EXECUTE FUNCTION audit_chain_head_forward_only()`);

    await queryRunner.query(`CREATE TABLE "audit_checkpoint" (
      "id" bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      "seq" bigint NOT NULL,
      "hash" character(64) NOT NULL,
      "policy_version" character varying(64) NOT NULL,
      "issued_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      "token" character varying(300) NOT NULL)`);
    await queryRunner.query(`CREATE INDEX "ix_audit_checkpoint_seq" ON "audit_checkpoint" ("seq" DESC)`);
    await queryRunner.query(`CREATE FUNCTION audit_checkpoint_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_checkpoint is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await queryRunner.query(`CREATE TRIGGER audit_checkpoint_no_update_delete BEFORE UPDATE OR DELETE ON "audit_checkpoint"
      FOR EACH ROW EXECUTE FUNCTION audit_checkpoint_append_only()`);
    await queryRunner.query(`CREATE TRIGGER audit_checkpoint_no_truncate BEFORE TRUNCATE ON "audit_checkpoint"
      FOR EACH STATEMENT EXECUTE FUNCTION audit_checkpoint_append_only()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "audit_checkpoint"`);
    await queryRunner.query(`DROP FUNCTION audit_checkpoint_append_only()`);
    await queryRunner.query(`DROP TRIGGER audit_event_chain ON "audit_event"`);
    await queryRunner.query(`DROP FUNCTION audit_event_chain()`);
    await queryRunner.query(`DROP TABLE "audit_chain_head"`);
    await queryRunner.query(`DROP FUNCTION audit_chain_head_forward_only()`);
    await queryRunner.query(`DROP INDEX "ux_audit_event_seq"`);
    await queryRunner.query(`DROP FUNCTION audit_event_hash(audit_event)`);
    await queryRunner.query(`DROP FUNCTION audit_chain_field(text)`);
    await queryRunner.query(`ALTER TABLE "audit_event" DROP COLUMN "policy_version", DROP COLUMN "hash", DROP COLUMN "prev_hash", DROP COLUMN "seq"`);
  }
}
