import type { EntityManager } from 'typeorm';
import { keysetPage, type Page } from '../../common/connection';
import { notFound } from '../../common/errors';
import { isUuid } from '../../common/input';
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
  const me = ctx.principal?.kind === 'staff' ? ctx.principal.staff.id : null;
  const base = () => {
    const qb = ctx.dataSource.createQueryBuilder(Notification, 'n').where('n.recipient_id = :me', { me });
    if (unreadOnly) qb.andWhere('n.read_at IS NULL');
    return qb;
  };
  return keysetPage(ctx, base, {
    first, after, columns: ['n.created_at', 'n.id'], direction: 'DESC', keyOf: (row) => [row.createdAt.toISOString(), row.id],
  });
}

export async function markNotificationRead(ctx: RequestContext, id: string): Promise<Notification> {
  const me = ctx.principal?.kind === 'staff' ? ctx.principal.staff.id : null;
  const notification = me && isUuid(id) ? await ctx.dataSource.getRepository(Notification).findOneBy({ id, recipientId: me }) : null;
  if (!notification) throw notFound('Notification');
  if (!notification.readAt) {
    notification.readAt = ctx.now;
    await ctx.dataSource.getRepository(Notification).update({ id }, { readAt: ctx.now });
  }
  return notification;
}
