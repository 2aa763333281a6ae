import type { LiveContext } from '../../request/live';
import type { RequestContext } from '../../request/context';
import type { NotificationFeed } from './notification-feed';

/** The context of a subscription on an instance that serves live notifications (src/server/websocket.ts). */
export interface NotificationLiveContext extends LiveContext {
  notificationFeed: NotificationFeed;
}

const isLive = (ctx: RequestContext): ctx is NotificationLiveContext =>
  'live' in ctx && 'notificationFeed' in ctx;

/** The stream behind `notificationAdded`: the instance's feed, judged under this subscriber's access. */
export function subscribeToNotifications(ctx: RequestContext) {
  // Over HTTP a subscription is refused before execution (input-guard.ts), so this is a wiring bug.
  if (!isLive(ctx)) throw new Error('notificationAdded runs over WebSocket only');
  return ctx.notificationFeed.subscribe(ctx);
}
