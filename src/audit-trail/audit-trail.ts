import type { EntityManager } from 'typeorm';
import type { RequestContext } from '../request/context';
import { AuditEvent } from './audit-event.entity';
import { currentPolicyVersion } from './policy-version';

export { AuditAction, AuditActorType, AuditOutcome, AuditSubject } from './audit-enums';
import { AuditAction, AuditActorType, AuditOutcome, AuditSubject } from './audit-enums';

export interface AuditEntry {
  action: AuditAction;
  subjectType: AuditSubject;
  subjectId: string;
  outcome?: AuditOutcome | `${AuditOutcome}`;
  /** Ids, codes and reasons only: never a secret or a client's personal data. */
  details?: Record<string, unknown>;
}

const actorOf = (ctx: RequestContext) => {
  if (ctx.principal?.kind === 'staff') return { actorId: ctx.principal.staff.id, actorType: AuditActorType.STAFF };
  if (ctx.principal?.kind === 'client') return { actorId: ctx.principal.contactId, actorType: AuditActorType.CLIENT };
  return { actorId: null, actorType: AuditActorType.ANONYMOUS };
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
      outcome: (entry.outcome ?? AuditOutcome.SUCCESS) as AuditOutcome,
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
    actorType: AuditActorType.SYSTEM,
    occurredAt,
    action: entry.action,
    subjectType: entry.subjectType,
    subjectId: entry.subjectId,
    outcome: (entry.outcome ?? AuditOutcome.SUCCESS) as AuditOutcome,
    details: entry.details ?? null,
    requestId: null,
    correlationId: null,
    policyVersion: currentPolicyVersion(),
  };
  await manager.insert(AuditEvent, event);
}
