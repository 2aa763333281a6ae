import type { EntityManager } from 'typeorm';
import type { AccessPurpose } from './grant-purpose';

/** A grant as the ability needs it (TAR-5): what the form named, for its purpose. */
export interface LiveGrant {
  id: string;
  purpose: AccessPurpose;
  contactId: string | null;
  serviceRequestId: string | null;
  expiresAt: Date;
}

/** The columns that decide whether a grant is live. */
export interface GrantTimes {
  grantedAt: Date;
  expiresAt: Date;
  removedAt: Date | null;
}

/**
 * "Live" defined once (TAR-5, SCR-4): granted by now, not yet expired, never removed. Removal is a
 * state of the row, not an instant compared with the request's clock: once `removed_at` is set the
 * grant is over for every request, including one that started before the removal committed.
 * The SQL and the in-memory form below say the same thing; the property test holds them together.
 */
export const liveGrantSql = (alias: string, nowParameter = ':now') =>
  `(${alias}.granted_at <= ${nowParameter} AND ${alias}.expires_at > ${nowParameter} AND ${alias}.removed_at IS NULL)`;

export const isLiveAt = (grant: GrantTimes, now: Date): boolean =>
  grant.grantedAt <= now && grant.expiresAt > now && grant.removedAt === null;

/** The same as row conditions of the role table, on a grant or, with `path` 'grant.', on a row pointing at one. */
export const liveGrantConditions = (now: Date, path = ''): Record<string, unknown> => ({
  [`${path}grantedAt`]: { $lte: now },
  [`${path}expiresAt`]: { $gt: now },
  [`${path}removedAt`]: null,
});

/**
 * AUD-5: a grant's expiry as it stood at a past instant. Granting an extension overwrites
 * `expires_at` and keeps the expiry it replaced on the extension; before the first extension
 * granted after `at`, that previous expiry applied.
 */
export const grantExpiryAtSql = (alias: string, atParameter: string) =>
  `COALESCE((SELECT e.previous_expires_at FROM access_extension e WHERE e.grant_id = ${alias}.id AND e.status = 'GRANTED'
     AND e.decided_at > ${atParameter} ORDER BY e.decided_at, e.id LIMIT 1), ${alias}.expires_at)`;

/**
 * AUD-5: "live" at a past instant, rebuilt from the grant's history: granted by then, its expiry
 * as it stood then not reached, not yet removed. (The present form above treats any removal as
 * final, even one stamped after the request's instant; at a past instant the stamp decides.)
 */
export const grantLiveAtSql = (alias: string, atParameter: string) =>
  `(${alias}.granted_at <= ${atParameter} AND (${alias}.removed_at IS NULL OR ${alias}.removed_at > ${atParameter})
    AND ${grantExpiryAtSql(alias, atParameter)} > ${atParameter})`;

export enum GrantState {
  ACTIVE = 'ACTIVE',
  EXPIRED = 'EXPIRED',
  REMOVED = 'REMOVED',
}

/** A grant's state at an instant: removal is a state of the row, expiry a comparison (TAR-5). */
export function grantStateAt(grant: GrantTimes, now: Date): GrantState {
  if (grant.removedAt !== null) return GrantState.REMOVED;
  return isLiveAt(grant, now) ? GrantState.ACTIVE : GrantState.EXPIRED;
}

const LIVE_GRANTS_SQL = `SELECT g.id, g.purpose, g.contact_id AS "contactId", g.service_request_id AS "serviceRequestId",
  g.expires_at AS "expiresAt" FROM access_grant g WHERE g.staff_id = $1 AND ${liveGrantSql('g', '$2')}`;

/** Grants of one member of staff live at `now`: read on every request (SCR-4). */
export async function loadLiveGrants(manager: EntityManager, staffId: string, now: Date): Promise<LiveGrant[]> {
  return manager.query(LIVE_GRANTS_SQL, [staffId, now]);
}
