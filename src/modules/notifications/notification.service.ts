import type { EntityManager } from 'typeorm';
import { keysetPage, type Page } from '../../common/connection';
import { type AccessTarget, requireAccess } from '../../authorization/require-access';
import { visibleQuery } from '../../authorization/visible-query';
import type { RequestContext } from '../../request/context';
import { Team } from '../staff/team.entity';
import { Notification, NotificationKind } from './notification.entity';

export interface NotificationDraft {
  recipientId: string;
  kind: NotificationKind;
  message: string;
  accessRequestId?: string | null;
  grantId?: string | null;
  /** Makes the notification once-only: the same key never creates a second row. */
  dedupeKey: string;
}

/** Inserts notifications in the caller's transaction; returns how many were new (TAR-7). */
export async function notify(tx: EntityManager, createdAt: Date, drafts: NotificationDraft[]): Promise<number> {
  if (drafts.length === 0) return 0;
  const result = await tx
    .createQueryBuilder()
    .insert()
    .into(Notification)
    .values(drafts.map((draft) => ({
      recipientId: draft.recipientId,
      kind: draft.kind,
      message: draft.message,
      accessRequestId: draft.accessRequestId ?? null,
      grantId: draft.grantId ?? null,
      dedupeKey: draft.dedupeKey,
      createdAt,
      readAt: null,
    })))
    .orIgnore()
    .returning(['id'])
    .execute();
  return result.raw.length;
}

/** The team leader of a team, for "notify the TL" (TAR-7); null when the team has none. */
export async function teamLeaderOf(tx: EntityManager, teamId: string | null): Promise<string | null> {
  if (!teamId) return null;
  const team = await tx.findOne(Team, { select: { id: true, leaderId: true }, where: { id: teamId } });
  return team?.leaderId ?? null;
}

/** Requester and their TL, without duplicates. */
export const requesterAndLeader = (requesterId: string, leaderId: string | null) =>
  [...new Set([requesterId, leaderId].filter((id): id is string => Boolean(id)))];

export async function listMyNotifications(
  ctx: RequestContext,
  unreadOnly: boolean,
  first: number,
  after: string | null | undefined,
): Promise<Page<Notification>> {
  const base = () => {
    const qb = visibleQuery(ctx, Notification, 'Notification', 'n');
    if (unreadOnly) qb.andWhere('n.read_at IS NULL');
    return qb;
  };
  return keysetPage(ctx, base, {
    first, after, columns: ['n.created_at', 'n.id'], direction: 'DESC', keyOf: (row) => [row.createdAt.toISOString(), row.id],
  });
}

const NOTIFICATION: AccessTarget<Notification> = { entity: Notification, subject: 'Notification', noun: 'Notification' };

/** Marks one of the caller's own notifications read (anyone else's answers as missing); read once, kept. */
export async function markNotificationRead(ctx: RequestContext, id: string): Promise<Notification> {
  return ctx.dataSource.transaction(async (tx) => {
    const notification = await requireAccess(ctx, tx, NOTIFICATION, id, 'markRead');
    if (!notification.readAt) {
      notification.readAt = ctx.now;
      await tx.update(Notification, { id: notification.id }, { readAt: ctx.now });
    }
    return notification;
  });
}
