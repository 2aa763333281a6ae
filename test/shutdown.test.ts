import { DEMO } from './support/demo';
import { contactId, CONTACT_QUERY } from './support/preferences';
import { startTestApp, type TestApp } from './support/test-app';

/** Graceful shutdown: stop accepting, finish what is in flight, then stop (a SIGTERM cuts nothing). */

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.database.close());

describe('graceful shutdown', () => {
  it('a request in flight when the server closes completes; a new one is refused', async () => {
    const alice = await contactId(t, DEMO.ordinaryPwc);
    // Hold a lock the request will wait for, so it is surely in flight when close() starts.
    const blocker = await t.dataSource.createQueryRunner();
    await blocker.connect();
    await blocker.startTransaction();
    await blocker.query('LOCK TABLE contact IN ACCESS EXCLUSIVE MODE');
    const inFlight = t.as('CW1002')(CONTACT_QUERY, { id: alice });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const closing = t.app.close(30_000);
    await new Promise((resolve) => setTimeout(resolve, 200));
    await expect(fetch(`${t.app.url}/healthz`)).rejects.toThrow();
    await blocker.commitTransaction();
    await blocker.release();
    const answer = await inFlight;
    expect(answer.status).toBe(200);
    expect(answer.data.contact.id).toBe(alice);
    // Closed as soon as nothing is in flight, long before the 30 s grace.
    const started = Date.now();
    await closing;
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
