import { grantedRequest, ok } from './support/access-chain';
import { contactByScin, DEMO } from './support/demo';
import { errorOf } from './support/security';
import { startTestApp, type TestApp } from './support/test-app';

/** TAR-6: state changes on grants are judged on the row, never on the clock of the request. */

const REMOVE = `mutation($input: RemoveAccessGrantInput!) { removeAccessGrant(input: $input) { accessGrant { id state removedAt removalReason } } }`;
const EXTEND = `mutation($input: RequestAccessExtensionInput!) { requestAccessExtension(input: $input) { accessExtension { id status } } }`;
const SUPPORT = `mutation($id: ID!) { supportAccessExtension(input: { extensionId: $id }) { accessExtension { id status } } }`;
const GRANT_EXTENSION = `mutation($input: GrantAccessExtensionInput!) { grantAccessExtension(input: $input) { accessExtension { id status newExpiresAt } } }`;
const HOUR = 3600_000;

let t: TestApp;
beforeEach(async () => {
  t = await startTestApp();
});
afterEach(() => t.close());

const removals = async (grantId: string) =>
  (await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_event WHERE action = 'GRANT_REMOVED' AND subject_id = $1`, [grantId]))[0].n;

describe('TAR-6: a grant is removed once, and a removed grant stays removed', () => {
  it('TAR-6: two overlapping removals over real HTTP: one succeeds, the other is refused; one audit row, the first reason kept', async () => {
    const { grant } = await grantedRequest(t);
    const [a, b] = await Promise.all([
      t.as('FLLS4001')(REMOVE, { input: { grantId: grant.id, reason: 'TL_REQUEST' } }),
      t.as('FLLS4001')(REMOVE, { input: { grantId: grant.id, reason: 'WORK_COMPLETED' } }),
    ]);
    const winners = [a, b].filter((res) => !res.errors);
    const losers = [a, b].filter((res) => res.errors);
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(1);
    expect(errorOf(losers[0])).toMatchObject({ code: 'CONFLICT', reason: 'GRANT_NOT_ACTIVE' });
    expect(await removals(grant.id)).toBe(1);
    const [row] = await t.dataSource.query('SELECT removal_reason FROM access_grant WHERE id = $1', [grant.id]);
    expect(row.removal_reason).toBe(winners[0].data.removeAccessGrant.accessGrant.removalReason);
  });

  it('TAR-6: a request whose clock is behind the removal (another instance) still finds the grant removed', async () => {
    const { grant } = await grantedRequest(t);
    const removedAt = t.clock.now();
    ok(await t.as('FLLS4001')(REMOVE, { input: { grantId: grant.id, reason: 'TL_REQUEST' } }));
    t.clock.set(new Date(removedAt.getTime() - HOUR));
    const again = await t.as('FLLS4001')(REMOVE, { input: { grantId: grant.id, reason: 'WORK_COMPLETED' } });
    expect(errorOf(again)).toMatchObject({ code: 'CONFLICT', reason: 'GRANT_NOT_ACTIVE' });
    const extend = await t.as('CW1002')(EXTEND, { input: { grantId: grant.id, requestedHours: 2, reason: 'More to do' } });
    expect(errorOf(extend)).toMatchObject({ code: 'CONFLICT', reason: 'GRANT_NOT_ACTIVE' });
    expect(await removals(grant.id)).toBe(1);
    // Nor does the removed grant show a thing to its holder on that instance.
    const chloe = await contactByScin(t.dataSource, DEMO.sensitivePwc);
    expect(ok(await t.as('CW1002')('query($id: ID!) { contact(id: $id) { id } }', { id: chloe.id })).contact).toBeNull();
  });

  it('TAR-6: an extension supported before the removal cannot be granted after it', async () => {
    const { grant } = await grantedRequest(t);
    const extension = ok(await t.as('CW1002')(EXTEND, { input: { grantId: grant.id, requestedHours: 2, reason: 'More to do' } })).requestAccessExtension.accessExtension;
    ok(await t.as('TL1001')(SUPPORT, { id: extension.id }));
    ok(await t.as('FLLS4001')(REMOVE, { input: { grantId: grant.id, reason: 'TL_REQUEST' } }));
    const [before] = await t.dataSource.query('SELECT expires_at FROM access_grant WHERE id = $1', [grant.id]);
    const res = await t.as('FLLS4001')(GRANT_EXTENSION, {
      input: { extensionId: extension.id, newExpiresAt: new Date(new Date(grant.expiresAt).getTime() + HOUR).toISOString() },
    });
    expect(errorOf(res)).toMatchObject({ code: 'CONFLICT', reason: 'GRANT_NOT_ACTIVE' });
    const [after] = await t.dataSource.query('SELECT expires_at FROM access_grant WHERE id = $1', [grant.id]);
    expect(after.expires_at).toEqual(before.expires_at);
  });
});
