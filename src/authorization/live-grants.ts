import type { EntityManager } from 'typeorm';
import { AccessGrant } from '../modules/access-requests/access-grant.entity';
import type { LiveGrant } from './ability';

/** SQL for "a grant of this alias in force at :now", shared by every query that needs it. */
export const liveGrantCondition = (alias: string) =>
  `${alias}.granted_at <= :now AND ${alias}.expires_at > :now AND ${alias}.removed_at IS NULL`;

/**
 * Grants in force at `now`: granted, not yet expired, not removed. Read on every request, so
 * a grant works from the next request and stops at its expiry instant (SCR-4, TAR-5).
 */
export async function loadLiveGrants(manager: EntityManager, staffId: string, now: Date): Promise<LiveGrant[]> {
  return manager
    .createQueryBuilder(AccessGrant, 'g')
    .select(['g.id', 'g.purpose', 'g.contactId', 'g.serviceRequestId', 'g.expiresAt'])
    .where('g.staff_id = :staffId', { staffId })
    .andWhere(liveGrantCondition('g'), { now })
    .getMany();
}
