import { MigrationInterface, QueryRunner } from "typeorm";

/** Staff, teams, contacts, representatives, cases and their parties, and access grants. */

export class Foundation1795508394048 implements MigrationInterface {
    name = 'Foundation1795508394048'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TYPE "public"."contact_kind" AS ENUM('CLIENT', 'REPRESENTATIVE')`);
        await queryRunner.query(`CREATE TYPE "public"."client_role" AS ENUM('PWC', 'NRP')`);
        await queryRunner.query(`CREATE TYPE "public"."preferred_language" AS ENUM('ENGLISH', 'WELSH')`);
        await queryRunner.query(`CREATE TYPE "public"."self_service_status" AS ENUM('NOT_REGISTERED', 'REGISTERED_ACTIVE', 'REGISTERED_INACTIVE')`);
        await queryRunner.query(`CREATE TABLE "contact" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "kind" "public"."contact_kind" NOT NULL, "client_role" "public"."client_role", "scin" character varying(20), "nino" character varying(9), "first_name" character varying(100) NOT NULL, "last_name" character varying(100) NOT NULL, "date_of_birth" date, "address_line1" character varying(200), "address_line2" character varying(200), "town" character varying(100), "postcode" character varying(10), "phone" character varying(30), "email" character varying(254), "sensitive" boolean NOT NULL DEFAULT false, "preferred_language" "public"."preferred_language" NOT NULL DEFAULT 'ENGLISH', "self_service_status" "public"."self_service_status" NOT NULL DEFAULT 'NOT_REGISTERED', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_2cbbe00f59ab6b3bb5b8d19f989" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_contact_client_role" ON "contact"  ("client_role") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_contact_scin" ON "contact"  ("scin") `);
        await queryRunner.query(`CREATE INDEX "ix_contact_nino" ON "contact"  ("nino") `);
        await queryRunner.query(`CREATE INDEX "ix_contact_visible_name_order" ON "contact"  ("sensitive", "last_name", "first_name", "id") `);
        await queryRunner.query(`CREATE INDEX "ix_contact_name_order" ON "contact"  ("last_name", "first_name", "id") `);
        await queryRunner.query(`CREATE TYPE "public"."segment" AS ENUM('MAINTENANCE', 'ENFORCEMENT', 'WELSH', 'SCR')`);
        await queryRunner.query(`CREATE TABLE "team" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" character varying(100) NOT NULL, "segment" "public"."segment" NOT NULL, "leader_id" uuid, CONSTRAINT "PK_f57d8293406df4af348402e4b74" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_team_name" ON "team"  ("name") `);
        await queryRunner.query(`CREATE INDEX "ix_team_leader_id" ON "team"  ("leader_id") `);
        await queryRunner.query(`CREATE TYPE "public"."staff_role" AS ENUM('CASEWORKER', 'TEAM_LEADER', 'SCR_CASEWORKER', 'SCR_MANAGER', 'FLLS', 'SECURITY_REVIEWER')`);
        await queryRunner.query(`CREATE TABLE "staff" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "staff_number" character varying(20) NOT NULL, "first_name" character varying(100) NOT NULL, "last_name" character varying(100) NOT NULL, "role" "public"."staff_role" NOT NULL, "segment" "public"."segment" NOT NULL, "team_id" uuid, "grade" character varying(20) NOT NULL, "area" character varying(100) NOT NULL, "work_phone" character varying(30), "active" boolean NOT NULL DEFAULT true, CONSTRAINT "PK_e4ee98bb552756c180aec1e854a" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_staff_staff_number" ON "staff"  ("staff_number") `);
        await queryRunner.query(`CREATE INDEX "ix_staff_team_id" ON "staff"  ("team_id") `);
        await queryRunner.query(`CREATE TYPE "public"."access_purpose" AS ENUM('VIEW_CONTACT', 'ROUTE_SR_TO_SCR', 'FINANCE_ACTION')`);
        await queryRunner.query(`CREATE TABLE "access_grant" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "staff_id" uuid NOT NULL, "contact_id" uuid, "service_request_id" uuid, "purpose" "public"."access_purpose" NOT NULL, "granted_at" TIMESTAMP WITH TIME ZONE NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "removed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_2c12ba789e7748324e87e103a41" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_access_grant_contact_id" ON "access_grant"  ("contact_id") `);
        await queryRunner.query(`CREATE INDEX "ix_access_grant_live" ON "access_grant"  ("staff_id", "expires_at") `);
        await queryRunner.query(`CREATE TABLE "case" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_number" character varying(20) NOT NULL, "segment" "public"."segment" NOT NULL, "csa_arrears_only" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_a1b20a2aef6fc438389d2c4aca0" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_case_case_number" ON "case"  ("case_number") `);
        await queryRunner.query(`CREATE INDEX "ix_case_segment" ON "case"  ("segment") `);
        await queryRunner.query(`CREATE TABLE "case_party" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "contact_id" uuid NOT NULL, "role" "public"."client_role" NOT NULL, CONSTRAINT "uq_case_party_case_contact" UNIQUE ("case_id", "contact_id"), CONSTRAINT "PK_5c81ebb16804d0afd147c36bfbc" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_case_party_contact_id" ON "case_party"  ("contact_id") `);
        await queryRunner.query(`CREATE TABLE "representative_link" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "representative_id" uuid NOT NULL, "client_id" uuid NOT NULL, "trn" character varying(20) NOT NULL, "employer" boolean NOT NULL DEFAULT false, CONSTRAINT "uq_representative_link_pair" UNIQUE ("representative_id", "client_id"), CONSTRAINT "PK_d7558213a58e3b4fcaf270c5d98" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_representative_link_representative_id" ON "representative_link"  ("representative_id") `);
        await queryRunner.query(`CREATE INDEX "ix_representative_link_client_id" ON "representative_link"  ("client_id") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_representative_link_trn" ON "representative_link"  ("trn") `);
        // Case-insensitive prefix search by name (contacts(filter: { name })).
        await queryRunner.query(`CREATE INDEX "ix_contact_last_name_search" ON "contact" (lower("last_name") text_pattern_ops)`);
        await queryRunner.query(`CREATE INDEX "ix_contact_first_name_search" ON "contact" (lower("first_name") text_pattern_ops)`);
        await queryRunner.query(`CREATE INDEX "ix_case_party_case_id" ON "case_party" ("case_id")`);
        await queryRunner.query(`ALTER TABLE "team" ADD CONSTRAINT "FK_273a5ddfc2f86baf752c860d163" FOREIGN KEY ("leader_id") REFERENCES "staff"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "staff" ADD CONSTRAINT "FK_91bdbf854090135ad2098a5f3f1" FOREIGN KEY ("team_id") REFERENCES "team"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "access_grant" ADD CONSTRAINT "FK_c2c9309229b330a41868e3e8e3d" FOREIGN KEY ("staff_id") REFERENCES "staff"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "access_grant" ADD CONSTRAINT "FK_7783288f9c1fca0f7385fe0fa13" FOREIGN KEY ("contact_id") REFERENCES "contact"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "case_party" ADD CONSTRAINT "FK_2ca9c2368738f3c5f01c157fbd9" FOREIGN KEY ("case_id") REFERENCES "case"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "case_party" ADD CONSTRAINT "FK_c6c74279f668d0418615bed2496" FOREIGN KEY ("contact_id") REFERENCES "contact"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "representative_link" ADD CONSTRAINT "FK_5d780fe61802a6c790957ac5ac3" FOREIGN KEY ("representative_id") REFERENCES "contact"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "representative_link" ADD CONSTRAINT "FK_ce9ed861266dbb602cc88ed200e" FOREIGN KEY ("client_id") REFERENCES "contact"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        // Tables first (CASCADE takes their constraints and indexes), then the shared enum types.
        for (const table of ['representative_link', 'case_party', 'case', 'access_grant', 'staff', 'team', 'contact']) {
            await queryRunner.query(`DROP TABLE "${table}" CASCADE`);
        }
        for (const type of ['client_role', 'segment', 'access_purpose', 'staff_role', 'self_service_status', 'preferred_language', 'contact_kind']) {
            await queryRunner.query(`DROP TYPE "public"."${type}"`);
        }
    }
}
