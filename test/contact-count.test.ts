import { grantedRequest } from './support/access-chain';
import { DEMO } from './support/demo';
import { ok } from './support/security';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * Issue 11: the unfiltered totalCount of contacts comes from counters kept with the rows (constant
 * time), and always equals what counting the visible rows gives (SCR-2).
 */

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const TOTAL = '{ contacts(first: 1) { totalCount } }';
/** Clients and representatives, each a filtered list: counted in SQL over the visible rows. */
const FILTERED = '{ a: contacts(first: 1, filter: { kind: CLIENT }) { totalCount } b: contacts(first: 1, filter: { kind: REPRESENTATIVE }) { totalCount } }';

async function both(staff: string | undefined, client?: string) {
  const caller = client ? t.asClient(client) : t.as(staff);
  const total = ok(await caller(TOTAL)).contacts.totalCount as number;
  const parts = ok(await caller(FILTERED)) as { a: { totalCount: number }; b: { totalCount: number } };
  return { fromCounters: total, fromRows: parts.a.totalCount + parts.b.totalCount };
}

async function insertContacts(rows: { sensitive: boolean }[]) {
  for (const row of rows) {
    await t.dataSource.query(
      `INSERT INTO contact (kind, client_role, first_name, last_name, sensitive) VALUES ('CLIENT', 'PWC', 'Count', 'Test', $1)`, [row.sensitive]);
  }
}

describe('contact totalCount from counters', () => {
  it('equals the count of visible rows for every kind of caller, and after inserts, flips and deletes', async () => {
    const alice = (await t.dataSource.query('SELECT id FROM contact WHERE scin = $1', [DEMO.ordinaryPwc]))[0].id;
    await t.dataSource.query(`UPDATE contact SET self_service_status = 'REGISTERED_ACTIVE' WHERE id = $1`, [alice]);
    const check = async () => {
      for (const staff of ['CW1002', 'TL1001', 'CW6002', 'SCRC3002', 'SCRM3001']) {
        const { fromCounters, fromRows } = await both(staff);
        expect({ staff, n: fromCounters }).toEqual({ staff, n: fromRows });
      }
      const own = await both(undefined, alice);
      expect(own).toEqual({ fromCounters: 1, fromRows: 1 });
    };
    await check();
    const before = await both('SCRC3002');
    await insertContacts([{ sensitive: false }, { sensitive: true }, { sensitive: true }]);
    await check();
    expect((await both('SCRC3002')).fromCounters).toBe(before.fromCounters + 3);
    await t.dataSource.query(`UPDATE contact SET sensitive = NOT sensitive WHERE first_name = 'Count'`);
    await check();
    await t.dataSource.query(`DELETE FROM contact WHERE first_name = 'Count' AND sensitive`);
    await check();
    expect((await both('SCRC3002')).fromCounters).toBe(before.fromCounters + 2); // the flip left one of the three sensitive
  });

  it('a caseworker with a live grant counts the granted sensitive contact once, from the counter plus the grant', async () => {
    const without = await both('CW1002');
    await grantedRequest(t);
    const withGrant = await both('CW1002');
    expect(withGrant).toEqual({ fromCounters: without.fromCounters + 1, fromRows: without.fromRows + 1 });
  });

  it('is read from the counters, not by counting rows (a counter moved by hand moves the total)', async () => {
    const before = (await both('SCRC3002')).fromCounters;
    await t.dataSource.query(`UPDATE contact_count SET n = n + 1000 WHERE sensitive`);
    try {
      // The unfiltered total follows the counter; the filtered lists still count their rows.
      expect(await both('SCRC3002')).toEqual({ fromCounters: before + 1000, fromRows: before });
    } finally {
      await t.dataSource.query(`UPDATE contact_count SET n = n - 1000 WHERE sensitive`);
    }
  });
});
