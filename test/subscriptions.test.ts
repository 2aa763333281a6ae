import { createClient, type Client, type FormattedExecutionResult } from 'graphql-ws';
import type { DataSource } from 'typeorm';
import WebSocket from 'ws';
import { rootFieldPolicies } from '../src/authorization/policy';
import { createDataSource } from '../src/database/data-source';
import { scanNotifications } from '../src/database/embedded-notifications';
import { ENTITIES, SUBSCRIBERS } from '../src/modules/entities';
import { NotificationKind } from '../src/modules/notifications/notification.entity';
import { notify } from '../src/modules/notifications/notification.service';
import { Staff } from '../src/modules/staff/staff.entity';
import { startApp, type App } from '../src/server/http-server';
import { createLogger } from '../src/server/logger';
import { buildAppSchema } from '../src/server/schema';
import { MAX_SOCKETS_PER_PRINCIPAL, MAX_SUBSCRIPTIONS_PER_SOCKET } from '../src/server/websocket';
import { formFor, ok, REJECT, SUBMIT } from './support/access-chain';
import { usingRealPostgres } from './support/database';
import { postGraphQL, startTestApp, type TestApp } from './support/test-app';

/**
 * Issue 10.10: `notificationAdded` over graphql-ws, fed by Postgres LISTEN/NOTIFY. Two instances
 * (A and B: two DataSources and two servers) on one database: on a real server they meet through
 * Postgres' NOTIFY; on the embedded database through the NOTIFY picked out of its socket server
 * (embedded-notifications.ts), so every test runs on both.
 */

const SUBSCRIPTION = 'subscription { notificationAdded { id kind message accessRequestId createdAt readAt } }';

let t: TestApp;
let sourceB: DataSource;
let appB: App;
const clients: Client[] = [];
beforeAll(async () => {
  t = await startTestApp();
  sourceB = createDataSource({ url: (t.dataSource.options as { url: string }).url, entities: ENTITIES, subscribers: SUBSCRIBERS, poolSize: 2 });
  await sourceB.initialize();
  appB = await startApp({ config: t.config, dataSource: sourceB, clock: t.clock, logger: silent }, 0);
});
afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.dispose()));
  // Every subscription has ended on the server before the next test counts its own.
  await t.app.live.notifications.whenSubscribers(0);
});
afterAll(async () => {
  await appB.close();
  await sourceB.destroy();
  await t.close();
});

/** A real graphql-ws client over the `ws` package; `token` null sends no authorization at all. */
function connect(app: App, token: string | null): Client {
  const client = createClient({
    url: `${app.url.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: token === null ? {} : { authorization: `Bearer ${token}` },
    retryAttempts: 0,
    lazy: true,
  });
  clients.push(client);
  return client;
}

const as = (staffNumber: string, app: App = t.app) => connect(app, t.tokenFor(staffNumber));
const subscribe = (client: Client, query = SUBSCRIPTION) => client.iterate<{ notificationAdded: any }>({ query });
type Events = AsyncIterableIterator<FormattedExecutionResult<{ notificationAdded: any }, unknown>>;
const next = async (events: Events) => (await events.next()).value as FormattedExecutionResult<any, unknown>;
/**
 * How the stream ends with an error (a close event or GraphQL errors). Ask before the error can come:
 * graphql-ws' `iterate` loses an error that arrives while no `next()` is waiting.
 */
const rejection = (events: AsyncIterableIterator<unknown>) => events.next().then(() => 'no rejection', (error) => error);

const silent = createLogger({ logLevel: 'silent' });
const staffId = async (staffNumber: string) => (await t.dataSource.getRepository(Staff).findOneByOrFail({ staffNumber })).id;

/** A notification written by instance B (its own pool, its own connection). */
async function notifyThroughB(staffNumber: string, key: string) {
  await sourceB.transaction((tx) => notify(tx, t.clock.now(), [{
    recipientId: staffNumber, kind: NotificationKind.ACCESS_GRANTED, message: `test ${key}`, dedupeKey: `test:${key}`,
  }]));
  return t.dataSource.query('SELECT id FROM notification WHERE dedupe_key = $1', [`test:${key}`]).then((rows) => rows[0].id as string);
}

describe('notificationAdded over WebSocket (issue 10.10)', () => {
  it('the subscription declares its access policy, like every operation', () => {
    const fields = Object.keys(buildAppSchema().getSubscriptionType()!.getFields());
    expect(fields).toContain('notificationAdded');
    const policies = rootFieldPolicies();
    expect(fields.filter((field) => !policies.get(`Subscription.${field}`))).toEqual([]);
  });

  it('TAR-7: a caseworker subscribed on instance A receives the notification a mutation on instance B created; the TL who rejected does not', async () => {
    const carl = subscribe(as('CW1002'));
    const tina = subscribe(as('TL1001'));
    await t.app.live.notifications.whenSubscribers(2);

    const onB = (staff: string) => (query: string, variables?: Record<string, unknown>) =>
      postGraphQL(appB.url, t.tokenFor(staff), query, variables);
    const submitted = ok(await onB('CW1002')(SUBMIT, { input: await formFor(sourceB) })).submitAccessRequest.accessRequest;
    ok(await onB('TL1001')(REJECT, { input: { id: submitted.id, reason: 'Use the SCR team for this one.' } }));

    const event = await next(carl);
    expect(event.errors).toBeUndefined();
    expect(event.data.notificationAdded).toMatchObject({ kind: 'ACCESS_REQUEST_REJECTED', accessRequestId: submitted.id, readAt: null });
    const [stored] = await t.dataSource.query('SELECT recipient_id FROM notification WHERE id = $1', [event.data.notificationAdded.id]);
    expect(stored.recipient_id).toBe(await staffId('CW1002'));

    // Tina's first event is her own, written after Carl's: Carl's was never sent to her.
    const own = await notifyThroughB(await staffId('TL1001'), 'tina-own');
    expect((await next(tina)).data.notificationAdded.id).toBe(own);
  });

  it('an event for a notification the subscriber may not read is not delivered (forged ids and junk are ignored)', async () => {
    const carl = subscribe(as('CW1002'));
    await t.app.live.notifications.whenSubscribers(1);
    const someoneElses = await notifyThroughB(await staffId('SCRM3001'), 'sam-private');
    // Anyone who may NOTIFY can announce any id: the row is still read under Carl's own rules.
    await sourceB.query(`SELECT pg_notify('notification_added', $1)`, [someoneElses]);
    await sourceB.query(`SELECT pg_notify('notification_added', 'not-an-id')`);
    await sourceB.query(`SELECT pg_notify('notification_added', '00000000-0000-4000-8000-000000000000')`);
    const his = await notifyThroughB(await staffId('CW1002'), 'carl-after-forgeries');
    expect((await next(carl)).data.notificationAdded.id).toBe(his);
  });

  it('each event is a new request: once the token has expired nothing is sent, and the socket closes 4403 so the client signs in again', async () => {
    const carl = subscribe(as('CW1002'));
    const closed = rejection(carl);
    await t.app.live.notifications.whenSubscribers(1);
    t.clock.advance(9 * 3600 * 1000); // tokens last 8 hours
    try {
      await notifyThroughB(await staffId('CW1002'), 'after-expiry');
      expect((await closed).code).toBe(4403);
    } finally {
      t.clock.advance(-9 * 3600 * 1000);
    }
  });

  it('an unauthenticated connection is refused before any subscription runs: no token 4401, a bad token 4403', async () => {
    expect((await rejection(subscribe(connect(t.app, null)))).code).toBe(4401);
    expect((await rejection(subscribe(connect(t.app, 'not.a.jwt')))).code).toBe(4403);
    const foreign = t.tokenFor('CW1002').replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
    expect((await rejection(subscribe(connect(t.app, foreign)))).code).toBe(4403);
    expect(t.app.live.notifications.subscriberCount).toBe(0);
  });

  it('a principal without the read rule for notifications is refused by the policy (FORBIDDEN)', async () => {
    const contact = (await t.dataSource.query('SELECT id FROM contact LIMIT 1'))[0].id as string;
    // graphql-js answers a refused source stream with a result carrying the error, then completes.
    const refused = await next(subscribe(connect(t.app, t.tokenFor(contact, 'client'))));
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(t.app.live.notifications.subscriberCount).toBe(0);
  });

  it('over HTTP a subscription stays a coded 400; over WebSocket a query is refused and HTTP limits apply', async () => {
    const http = await t.as('CW1002')(SUBSCRIPTION);
    expect(http.status).toBe(400);
    expect(http.errors?.[0].extensions?.reason).toBe('SUBSCRIPTIONS_NOT_SUPPORTED');

    const client = as('CW1002');
    const query = await rejection(subscribe(client, '{ me { staff { staffNumber } } }'));
    expect(query[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'USE_HTTP_FOR_QUERIES' });
    const aliases = Array.from({ length: 20 }, (_, i) => `a${i}: id`).join(' ');
    const tooWide = await rejection(subscribe(client, `subscription { notificationAdded { ${aliases} } }`));
    expect(tooWide[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const syntax = await rejection(subscribe(client, 'subscription { notificationAdded { id '));
    expect(syntax[0].extensions.code).toBe('GRAPHQL_PARSE_FAILED');
  });

  it(`one socket holds at most ${MAX_SUBSCRIPTIONS_PER_SOCKET} subscriptions`, async () => {
    const client = as('CW1002');
    for (let i = 0; i < MAX_SUBSCRIPTIONS_PER_SOCKET; i += 1) subscribe(client);
    await t.app.live.notifications.whenSubscribers(MAX_SUBSCRIPTIONS_PER_SOCKET);
    const refused = await rejection(subscribe(client));
    expect(refused[0].extensions.reason).toBe('TOO_MANY_SUBSCRIPTIONS');
  });

  it('the log names the principal and the operation, never the token or the message', async () => {
    const carl = subscribe(as('CW1002'));
    await t.app.live.notifications.whenSubscribers(1);
    const id = await notifyThroughB(await staffId('CW1002'), 'log-check');
    expect((await next(carl)).data.notificationAdded.id).toBe(id);
    const principal = `staff:${await staffId('CW1002')}`;
    const ws = t.logLines.filter((line) => line.includes('"transport":"ws"'));
    expect(ws.some((line) => line.includes('subscription started') && line.includes(principal))).toBe(true);
    const all = t.logLines.join('\n');
    expect(all).not.toContain(t.tokenFor('CW1002').split('.')[2]);
    expect(all).not.toContain('test log-check');
  });
});

describe('connections and the listener', () => {
  it(`one principal holds at most ${MAX_SOCKETS_PER_PRINCIPAL} sockets on an instance; the next is closed 1008`, async () => {
    for (let i = 0; i < MAX_SOCKETS_PER_PRINCIPAL; i += 1) subscribe(as('CW1002'));
    await t.app.live.notifications.whenSubscribers(MAX_SOCKETS_PER_PRINCIPAL);
    expect((await rejection(subscribe(as('CW1002')))).code).toBe(1008);
  });

  it('closing an instance ends its sockets at once with 1001 (going away), within the grace period', async () => {
    const appC = await startApp({ config: t.config, dataSource: sourceB, clock: t.clock, logger: silent }, 0);
    const ended = rejection(subscribe(as('CW1002', appC)));
    await appC.live.notifications.whenSubscribers(1);
    const started = Date.now();
    await appC.close(30_000);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect((await ended).code).toBe(1001);
    expect(appC.live.notifications.subscriberCount).toBe(0);
  });

  // The embedded database has no connection to lose: the listener is in this process.
  (usingRealPostgres() ? it : it.skip)('the listener reconnects after losing its connection; subscribers are told of the gap (FEED_INTERRUPTED)', async () => {
    const feed = t.app.live.notifications;
    const ended = rejection(subscribe(as('CW1002')));
    await feed.whenSubscribers(1);
    await t.dataSource.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity
      WHERE application_name = 'cmg-backoffice-api:listen' AND datname = current_database()`);
    expect((await ended)[0].extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', reason: 'FEED_INTERRUPTED' });
    await feed.whenListening();
    const again = subscribe(as('CW1002'));
    await feed.whenSubscribers(1);
    const id = await notifyThroughB(await staffId('CW1002'), 'after-reconnect');
    expect((await next(again)).data.notificationAdded.id).toBe(id);
  });

  it('embedded: a NotificationResponse is found between other messages, however the stream is cut', () => {
    const int32 = (n: number) => {
      const bytes = Buffer.alloc(4);
      bytes.writeInt32BE(n);
      return bytes;
    };
    const message = (type: string, body: Buffer) => Buffer.concat([Buffer.from(type), int32(body.length + 4), body]);
    const notification = (channel: string, payload: string) =>
      message('A', Buffer.concat([int32(42), Buffer.from(`${channel}\0${payload}\0`)]));
    const stream = Buffer.concat([
      message('1', Buffer.alloc(0)), message('D', Buffer.from('\0\x01row A')), notification('notification_added', 'é1'),
      message('C', Buffer.from('INSERT 0 1\0')), notification('other', ''), message('Z', Buffer.from('I')),
    ]);
    const expected = [['notification_added', 'é1'], ['other', '']];
    for (let cut = 0; cut <= stream.length; cut += 1) {
      const seen: string[][] = [];
      const scan = scanNotifications((channel, payload) => seen.push([channel, payload]));
      scan(stream.subarray(0, cut));
      scan(stream.subarray(cut));
      expect(seen).toEqual(expected);
    }
    const seen: string[][] = [];
    const byteByByte = scanNotifications((channel, payload) => seen.push([channel, payload]));
    for (const byte of stream) byteByByte(Uint8Array.of(byte));
    expect(seen).toEqual(expected);
  });
});
