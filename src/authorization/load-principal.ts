import type { EntityManager } from 'typeorm';
import type { AccessTokenClaims } from '../auth/jwt';
import { unauthenticated } from '../common/errors';
import { isUuid } from '../common/input';
import { queryRows, statement } from '../database/prepared';
import { grantExpiryAtSql, grantLiveAtSql, liveGrantSql } from './grants';
import type { Principal, StaffPrincipal } from './principal';

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

// Run on every request: prepared once per connection (src/database/prepared.ts).
const STAFF = statement(STAFF_SQL);
const CLIENT = statement(CLIENT_SQL);

/**
 * Reads the principal from the database on every request: role, team and segment come from
 * here, never from the token, so a demotion or deactivation applies to the very next request.
 */
export async function loadPrincipal(manager: EntityManager, claims: AccessTokenClaims, now: Date): Promise<Principal> {
  if (claims.principalType === 'staff') {
    const [row] = await queryRows<Parameters<typeof staffPrincipalOf>[0] & { active: boolean }>(manager, STAFF, [claims.subject, now]);
    if (!row || !row.active) throw unauthenticated('Unknown or inactive member of staff.');
    return staffPrincipalOf(row);
  }
  if (!isUuid(claims.subject)) throw unauthenticated('Unknown or inactive self-service client.');
  const [contact] = await queryRows<{ id: string }>(manager, CLIENT, [claims.subject]);
  if (!contact) throw unauthenticated('Unknown or inactive self-service client.');
  return { kind: 'client', contactId: contact.id };
}

/**
 * AUD-5: each member of staff as they stood at `$1` (role, segment, team, active), from the
 * history the triggers on `staff` write; one row per member of staff who existed then.
 */
export const staffVersionsAtSql = (atParameter: string) => `(
  SELECT DISTINCT ON (h.staff_id) h.staff_id, h.role, h.segment, h.team_id, h.active
    FROM staff_history h WHERE h.valid_from <= ${atParameter}
   ORDER BY h.staff_id, h.valid_from DESC, h.id DESC)`;

/** AUD-5: the leader of each team at an instant, from the history the triggers on `team` write. */
const teamLeadersAtSql = (atParameter: string) => `(
  SELECT DISTINCT ON (th.team_id) th.team_id, th.leader_id
    FROM team_history th WHERE th.valid_from <= ${atParameter}
   ORDER BY th.team_id, th.valid_from DESC, th.id DESC)`;

// The same shape as STAFF_SQL, rebuilt as of $2: the version of the member of staff, the teams they
// led and the grants live then, each with the expiry that stood then.
const STAFF_AT_SQL = `
SELECT s.id, s.staff_number AS "staffNumber", s.first_name AS "firstName", s.last_name AS "lastName", v.role, v.segment,
       v.team_id AS "teamId", v.active,
       COALESCE((SELECT json_agg(t.team_id) FROM ${teamLeadersAtSql('$2')} t WHERE t.leader_id = s.id), '[]') AS "ledTeamIds",
       COALESCE((SELECT json_agg(json_build_object('id', g.id, 'purpose', g.purpose, 'contactId', g.contact_id,
                   'serviceRequestId', g.service_request_id, 'expiresAt', ${grantExpiryAtSql('g', '$2')}))
                   FROM access_grant g WHERE g.staff_id = s.id AND ${grantLiveAtSql('g', '$2')}), '[]') AS grants
  FROM staff s JOIN ${staffVersionsAtSql('$2')} v ON v.staff_id = s.id
 WHERE s.id = $1`;

/**
 * AUD-5: the principal a member of staff had at a past instant, rebuilt from staff, team-leader and
 * grant history: what a request of theirs would have been given then. Null when they were not yet
 * a member of staff; an inactive one comes back with `active: false` (they could not sign in).
 */
export async function loadPrincipalAt(manager: EntityManager, staffId: string, at: Date): Promise<StaffPrincipal | null> {
  const [row] = await manager.query(STAFF_AT_SQL, [staffId, at]);
  return row ? staffPrincipalOf(row) : null;
}

/** A row of STAFF_SQL or STAFF_AT_SQL (the same shape) as a principal. */
function staffPrincipalOf(row: { ledTeamIds: string[]; grants: { expiresAt: string }[] } & StaffPrincipal['staff']): StaffPrincipal {
  const { ledTeamIds, grants, ...staff } = row;
  return {
    kind: 'staff',
    staff,
    ledTeamIds,
    grants: grants.map((grant) => ({ ...grant, expiresAt: new Date(grant.expiresAt) })) as StaffPrincipal['grants'],
  };
}
