import type { EntityManager } from 'typeorm';
import { isUuid } from '../../common/input';
import { SecurityCheck } from './security-check.entity';
import { SecurityAccount } from './security-account.entity';
import { SecurityCheckResult } from './security-enums';

/** How long a passed security check verifies the contact (one call / one online session). */
export const VERIFICATION_WINDOW_MS = 30 * 60 * 1000;

/**
 * Whether the contact passed a security check (SEC-4) whose verification window is still open
 * at `now`, and the account is not blocked (SEC-5). A later failed check or a change of security
 * details closes the window early. For procedures that need "a security check in the same
 * contact" (PREF-3); pass the request instant (`ctx.now`) and the caller's transaction.
 */
export async function hasPassedSecurityCheck(manager: EntityManager, contactId: string, now: Date): Promise<boolean> {
  if (!isUuid(contactId)) return false;
  const row = await manager
    .createQueryBuilder(SecurityCheck, 'sc')
    .innerJoin(SecurityAccount, 'sa', 'sa.contact_id = sc.contact_id AND sa.blocked = false')
    .select('1', 'ok')
    .where('sc.contact_id = :contactId', { contactId })
    .andWhere('sc.result = :passed', { passed: SecurityCheckResult.PASSED })
    .andWhere('sc.verified_until > :now', { now })
    .limit(1)
    .getRawOne();
  return Boolean(row);
}
