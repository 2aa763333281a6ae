import type { EntityManager } from 'typeorm';
import type { AccessTokenClaims } from '../auth/jwt';
import { unauthenticated } from '../common/errors';
import { isUuid } from '../common/input';
import { liveGrantSql } from './grants';
import type { Principal } from './principal';

// One round trip for the member of staff, the teams they lead and their grants live now (SCR-4).
const STAFF_SQL = `
SELECT s.id, s.staff_number AS "staffNumber", s.first_name AS "firstName", s.last_name AS "lastName", s.role, s.segment,
       s.team_id AS "teamId", s.active,
       COALESCE((SELECT json_agg(t.id) FROM team t WHERE t.leader_id = s.id), '[]') AS "ledTeamIds",
       COALESCE((SELECT json_agg(json_build_object('id', g.id, 'purpose', g.purpose, 'contactId', g.contact_id,
                   'serviceRequestId', g.service_request_id, 'expiresAt', g.expires_at))
                   FROM access_grant g WHERE g.staff_id = s.id AND ${liveGrantSql('g', '$2')}), '[]') AS grants
  FROM staff s WHERE s.staff_number = $1`;

// Self service only for a client registered and active on it (PREF-2).
const CLIENT_SQL = `SELECT c.id FROM contact c WHERE c.id = $1 AND c.self_service_status = 'REGISTERED_ACTIVE'`;

/**
 * Reads the principal from the database on every request: role, team and segment come from
 * here, never from the token, so a demotion or deactivation applies to the very next request.
 */
export async function loadPrincipal(manager: EntityManager, claims: AccessTokenClaims, now: Date): Promise<Principal> {
  if (claims.principalType === 'staff') {
    const [row] = await manager.query(STAFF_SQL, [claims.subject, now]);
    if (!row || !row.active) throw unauthenticated('Unknown or inactive member of staff.');
    const { ledTeamIds, grants, ...staff } = row;
    return {
      kind: 'staff',
      staff,
      ledTeamIds,
      grants: grants.map((grant: { expiresAt: string }) => ({ ...grant, expiresAt: new Date(grant.expiresAt) })),
    };
  }
  if (!isUuid(claims.subject)) throw unauthenticated('Unknown or inactive self-service client.');
  const [contact] = await manager.query(CLIENT_SQL, [claims.subject]);
  if (!contact) throw unauthenticated('Unknown or inactive self-service client.');
  return { kind: 'client', contactId: contact.id };
}
