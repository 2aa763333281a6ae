import { Arg, Args, Ctx, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import { Policies, Requires } from '../../authorization/policy';
import { ConnectionType, PageArgs, pageSize } from '../../common/connection';
import type { RequestContext } from '../../request/context';
import { Notification } from './notification.entity';
import { MarkNotificationReadInput, MarkNotificationReadPayload } from './notification-inputs';
import { listMyNotifications, markNotificationRead } from './notification.service';
import { subscribeToNotifications } from './notification-live';

export const NotificationConnection = ConnectionType(Notification, 'Notification');

@Resolver(() => Notification)
export class NotificationResolver {
  @Requires(Policies.can('read', 'Notification'))
  @Query(() => NotificationConnection, { description: "The caller's own notifications, newest first (TAR-7)." })
  async myNotifications(
    @Ctx() ctx: RequestContext,
    @Args(() => PageArgs) page: PageArgs,
    @Arg('unreadOnly', () => Boolean, { defaultValue: false, description: 'True for unread notifications only.' }) unreadOnly: boolean,
  ) {
    return NotificationConnection.from(await listMyNotifications(ctx, unreadOnly, pageSize(page), page.after));
  }

  @Requires(Policies.can('markRead', 'Notification'))
  @Mutation(() => MarkNotificationReadPayload, { description: 'Marks one of the caller\'s notifications as read.' })
  async markNotificationRead(@Ctx() ctx: RequestContext, @Arg('input', () => MarkNotificationReadInput, { description: 'The notification to mark as read.' }) input: MarkNotificationReadInput) {
    return Object.assign(new MarkNotificationReadPayload(), { notification: await markNotificationRead(ctx, input.id) });
  }

  @Requires(Policies.can('read', 'Notification'))
  @Subscription(() => Notification, {
    description: "Each new notification of the caller, as it is created on any instance (TAR-7). Over WebSocket (graphql-ws) on /graphql only.",
    subscribe: ({ context }) => subscribeToNotifications(context as RequestContext),
  })
  notificationAdded(@Root() notification: Notification): Notification {
    return notification;
  }
}
