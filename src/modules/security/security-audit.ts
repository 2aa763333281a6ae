import type { EntityManager } from 'typeorm';
import { AuditAction, AuditSubject, recordAudit } from '../../audit-trail/audit-trail';
import type { RequestContext } from '../../request/context';

/** The path a change of security details came by: a client's change (SEC-6/7) or a representative's maintenance (REP-3). */
export type SecurityPath = 'CHANGE_OF_SECURITY_DETAILS' | 'REPRESENTATIVE_MAINTAIN';

/**
 * AUD-4: a security action on a contact's account, audited in the transaction that made it.
 * Details are flags, counts and the channel only: never a PIN, password, answer or hash (SEC-3).
 */
export function auditSecurity(
  ctx: RequestContext,
  tx: EntityManager,
  contactId: string,
  events: { action: AuditAction; outcome?: 'SUCCESS' | 'DENIED'; details?: Record<string, string | number | boolean> }[],
): Promise<void> {
  return recordAudit(ctx, tx, ...events.map((event) => ({ subjectType: AuditSubject.CONTACT, subjectId: contactId, ...event })));
}
