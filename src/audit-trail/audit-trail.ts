import type { EntityManager } from 'typeorm';
import type { RequestContext } from '../request/context';
import { AuditEvent } from './audit-event.entity';
import { currentPolicyVersion } from './policy-version';

/** Every audited action (TAR-8). Stable strings: reviewers filter on them. */
export enum AuditAction {
  ACCESS_REQUEST_SUBMITTED = 'ACCESS_REQUEST_SUBMITTED',
  ACCESS_REQUEST_CHECKED = 'ACCESS_REQUEST_CHECKED',
  ACCESS_REQUEST_APPROVED = 'ACCESS_REQUEST_APPROVED',
  ACCESS_REQUEST_GRANTED = 'ACCESS_REQUEST_GRANTED',
  ACCESS_REQUEST_REJECTED = 'ACCESS_REQUEST_REJECTED',
  ACCESS_DECISION_REFUSED = 'ACCESS_DECISION_REFUSED',
  ACCESS_REQUEST_ESCALATED = 'ACCESS_REQUEST_ESCALATED',
  ACCESS_REQUEST_EXPIRED = 'ACCESS_REQUEST_EXPIRED',
  GRANT_EXTENSION_REQUESTED = 'GRANT_EXTENSION_REQUESTED',
  GRANT_EXTENSION_SUPPORTED = 'GRANT_EXTENSION_SUPPORTED',
  GRANT_EXTENDED = 'GRANT_EXTENDED',
  GRANT_EXTENSION_REJECTED = 'GRANT_EXTENSION_REJECTED',
  GRANT_REMOVED = 'GRANT_REMOVED',
  GRANT_EXPIRED = 'GRANT_EXPIRED',
  CONTACT_READ_UNDER_GRANT = 'CONTACT_READ_UNDER_GRANT',
  SR_ROUTED_TO_SCR = 'SR_ROUTED_TO_SCR',
  SR_ASSIGNED = 'SR_ASSIGNED',
  // AUD-4: security actions, never with the secrets themselves.
  SECURITY_SET_UP = 'SECURITY_SET_UP',
  SECURITY_DEFAULTS_APPLIED = 'SECURITY_DEFAULTS_APPLIED',
  SECURITY_CHECK_PASSED = 'SECURITY_CHECK_PASSED',
  SECURITY_CHECK_FAILED = 'SECURITY_CHECK_FAILED',
  SECURITY_ACCOUNT_BLOCKED = 'SECURITY_ACCOUNT_BLOCKED',
  SECURITY_ACCOUNT_UNBLOCKED = 'SECURITY_ACCOUNT_UNBLOCKED',
  SECURITY_DETAILS_CHANGED = 'SECURITY_DETAILS_CHANGED',
}

export interface AuditEntry {
  action: AuditAction;
  subjectType: string;
  subjectId: string;
  outcome?: 'SUCCESS' | 'DENIED';
  /** Ids, codes and reasons only: never a secret or a client's personal data. */
  details?: Record<string, unknown>;
}

const actorOf = (ctx: RequestContext) => {
  if (ctx.principal?.kind === 'staff') return { actorId: ctx.principal.staff.id, actorType: 'STAFF' };
  if (ctx.principal?.kind === 'client') return { actorId: ctx.principal.contactId, actorType: 'CLIENT' };
  return { actorId: null, actorType: 'ANONYMOUS' };
};

/**
 * Appends events for the request's principal, in the caller's transaction (all or nothing).
 * AUD-3: the database chains each event to the one before (seq, prev_hash, hash) and holds the
 * chain head until this transaction ends, so write audit events last in a transaction: the next
 * writer of any event waits for it.
 */
export async function recordAudit(ctx: RequestContext, manager: EntityManager, ...entries: AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const actor = actorOf(ctx);
  await manager.insert(
    AuditEvent,
    entries.map((entry): Partial<AuditEvent> => ({
      ...actor,
      occurredAt: ctx.now,
      action: entry.action,
      subjectType: entry.subjectType,
      subjectId: entry.subjectId,
      outcome: entry.outcome ?? 'SUCCESS',
      details: entry.details ?? null,
      requestId: ctx.requestId,
      correlationId: ctx.correlationId,
      policyVersion: currentPolicyVersion(),
    })),
  );
}

/** Appends an event of the system itself (e.g. a grant reaching its expiry). */
export async function recordSystemAudit(manager: EntityManager, occurredAt: Date, entry: AuditEntry): Promise<void> {
  const event: Partial<AuditEvent> = {
    actorId: null,
    actorType: 'SYSTEM',
    occurredAt,
    action: entry.action,
    subjectType: entry.subjectType,
    subjectId: entry.subjectId,
    outcome: entry.outcome ?? 'SUCCESS',
    details: entry.details ?? null,
    requestId: null,
    correlationId: null,
    policyVersion: currentPolicyVersion(),
  };
  await manager.insert(AuditEvent, event);
}
