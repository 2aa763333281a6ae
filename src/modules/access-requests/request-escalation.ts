import type { DataSource, EntityManager } from 'typeorm';
import type { AppConfig } from '../../config';
import { AuditAction, AuditSubject, recordSystemAudit } from '../../audit-trail/audit-trail';
import { NotificationKind } from '../notifications/notification.entity';
import { notify, requesterAndLeader, teamLeaderOf } from '../notifications/notification.service';
import { CHAIN } from './access-chain';
import { AccessRequestStatus } from './access-enums';
import { AccessRequest } from './access-request.entity';
import { StageDeciders, type StageRow } from './stage-deciders';

const HOUR = 3600_000;
/** The stages that wait for a decision (TAR-2); every other status is final. */
const OPEN_STAGES = Object.keys(CHAIN) as AccessRequestStatus[];
/** When the request reached the stage it is at: each decision stamps its own time. */
const WAITING_SINCE = 'COALESCE(scr_approved_at, tl_checked_at, created_at)';

export interface StageLimits {
  escalateAfterMs: number;
  expireAfterMs: number;
}

export const stageLimitsOf = (config: Pick<AppConfig, 'accessStage'>): StageLimits => ({
  escalateAfterMs: config.accessStage.escalateHours * HOUR,
  expireAfterMs: config.accessStage.expireHours * HOUR,
});

export interface EscalationResult {
  escalated: number;
  /** Escalated with nobody active allowed to decide the stage (the audit record says so). */
  escalatedToNobody: number;
  expired: number;
}

/**
 * TAR-10, for the job runner: a request waiting at one stage longer than `escalateAfterMs` is
 * escalated once per stage (a notice to everyone the role table allows to decide that stage, and
 * an audit record); past `expireAfterMs` it EXPIRES, undecided, with an audit record and a notice to
 * the requester and their team leader. Nothing is ever approved by default.
 * Each effect is a conditional update of the request (status, stage, time) in its own transaction,
 * which a concurrent decision or another sweep waits for and then finds moved on: several workers
 * sweeping at once escalate or expire each request once. `batch` bounds one run; the next continues.
 */
export async function sweepStalledRequests(dataSource: DataSource, now: Date, limits: StageLimits, batch = 100): Promise<EscalationResult> {
  const expired = await expireStalled(dataSource, now, new Date(now.getTime() - limits.expireAfterMs), batch);
  const { escalated, escalatedToNobody } = await escalateStalled(dataSource, now, limits, batch);
  return { escalated, escalatedToNobody, expired };
}

const candidates = (manager: EntityManager, cutoff: Date, batch: number, notYetEscalated: boolean): Promise<{ id: string }[]> => {
  const qb = manager.createQueryBuilder(AccessRequest, 'r')
    .select('r.id', 'id')
    .where('r.status IN (:...open)', { open: OPEN_STAGES })
    .andWhere(`${WAITING_SINCE} <= :cutoff`, { cutoff });
  if (notYetEscalated) qb.andWhere('r.escalated_stage IS DISTINCT FROM r.status');
  return qb.orderBy(WAITING_SINCE, 'ASC').limit(batch).getRawMany();
};

interface StalledRow {
  id: string;
  status: AccessRequestStatus;
  team_id: string;
  requester_id: string;
  tl_checked_by_id: string | null;
  scr_approved_by_id: string | null;
  expired_at_stage: AccessRequestStatus | null;
  waiting_since: Date;
}

/** The update happens only if the request is still open and still waiting since before `cutoff`. */
async function updateIfStalled(tx: EntityManager, id: string, cutoff: Date, set: Record<string, unknown>, extra = ''): Promise<StalledRow | undefined> {
  const result = await tx.createQueryBuilder()
    .update(AccessRequest)
    .set(set)
    .where('id = :id', { id })
    .andWhere('status IN (:...open)', { open: OPEN_STAGES })
    .andWhere(`${WAITING_SINCE} <= :cutoff${extra}`, { cutoff })
    .returning(`id, status, team_id, requester_id, tl_checked_by_id, scr_approved_by_id, expired_at_stage, ${WAITING_SINCE} AS waiting_since`)
    .execute();
  return (result.raw as StalledRow[])[0];
}

async function expireStalled(dataSource: DataSource, now: Date, cutoff: Date, batch: number): Promise<number> {
  let expired = 0;
  for (const { id } of await candidates(dataSource.manager, cutoff, batch, false)) {
    expired += await dataSource.transaction(async (tx) => {
      // `expired_at_stage = status` reads the status before this update: the stage it expired at.
      const row = await updateIfStalled(tx, id, cutoff, { status: AccessRequestStatus.EXPIRED, expiredAt: now, expiredAtStage: () => 'status' });
      if (!row) return 0;
      const stage = row.expired_at_stage!;
      const since = new Date(row.waiting_since).toISOString();
      await recordSystemAudit(tx, now, {
        action: AuditAction.ACCESS_REQUEST_EXPIRED,
        subjectType: AuditSubject.ACCESS_REQUEST,
        subjectId: id,
        details: { stage, waitingSince: since },
      });
      const leaderId = await teamLeaderOf(tx, row.team_id);
      await notify(tx, now, requesterAndLeader(row.requester_id, leaderId).map((recipientId) => ({
        recipientId,
        kind: NotificationKind.ACCESS_REQUEST_EXPIRED,
        message: `Access request expired undecided at ${stage} (waiting since ${since}); nothing was granted. Submit a new form if access is still needed.`,
        accessRequestId: id,
        dedupeKey: `request:${id}:expired:${recipientId}`,
      })));
      return 1;
    });
  }
  return expired;
}

async function escalateStalled(dataSource: DataSource, now: Date, limits: StageLimits, batch: number) {
  const cutoff = new Date(now.getTime() - limits.escalateAfterMs);
  const due = await candidates(dataSource.manager, cutoff, batch, true);
  const outcome = { escalated: 0, escalatedToNobody: 0 };
  if (due.length === 0) return outcome;
  const deciders = await StageDeciders.load(dataSource.manager, now);
  for (const { id } of due) {
    await dataSource.transaction(async (tx) => {
      const row = await updateIfStalled(tx, id, cutoff, { escalatedAt: now, escalatedStage: () => 'status' },
        ' AND escalated_stage IS DISTINCT FROM status');
      if (!row) return;
      const stage: StageRow = {
        id, status: row.status, teamId: row.team_id, requesterId: row.requester_id,
        tlCheckedById: row.tl_checked_by_id, scrApprovedById: row.scr_approved_by_id,
      };
      const since = new Date(row.waiting_since);
      const expiresAt = new Date(since.getTime() + limits.expireAfterMs).toISOString();
      const recipients = deciders.of(stage);
      await notify(tx, now, recipients.map((recipientId) => ({
        recipientId,
        kind: NotificationKind.ACCESS_REQUEST_ESCALATED,
        message: `Access request waiting at ${row.status} since ${since.toISOString()} needs a decision (${CHAIN[row.status]!.action}) ` +
          `from you or another who may take it; undecided, it expires at ${expiresAt}.`,
        accessRequestId: id,
        dedupeKey: `request:${id}:escalated:${row.status}:${recipientId}`,
      })));
      await recordSystemAudit(tx, now, {
        action: AuditAction.ACCESS_REQUEST_ESCALATED,
        subjectType: AuditSubject.ACCESS_REQUEST,
        subjectId: id,
        details: { stage: row.status, waitingSince: since.toISOString(), notified: recipients.length },
      });
      outcome.escalated += 1;
      if (recipients.length === 0) outcome.escalatedToNobody += 1;
    });
  }
  return outcome;
}
