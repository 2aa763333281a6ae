import type { EntityManager } from 'typeorm';
import { isUuid } from '../../common/input';
import { SecurityCheck } from './security-check.entity';
import { SecurityAccount } from './security-account.entity';
import { SecurityCheckChannel, SecurityCheckResult } from './security-enums';
import type { Principal } from '../../authorization/principal';

/** How long a passed security check verifies the contact (one call / one online session). */
export const VERIFICATION_WINDOW_MS = 30 * 60 * 1000;

/**
 * Whether the contact passed a security check (SEC-4) whose verification window is still open
 * at `now`, and the account is not blocked (SEC-5). A later failed check or a change of security
 * details closes the window early. For procedures that need "a security check in the same
 * contact" (PREF-3); pass the request instant (`ctx.now`) and the caller's transaction.
 */
export async function hasPassedSecurityCheck(manager: EntityManager, contactId: string, now: Date, by: Principal | null): Promise<boolean> {
  if (!isUuid(contactId) || !by) return false;
  // PREF-3 "in the same contact": the check this person passed with this caller. A caseworker's phone
  // check verifies that call, never the client's own self-service session, nor another caseworker's call.
  const sameContact = by.kind === 'staff'
    ? { channel: SecurityCheckChannel.CASEWORKER, startedById: by.staff.id }
    : { channel: SecurityCheckChannel.SELF_SERVICE, startedById: null };
  const query = manager
    .createQueryBuilder(SecurityCheck, 'sc')
    .innerJoin(SecurityAccount, 'sa', 'sa.contact_id = sc.contact_id AND sa.blocked = false')
    .select('1', 'ok')
    .where('sc.contact_id = :contactId', { contactId })
    .andWhere('sc.result = :passed', { passed: SecurityCheckResult.PASSED })
    .andWhere('sc.verified_until > :now', { now })
    .andWhere('sc.channel = :channel', { channel: sameContact.channel })
    .limit(1);
  if (sameContact.startedById) query.andWhere('sc.started_by_id = :startedBy', { startedBy: sameContact.startedById });
  else query.andWhere('sc.started_by_id IS NULL');
  return Boolean(await query.getRawOne());
}
