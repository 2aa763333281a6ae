import { MigrationInterface, QueryRunner } from "typeorm";

/** Service requests with notes and activity plans; CSUA150 access requests, grants, extensions; notifications; the audit trail. */

export class AccessRequestsServiceRequestsAudit1795509174639 implements MigrationInterface {
    name = 'AccessRequestsServiceRequestsAudit1795509174639'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TYPE "public"."extension_status" AS ENUM('REQUESTED', 'TL_SUPPORTED', 'GRANTED', 'REJECTED')`);
        await queryRunner.query(`CREATE TABLE "access_extension" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "grant_id" uuid NOT NULL, "requested_by_id" uuid NOT NULL, "requested_hours" integer NOT NULL, "reason" text NOT NULL, "status" "public"."extension_status" NOT NULL DEFAULT 'REQUESTED', "tl_supported_by_id" uuid, "decided_by_id" uuid, "decided_at" TIMESTAMP WITH TIME ZONE, "new_expires_at" TIMESTAMP WITH TIME ZONE, "rejection_reason" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_8cd924d0eb13b16ee497fbd6165" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_access_extension_grant" ON "access_extension"  ("grant_id") `);
        await queryRunner.query(`CREATE TYPE "public"."sr_kind" AS ENUM('SECURITY_SET_UP', 'CHANGE_SECURITY_DETAILS', 'CHANGE_CONTACT_PREFERENCES')`);
        await queryRunner.query(`CREATE TYPE "public"."sr_source_type" AS ENUM('REPORTING_PERSON', 'PWC_SELF_SERVICE', 'NRP_SELF_SERVICE')`);
        await queryRunner.query(`CREATE TYPE "public"."subject_type" AS ENUM('PWC', 'NRP', 'REPRESENTATIVE')`);
        await queryRunner.query(`CREATE TYPE "public"."sr_status" AS ENUM('OPEN', 'IN_PROGRESS', 'WAIT', 'PENDING_ASSIGNMENT', 'CLOSED')`);
        await queryRunner.query(`CREATE TABLE "service_request" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "kind" "public"."sr_kind" NOT NULL, "process" character varying(60) NOT NULL, "area" character varying(60) NOT NULL, "sub_area" character varying(60) NOT NULL, "source_type" "public"."sr_source_type" NOT NULL, "source_first_name" character varying(100), "source_last_name" character varying(100), "source_role" character varying(60), "subject_contact_id" uuid NOT NULL, "subject_type" "public"."subject_type" NOT NULL, "status" "public"."sr_status" NOT NULL DEFAULT 'OPEN', "sub_status" character varying(40), "resolution_code" character varying(40), "next_action_due" TIMESTAMP WITH TIME ZONE, "owner_id" uuid, "segment" "public"."segment" NOT NULL, "version" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_08446fa58294cb2dd0b6ff9e5a7" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_service_request_subject" ON "service_request"  ("subject_contact_id") `);
        await queryRunner.query(`CREATE INDEX "ix_service_request_owner" ON "service_request"  ("owner_id") `);
        await queryRunner.query(`CREATE INDEX "ix_service_request_due" ON "service_request"  ("status", "next_action_due") `);
        await queryRunner.query(`CREATE INDEX "ix_service_request_segment_status" ON "service_request"  ("segment", "status") `);
        await queryRunner.query(`CREATE TYPE "public"."access_request_status" AS ENUM('SUBMITTED', 'TL_CHECKED', 'SCR_APPROVED', 'GRANTED', 'REJECTED')`);
        await queryRunner.query(`CREATE TABLE "access_request" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "requester_id" uuid NOT NULL, "team_id" uuid NOT NULL, "staff_number" character varying(20) NOT NULL, "team_name" character varying(100) NOT NULL, "grade" character varying(20) NOT NULL, "area" character varying(100) NOT NULL, "requested_hours" integer NOT NULL, "purpose" "public"."access_purpose" NOT NULL, "service_request_id" uuid NOT NULL, "contact_id" uuid, "client_name" character varying(200), "scin" character varying(20), "nino" character varying(9), "further_details" text, "justification" text NOT NULL, "status" "public"."access_request_status" NOT NULL DEFAULT 'SUBMITTED', "tl_checked_by_id" uuid, "tl_checked_at" TIMESTAMP WITH TIME ZONE, "tl_name" character varying(200), "tl_contact_details" character varying(200), "scr_approved_by_id" uuid, "scr_approved_at" TIMESTAMP WITH TIME ZONE, "granted_by_id" uuid, "granted_at" TIMESTAMP WITH TIME ZONE, "granted_hours" integer, "rejected_by_id" uuid, "rejected_at" TIMESTAMP WITH TIME ZONE, "rejected_at_stage" "public"."access_request_status", "rejection_reason" text, "version" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_a543250cab0b6d2eb3a85593d93" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_access_request_requester" ON "access_request"  ("requester_id") `);
        await queryRunner.query(`CREATE INDEX "ix_access_request_team" ON "access_request"  ("team_id") `);
        await queryRunner.query(`CREATE INDEX "ix_access_request_sr" ON "access_request"  ("service_request_id") `);
        await queryRunner.query(`CREATE INDEX "ix_access_request_contact" ON "access_request"  ("contact_id") `);
        await queryRunner.query(`CREATE INDEX "ix_access_request_status" ON "access_request"  ("status", "created_at") `);
        await queryRunner.query(`CREATE TABLE "audit_event" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "actor_id" uuid, "actor_type" character varying(10) NOT NULL, "action" character varying(60) NOT NULL, "subject_type" character varying(40) NOT NULL, "subject_id" character varying(64) NOT NULL, "outcome" character varying(10) NOT NULL, "details" jsonb, "request_id" character varying(64), CONSTRAINT "PK_481efbe8b0a403efe3f47a6528f" PRIMARY KEY ("id"))`);
        // AUD-1: the audit trail is append-only, enforced by the database itself.
        await queryRunner.query(`CREATE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION 'audit_event is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
            END
        $$`);
        await queryRunner.query(`CREATE TRIGGER audit_event_no_update_delete BEFORE UPDATE OR DELETE ON "audit_event" FOR EACH ROW EXECUTE FUNCTION audit_event_append_only()`);
        await queryRunner.query(`CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON "audit_event" FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only()`);
        await queryRunner.query(`CREATE INDEX "ix_audit_event_action" ON "audit_event"  ("action", "occurred_at") `);
        await queryRunner.query(`CREATE INDEX "ix_audit_event_actor" ON "audit_event"  ("actor_id", "occurred_at") `);
        await queryRunner.query(`CREATE INDEX "ix_audit_event_subject" ON "audit_event"  ("subject_type", "subject_id", "occurred_at") `);
        await queryRunner.query(`CREATE TYPE "public"."notification_kind" AS ENUM('ACCESS_GRANTED', 'ACCESS_NEARS_EXPIRY', 'ACCESS_EXPIRED', 'ACCESS_REMOVED', 'ACCESS_EXTENDED', 'ACCESS_REQUEST_REJECTED')`);
        await queryRunner.query(`CREATE TABLE "notification" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "recipient_id" uuid NOT NULL, "kind" "public"."notification_kind" NOT NULL, "message" text NOT NULL, "access_request_id" uuid, "grant_id" uuid, "dedupe_key" character varying(200) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "read_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "uq_notification_dedupe" UNIQUE ("dedupe_key"), CONSTRAINT "PK_705b6c7cdf9b2c2ff7ac7872cb7" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_notification_recipient" ON "notification"  ("recipient_id", "created_at") `);
        await queryRunner.query(`CREATE TYPE "public"."activity_status" AS ENUM('OPEN', 'DONE', 'NOT_REQUIRED')`);
        await queryRunner.query(`CREATE TABLE "activity" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "service_request_id" uuid NOT NULL, "sequence" integer NOT NULL, "name" character varying(100) NOT NULL, "status" "public"."activity_status" NOT NULL DEFAULT 'OPEN', "outcome" character varying(60), "planned_start" TIMESTAMP WITH TIME ZONE, "description" text, "completed_at" TIMESTAMP WITH TIME ZONE, "completed_by_id" uuid, CONSTRAINT "PK_24625a1d6b1b089c8ae206fe467" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_activity_sr" ON "activity"  ("service_request_id") `);
        await queryRunner.query(`CREATE TABLE "service_request_note" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "service_request_id" uuid NOT NULL, "author_id" uuid, "text" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_7148f22905ec13a102884fabfef" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_service_request_note_sr" ON "service_request_note"  ("service_request_id") `);
        await queryRunner.query(`CREATE TABLE "service_request_case" ("service_request_id" uuid NOT NULL, "case_id" uuid NOT NULL, CONSTRAINT "PK_e8a3a388c593820c0e0bf2d89f2" PRIMARY KEY ("service_request_id", "case_id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_ee14d7c14db120d9f1d34413fa" ON "service_request_case"  ("service_request_id") `);
        await queryRunner.query(`CREATE INDEX "IDX_37afe4a7910f4883ad927ffc8c" ON "service_request_case"  ("case_id") `);
        await queryRunner.query(`ALTER TABLE "access_grant" ADD "request_id" uuid`);
        await queryRunner.query(`ALTER TABLE "access_grant" ADD "team_id" uuid`);
        await queryRunner.query(`ALTER TABLE "access_grant" ADD "removed_by_id" uuid`);
        await queryRunner.query(`CREATE TYPE "public"."grant_removal_reason" AS ENUM('TL_REQUEST', 'WORK_COMPLETED')`);
        await queryRunner.query(`ALTER TABLE "access_grant" ADD "removal_reason" "public"."grant_removal_reason"`);
        await queryRunner.query(`CREATE UNIQUE INDEX "ix_access_grant_request" ON "access_grant"  ("request_id") WHERE "request_id" IS NOT NULL`);
        await queryRunner.query(`CREATE INDEX "ix_access_grant_team" ON "access_grant"  ("team_id") `);
        await queryRunner.query(`ALTER TABLE "access_extension" ADD CONSTRAINT "FK_6cc4c7e40a36f800ebd701acee3" FOREIGN KEY ("grant_id") REFERENCES "access_grant"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "service_request" ADD CONSTRAINT "FK_0950e4fbfcf2716fc62df8d2ee5" FOREIGN KEY ("subject_contact_id") REFERENCES "contact"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "service_request" ADD CONSTRAINT "FK_4c3875401fbff9a491ada8a84a3" FOREIGN KEY ("owner_id") REFERENCES "staff"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "access_request" ADD CONSTRAINT "FK_f3f88e3550b9a6db8c1f0c3879e" FOREIGN KEY ("requester_id") REFERENCES "staff"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "access_request" ADD CONSTRAINT "FK_73a8e123faefa4ec3ae18a95994" FOREIGN KEY ("team_id") REFERENCES "team"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "access_request" ADD CONSTRAINT "FK_eb2358d7be2ef920d62bb308100" FOREIGN KEY ("service_request_id") REFERENCES "service_request"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "access_request" ADD CONSTRAINT "FK_4aadd123285f9e14fc89ae8c88a" FOREIGN KEY ("contact_id") REFERENCES "contact"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "notification" ADD CONSTRAINT "FK_9830357f52360a126737d498e66" FOREIGN KEY ("recipient_id") REFERENCES "staff"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "activity" ADD CONSTRAINT "FK_d61f9841ff49da00b65c84a00c7" FOREIGN KEY ("service_request_id") REFERENCES "service_request"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "service_request_note" ADD CONSTRAINT "FK_5291bd56fb2e3e2be7db2084862" FOREIGN KEY ("service_request_id") REFERENCES "service_request"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "service_request_note" ADD CONSTRAINT "FK_fcc37e706e411473696f0f68116" FOREIGN KEY ("author_id") REFERENCES "staff"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "service_request_case" ADD CONSTRAINT "FK_ee14d7c14db120d9f1d34413fa7" FOREIGN KEY ("service_request_id") REFERENCES "service_request"("id") ON DELETE CASCADE ON UPDATE CASCADE`);
        await queryRunner.query(`ALTER TABLE "service_request_case" ADD CONSTRAINT "FK_37afe4a7910f4883ad927ffc8ce" FOREIGN KEY ("case_id") REFERENCES "case"("id") ON DELETE CASCADE ON UPDATE CASCADE`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        // Dropping the table is the one way to remove audit rows, and only a migration does it.
        for (const table of ['access_extension', 'notification', 'activity', 'service_request_note', 'service_request_case', 'access_request', 'audit_event', 'service_request']) {
            await queryRunner.query(`DROP TABLE "${table}" CASCADE`);
        }
        await queryRunner.query(`DROP FUNCTION audit_event_append_only()`);
        await queryRunner.query(`DROP INDEX "public"."ix_access_grant_team"`);
        await queryRunner.query(`DROP INDEX "public"."ix_access_grant_request"`);
        for (const column of ['removal_reason', 'removed_by_id', 'team_id', 'request_id']) {
            await queryRunner.query(`ALTER TABLE "access_grant" DROP COLUMN "${column}"`);
        }
        for (const type of ['grant_removal_reason', 'activity_status', 'notification_kind', 'access_request_status', 'sr_status', 'subject_type', 'sr_source_type', 'sr_kind', 'extension_status']) {
            await queryRunner.query(`DROP TYPE "public"."${type}"`);
        }
    }
}
