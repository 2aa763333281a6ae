import { AuditAction, AuditSubject, recordAudit } from '../../audit-trail/audit-trail';
import { conflict, forbidden } from '../../common/errors';
import { requireAccess } from '../../authorization/require-access';
import type { RequestContext } from '../../request/context';
import { NotificationKind } from '../notifications/notification.entity';
import { notify, teamLeaderOf } from '../notifications/notification.service';
import { ACCESS_GRANT, notActive } from './access-grant.service';
import type { AccessGrant } from './access-grant.entity';
import { AccessChainRefusal } from './access-refusals';
import { staffOf } from './access-request.service';
import { StageDeciders } from './stage-deciders';

/** One early-removal notice per kind: who says so, to whom besides FLLS, and what it is called. */
interface RemovalNotice {
  action: 'askRemoval' | 'reportDone';
  kind: NotificationKind;
  audit: AuditAction;
  key: string;
  message: (grant: AccessGrant) => string;
  alsoTellLeader: boolean;
}

const ASK_REMOVAL: RemovalNotice = {
  action: 'askRemoval',
  kind: NotificationKind.ACCESS_REMOVAL_ASKED,
  audit: AuditAction.GRANT_REMOVAL_ASKED,
  key: 'removal-asked',
  message: (grant) => `The team leader asks for temporary SCR access (${grant.purpose}) to be removed before its expiry at ${grant.expiresAt.toISOString()}.`,
  alsoTellLeader: false,
};

const WORK_DONE: RemovalNotice = {
  action: 'reportDone',
  kind: NotificationKind.ACCESS_WORK_DONE,
  audit: AuditAction.GRANT_WORK_DONE_REPORTED,
  key: 'work-done',
  message: (grant) => `The work temporary SCR access (${grant.purpose}) was for is done; it can be removed before its expiry at ${grant.expiresAt.toISOString()}.`,
  alsoTellLeader: true,
};

/**
 * TAR-6: FLLS is told (and, for "work done", the grantee's team leader) that a live grant can go;
 * FLLS then removes it with removeAccessGrant. The recipients are whoever the role table lets
 * `remove` this grant, never a role list. Idempotent per grant: notices have per-grant dedupe keys
 * and the audit record is written only with the first notice to someone, so repeating it changes nothing.
 */
async function sendRemovalNotice(ctx: RequestContext, grantId: string, notice: RemovalNotice): Promise<AccessGrant> {
  const actor = staffOf(ctx);
  return ctx.dataSource.transaction(async (tx) => {
    // The rule reads removed_at and expires_at on the locked row: a removed or expired grant is refused.
    const grant = await requireAccess(ctx, tx, ACCESS_GRANT, grantId, notice.action, {
      field: 'grantId',
      explain: (row) => notActive(row, ctx.now)
        ?? (actor.id === row.staffId && notice.action === 'askRemoval'
          ? forbidden('No one may act on their own access as its team leader.', { reason: AccessChainRefusal.OWN_REQUEST })
          : null),
    });
    const removers = (await StageDeciders.load(tx, ctx.now)).allowedTo('remove', 'AccessGrant', grant);
    if (removers.length === 0) {
      throw conflict('Nobody active may remove this grant (no FLLS staff), so nobody could be told.', { reason: AccessChainRefusal.NOBODY_TO_REMOVE });
    }
    const leaderId = notice.alsoTellLeader ? await teamLeaderOf(tx, grant.teamId) : null;
    const recipients = [...new Set([...removers, ...(leaderId && leaderId !== actor.id ? [leaderId] : [])])];
    const created = await notify(tx, ctx.now, recipients.map((recipientId) => ({
      recipientId,
      kind: notice.kind,
      message: notice.message(grant),
      grantId: grant.id,
      dedupeKey: `grant:${grant.id}:${notice.key}:${recipientId}`,
    })));
    if (created > 0) {
      await recordAudit(ctx, tx, {
        action: notice.audit, subjectType: AuditSubject.ACCESS_GRANT, subjectId: grant.id, details: { notified: created },
      });
    }
    return grant;
  });
}

/** TAR-6: the grantee's team leader asks FLLS to remove a live grant early. */
export const askAccessGrantRemoval = (ctx: RequestContext, grantId: string) => sendRemovalNotice(ctx, grantId, ASK_REMOVAL);

/** TAR-6: the grantee says the work is done; FLLS and their team leader are told. */
export const reportAccessWorkDone = (ctx: RequestContext, grantId: string) => sendRemovalNotice(ctx, grantId, WORK_DONE);
