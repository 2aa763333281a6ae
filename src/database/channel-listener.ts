import { Client, type ClientConfig } from 'pg';
import type { Logger } from 'pino';
import type { DataSource, DataSourceOptions } from 'typeorm';
import { embeddedHubFor } from './embedded-notifications';

export interface ChannelEvents {
  /** A NOTIFY payload on the channel. */
  payload(payload: string): void;
  /** Listening (again): from here on no NOTIFY is missed. */
  listening?(): void;
  /** The listening connection was lost: NOTIFYs until the next `listening` are lost with it. */
  interrupted?(): void;
}

export interface ChannelListener {
  close(): Promise<void>;
}

/** Reconnection waits: doubling from the first, never beyond the last. */
export interface RetryDelays {
  firstMs: number;
  maxMs: number;
}
const RETRY: RetryDelays = { firstMs: 250, maxMs: 10_000 };

const CHANNEL = /^[a-z_][a-z0-9_]{0,62}$/;

type PostgresConnectionOptions = Extract<DataSourceOptions, { type: 'postgres' }>;

/**
 * LISTEN on `channel` of the data source's database, on ONE connection of its own (never one of
 * the pool, whose connections come and go), re-established after a loss with growing waits.
 * On the embedded database the notifications are picked out of the socket server in this process
 * (embedded-notifications.ts); the LISTEN itself still goes through the pool, which is safe there
 * because the socket server keeps another connection's transaction whole.
 */
export async function listenToChannel(
  dataSource: DataSource,
  channel: string,
  events: ChannelEvents,
  logger: Logger,
  retry: RetryDelays = RETRY,
): Promise<ChannelListener> {
  if (!CHANNEL.test(channel)) throw new Error(`Not a channel name: ${channel}`);
  const options = dataSource.options as PostgresConnectionOptions;
  const hub = embeddedHubFor(options.url);
  if (hub) {
    if (hub.add(channel, events.payload)) await dataSource.query(`LISTEN ${channel}`);
    events.listening?.();
    return {
      async close() {
        if (hub.remove(channel, events.payload) && dataSource.isInitialized) await dataSource.query(`UNLISTEN ${channel}`);
      },
    };
  }
  return ServerListener.start(clientConfigOf(options), channel, events, logger.child({ channel }), retry);
}

/** The pool's own connection settings, for a connection outside the pool. */
function clientConfigOf(options: PostgresConnectionOptions): ClientConfig {
  return {
    connectionString: options.url,
    host: options.host,
    port: options.port,
    user: options.username,
    password: typeof options.password === 'string' ? options.password : undefined,
    database: options.database,
    ssl: options.ssl as ClientConfig['ssl'],
    application_name: 'cmg-backoffice-api:listen',
    keepAlive: true,
  };
}

class ServerListener implements ChannelListener {
  private client: Client | null = null;
  private closed = false;
  private timer: NodeJS.Timeout | null = null;
  private delay: number;

  private constructor(
    private readonly config: ClientConfig,
    private readonly channel: string,
    private readonly events: ChannelEvents,
    private readonly logger: Logger,
    private readonly retry: RetryDelays,
  ) {
    this.delay = retry.firstMs;
  }

  /** Connects once before answering, so a wrong database is an error at start, not a silent retry loop. */
  static async start(config: ClientConfig, channel: string, events: ChannelEvents, logger: Logger, retry: RetryDelays) {
    const listener = new ServerListener(config, channel, events, logger, retry);
    try {
      await listener.connect();
    } catch (error) {
      await listener.close();
      throw error;
    }
    return listener;
  }

  private async connect(): Promise<void> {
    const client = new Client(this.config);
    let lost = false;
    const onLoss = (error?: Error) => {
      if (lost) return;
      lost = true;
      client.removeAllListeners('notification');
      if (this.client === client) this.client = null;
      void client.end().catch(() => undefined);
      if (this.closed) return;
      // The class and code only: a connection error may carry the host or the user.
      this.logger.warn({ err: error ? { type: error.name, code: (error as { code?: string }).code } : undefined }, 'listening connection lost');
      this.events.interrupted?.();
      this.schedule();
    };
    client.on('error', onLoss);
    client.on('end', () => onLoss());
    client.on('notification', (message) => {
      if (message.channel === this.channel) this.events.payload(message.payload ?? '');
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${this.channel}`);
    } catch (error) {
      onLoss(error as Error);
      throw error;
    }
    if (this.closed) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    this.delay = this.retry.firstMs;
    this.events.listening?.();
  }

  private schedule(): void {
    if (this.closed || this.timer) return;
    const wait = this.delay;
    this.delay = Math.min(this.delay * 2, this.retry.maxMs);
    this.timer = setTimeout(() => {
      this.timer = null;
      // A failed attempt has already scheduled the next one (onLoss).
      this.connect().catch(() => undefined);
    }, wait);
    this.timer.unref();
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }
}
