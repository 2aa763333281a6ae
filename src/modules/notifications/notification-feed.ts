import { subject as asSubject } from '@casl/ability';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { AppError, ErrorCode } from '../../common/errors';
import { isUuid } from '../../common/input';
import { listenToChannel, type ChannelListener } from '../../database/channel-listener';
import { visibleQuery } from '../../authorization/visible-query';
import { type LiveContext, LiveQueue, LiveRefusal, liveRefusal } from '../../request/live';
import { Notification } from './notification.entity';

/** The channel the `notification` insert trigger announces new ids on (migration 1795920000000). */
export const NOTIFICATION_CHANNEL = 'notification_added';

interface Subscriber {
  ctx: LiveContext;
  queue: LiveQueue<Notification>;
  /** This subscriber's deliveries, one after another, so events arrive in the order they were announced. */
  chain: Promise<void>;
}

const interrupted = () => liveRefusal(
  LiveRefusal.FEED_INTERRUPTED,
  'Live notifications were interrupted: subscribe again, then catch up with myNotifications.',
  ErrorCode.SERVICE_UNAVAILABLE,
);

/**
 * `notificationAdded` on one API instance: ONE listener on the database channel (started with the
 * first subscriber, kept until the instance closes) fans each announced id out to this instance's
 * subscribers. Nothing travels between instances but the id in Postgres' NOTIFY, so an insert on any
 * instance (or by any other writer) reaches the subscribers of all of them.
 *
 * Each event is judged as a new request: a subscriber whose subscription-time ability cannot read the
 * row is skipped in memory (the cheap pass, so one event costs queries only for its recipient); for the
 * others the context is rebuilt now from the connection's token, and the row is loaded through
 * `visibleQuery` under that ability. Only a row that query returns is sent.
 */
export class NotificationFeed {
  private readonly subscribers = new Set<Subscriber>();
  private listener: Promise<ChannelListener> | null = null;
  private listening = false;
  private closed = false;
  /** Events are routed one after another (announcement order). */
  private routing: Promise<void> = Promise.resolve();
  private readonly watchers = new Set<() => void>();

  constructor(private readonly dataSource: DataSource, private readonly logger: Logger) {}

  /** The event stream of a new subscription; refused while the instance cannot listen. */
  async subscribe(ctx: LiveContext): Promise<AsyncIterableIterator<Notification>> {
    if (this.closed) throw interrupted();
    await this.startListening();
    if (!this.listening || this.closed) throw interrupted();
    const subscriber: Subscriber = {
      ctx,
      queue: new LiveQueue<Notification>(() => this.forget(subscriber)),
      chain: Promise.resolve(),
    };
    this.subscribers.add(subscriber);
    this.changed();
    return subscriber.queue;
  }

  get subscriberCount(): number {
    return this.subscribers.size;
  }

  /** Resolves once exactly `count` subscribers are registered (tests wait on it instead of sleeping). */
  whenSubscribers(count: number): Promise<void> {
    return this.when(() => this.subscribers.size === count);
  }

  /** Resolves once the listener is (again) on the channel. */
  whenListening(): Promise<void> {
    return this.when(() => this.listening);
  }

  private when(condition: () => boolean): Promise<void> {
    return new Promise((resolve) => {
      const check = () => {
        if (!condition()) return;
        this.watchers.delete(check);
        resolve();
      };
      this.watchers.add(check);
      check();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const subscriber of [...this.subscribers]) subscriber.queue.return();
    const listener = this.listener;
    this.listener = null;
    await (await listener?.catch(() => null))?.close();
  }

  private startListening(): Promise<ChannelListener> {
    this.listener ??= listenToChannel(this.dataSource, NOTIFICATION_CHANNEL, {
      payload: (payload) => this.announce(payload),
      listening: () => {
        this.listening = true;
        this.changed();
      },
      interrupted: () => this.interrupt(),
    }, this.logger).catch((error) => {
      // Not listening: this subscription is refused (logged, masked); the next one tries again.
      this.listener = null;
      throw error;
    });
    return this.listener;
  }

  /** A gap in the stream is said, never silent: every subscription ends with FEED_INTERRUPTED. */
  private interrupt(): void {
    this.listening = false;
    this.changed();
    for (const subscriber of [...this.subscribers]) subscriber.queue.fail(interrupted());
  }

  private announce(payload: string): void {
    this.routing = this.routing.then(() => this.route(payload)).catch((error) => {
      this.logger.error({ err: error }, 'notification event not routed');
    });
  }

  private async route(id: string): Promise<void> {
    if (this.subscribers.size === 0) return;
    // Anyone who may NOTIFY can put anything here: only an id is looked up, and never echoed.
    if (!isUuid(id)) {
      this.logger.warn({ channel: NOTIFICATION_CHANNEL }, 'ignored an event that is not an id');
      return;
    }
    const row = await this.dataSource.getRepository(Notification).findOne({ where: { id } });
    if (!row) return;
    for (const subscriber of this.subscribers) {
      if (!subscriber.ctx.ability.can('read', asSubject('Notification', { ...row } as Record<string, unknown>))) continue;
      subscriber.chain = subscriber.chain.then(() => this.deliver(subscriber, id));
    }
  }

  private async deliver({ ctx, queue }: Subscriber, id: string): Promise<void> {
    if (queue.ended) return;
    try {
      const now = await ctx.live.refresh();
      const row = await visibleQuery(now, Notification, 'Notification', 'n').andWhere('n.id = :id', { id }).getOne();
      if (row) queue.push(row);
    } catch (error) {
      if (!(error instanceof AppError)) this.logger.error({ err: error, requestId: ctx.requestId }, 'notification not delivered');
      queue.fail(error);
    }
  }

  private forget(subscriber: Subscriber): void {
    if (this.subscribers.delete(subscriber)) this.changed();
  }

  private changed(): void {
    for (const watcher of [...this.watchers]) watcher();
  }
}
