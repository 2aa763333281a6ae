import type { DataSource } from 'typeorm';
import { AuditAction, AuditSubject, recordSystemAudit } from '../../audit-trail/audit-trail';
import { NotificationKind } from '../notifications/notification.entity';
import { notify, requesterAndLeader } from '../notifications/notification.service';
import { AccessGrant } from './access-grant.entity';

/** How long before expiry the TL and the grantee are warned. */
export const NEAR_EXPIRY_MS = 60 * 60_000;
/** Any number: the key of the advisory lock that lets one instance sweep at a time. */
const SWEEP_LOCK_KEY = 150_150;

export interface SweepResult {
  ran: boolean;
  nearExpiry: number;
  expired: number;
}

/**
 * TAR-7 and TAR-8 for time-driven events. Access itself ends at the expiry instant without this
 * (the ability compares the clock); the sweep only tells people and writes the audit record.
 * Idempotent: notifications have unique keys, and the expiry audit is written only together with
 * the first expiry notice, so restarts and several instances never notify or audit twice; an
 * advisory lock keeps concurrent sweeps from even trying at once. Run every minute by the job
 * runner (src/jobs).
 */
export async function sweepGrantEvents(dataSource: DataSource, now: Date): Promise<SweepResult> {
  return dataSource.transaction(async (tx) => {
    const [{ locked }] = await tx.query('SELECT pg_try_advisory_xact_lock($1) AS locked', [SWEEP_LOCK_KEY]);
    if (!locked) return { ran: false, nearExpiry: 0, expired: 0 };
    const rows: (AccessGrant & { leaderId: string | null })[] = await tx
      .createQueryBuilder(AccessGrant, 'g')
      .leftJoin('team', 't', 't.id = g.team_id')
      .addSelect('t.leader_id', 'leader_id')
      .where('g.removed_at IS NULL')
      .andWhere('g.expires_at <= :soon', { soon: new Date(now.getTime() + NEAR_EXPIRY_MS) })
      // Once expired, a grant's expiry is final: one expiry notice means it is done with.
      .andWhere(`NOT EXISTS (SELECT 1 FROM notification n WHERE n.grant_id = g.id AND n.kind = 'ACCESS_EXPIRED')`)
      .getRawAndEntities()
      .then(({ entities, raw }) => entities.map((grant) => ({ ...grant, leaderId: raw.find((r) => r.g_id === grant.id)?.leader_id ?? null })));
    let nearExpiry = 0;
    let expired = 0;
    for (const grant of rows) {
      const at = grant.expiresAt.toISOString();
      const recipients = requesterAndLeader(grant.staffId, grant.leaderId);
      if (grant.expiresAt <= now) {
        const created = await notify(tx, now, recipients.map((recipientId) => ({
          recipientId,
          kind: NotificationKind.ACCESS_EXPIRED,
          message: `Temporary SCR access (${grant.purpose}) expired at ${at}.`,
          grantId: grant.id,
          dedupeKey: `grant:${grant.id}:expired:${recipientId}:${at}`,
        })));
        if (created > 0) {
          expired += 1;
          await recordSystemAudit(tx, grant.expiresAt, {
            action: AuditAction.GRANT_EXPIRED,
            subjectType: AuditSubject.ACCESS_GRANT,
            subjectId: grant.id,
            details: { expiresAt: at, noticedAt: now.toISOString() },
          });
        }
      } else {
        nearExpiry += await notify(tx, now, recipients.map((recipientId) => ({
          recipientId,
          kind: NotificationKind.ACCESS_NEARS_EXPIRY,
          message: `Temporary SCR access (${grant.purpose}) expires at ${at}: ask your team leader for an extension if you need it.`,
          grantId: grant.id,
          dedupeKey: `grant:${grant.id}:nears:${recipientId}:${at}`,
        }))) > 0 ? 1 : 0;
      }
    }
    return { ran: true, nearExpiry, expired };
  });
}
