import { sweepGrantEvents } from '../src/modules/access-requests/grant-sweep';
import { contactByScin, DEMO } from './support/demo';
import { CONTACT, formFor, grantedRequest, GRANTS, ok, SUBMIT, CHECK, APPROVE, GRANT } from './support/access-chain';
import { codesOf, startTestApp, type TestApp } from './support/test-app';

const HOUR = 3600_000;
const EXTEND = `mutation($input: RequestAccessExtensionInput!) { requestAccessExtension(input: $input) { accessExtension { id status } } }`;
const SUPPORT = `mutation($id: ID!) { supportAccessExtension(input: { extensionId: $id }) { accessExtension { id status } } }`;
const GRANT_EXTENSION = `mutation($input: GrantAccessExtensionInput!) { grantAccessExtension(input: $input) { accessExtension { id status newExpiresAt } } }`;
const REMOVE = `mutation($input: RemoveAccessGrantInput!) { removeAccessGrant(input: $input) { accessGrant { id state removedAt removalReason } } }`;
const NOTIFICATIONS = `{ myNotifications(first: 50) { totalCount edges { node { kind message grantId accessRequestId } } } }`;

let t: TestApp;
let chloeId: string;
beforeEach(async () => {
  t = await startTestApp();
  chloeId = (await contactByScin(t.dataSource, DEMO.sensitivePwc)).id;
});
afterEach(() => t.close());

const sees = async (staff: string, id = chloeId) => (await t.as(staff)(CONTACT, { id })).data.contact !== null;
const listed = async (staff: string) =>
  (await t.as(staff)('{ contacts(first: 100) { totalCount edges { node { id } } } }')).data.contacts;

describe('SCR-4: a grant works from the next request and stops at its expiry instant', () => {
  it('SCR-4: access appears on the request after the grant and disappears exactly at expiry, with the same token', async () => {
    const token = t.tokenFor('CW1002');
    const asSameSession = (id: string) =>
      fetch(`${t.app.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: CONTACT, variables: { id } }),
      }).then((res) => res.json() as Promise<any>);
    expect((await asSameSession(chloeId)).data.contact).toBeNull();
    const { grant } = await grantedRequest(t, { grantedHours: 2 });
    expect((await asSameSession(chloeId)).data.contact).toMatchObject({ id: chloeId, sensitive: true });
    t.clock.set(new Date(new Date(grant.expiresAt).getTime() - 1));
    expect((await asSameSession(chloeId)).data.contact).not.toBeNull();
    t.clock.set(grant.expiresAt);
    expect((await asSameSession(chloeId)).data.contact).toBeNull();
    const state = await t.as('FLLS4001')(GRANTS, {});
    expect(state.data.accessGrants.edges[0].node.state).toBe('EXPIRED');
  });
});

describe('TAR-5: a grant covers what the form named, for its purpose, from grant time to expiry', () => {
  it('TAR-5: the clock starts at the grant, not at the request', async () => {
    const submitted = ok(await t.as('CW1002')(SUBMIT, { input: await formFor(t.dataSource) })).submitAccessRequest.accessRequest;
    ok(await t.as('TL1001')(CHECK, { input: { id: submitted.id } }));
    t.clock.advance(5 * HOUR);
    ok(await t.as('SCRM3001')(APPROVE, { id: submitted.id }));
    const grantedAt = t.clock.now();
    ok(await t.as('FLLS4001')(GRANT, { input: { id: submitted.id, grantedHours: 2 } }));
    const grant = (await t.as('FLLS4001')(GRANTS)).data.accessGrants.edges[0].node;
    expect(new Date(grant.grantedAt).getTime()).toBe(grantedAt.getTime());
    expect(new Date(grant.expiresAt).getTime()).toBe(grantedAt.getTime() + 2 * HOUR);
  });

  it('TAR-5: a VIEW_CONTACT grant reveals exactly that contact to exactly its holder', async () => {
    const before = await listed('CW1002');
    await grantedRequest(t);
    const after = await listed('CW1002');
    expect(after.totalCount).toBe(before.totalCount + 1);
    expect(after.edges.map((edge: any) => edge.node.id)).toContain(chloeId);
    const frank = await contactByScin(t.dataSource, DEMO.sensitiveNrp);
    expect(await sees('CW1002', frank.id)).toBe(false);
    expect(await sees('CW1003')).toBe(false);
    expect(await sees('TL1001')).toBe(false);
  });

  it('TAR-5: a ROUTE_SR_TO_SCR grant does not reveal the contact', async () => {
    await grantedRequest(t, { form: { purpose: 'ROUTE_SR_TO_SCR' } });
    expect(await sees('CW1002')).toBe(false);
  });
});

describe('TAR-6: extension (TL -> FLLS) and early removal', () => {
  it('TAR-6: the requester asks, the TL supports, FLLS sets the new expiry, and access lasts until then', async () => {
    const { grant } = await grantedRequest(t, { grantedHours: 2 });
    const extension = ok(await t.as('CW1002')(EXTEND, { input: { grantId: grant.id, requestedHours: 3, reason: 'Letter reply pending' } })).requestAccessExtension.accessExtension;
    expect(extension.status).toBe('REQUESTED');
    // FLLS cannot skip the team leader.
    const newExpiresAt = new Date(new Date(grant.expiresAt).getTime() + 3 * HOUR).toISOString();
    expect(codesOf(await t.as('FLLS4001')(GRANT_EXTENSION, { input: { extensionId: extension.id, newExpiresAt } }))).toEqual(['CONFLICT']);
    // Another team's leader does not see the extension at all (answered like a missing id).
    expect(codesOf(await t.as('TL2001')(SUPPORT, { id: extension.id }))).toEqual(['NOT_FOUND']);
    expect(ok(await t.as('TL1001')(SUPPORT, { id: extension.id })).supportAccessExtension.accessExtension.status).toBe('TL_SUPPORTED');
    const tooLate = new Date(t.clock.now().getTime() + 73 * HOUR).toISOString();
    expect(codesOf(await t.as('FLLS4001')(GRANT_EXTENSION, { input: { extensionId: extension.id, newExpiresAt: tooLate } }))).toEqual(['BAD_USER_INPUT']);
    const granted = ok(await t.as('FLLS4001')(GRANT_EXTENSION, { input: { extensionId: extension.id, newExpiresAt } })).grantAccessExtension.accessExtension;
    expect(granted.status).toBe('GRANTED');
    t.clock.set(new Date(new Date(grant.expiresAt).getTime() + HOUR));
    expect(await sees('CW1002')).toBe(true);
    t.clock.set(newExpiresAt);
    expect(await sees('CW1002')).toBe(false);
  });

  it('TAR-6: an expired grant cannot be extended', async () => {
    const { grant } = await grantedRequest(t, { grantedHours: 1 });
    t.clock.set(grant.expiresAt);
    const res = await t.as('CW1002')(EXTEND, { input: { grantId: grant.id, requestedHours: 1, reason: 'more time' } });
    expect(codesOf(res)).toEqual(['CONFLICT']);
    expect(res.errors![0].extensions!.reason).toBe('GRANT_NOT_ACTIVE');
  });

  it('TAR-6: an extension that expires while waiting cannot be granted', async () => {
    const { grant } = await grantedRequest(t, { grantedHours: 1 });
    const extension = ok(await t.as('CW1002')(EXTEND, { input: { grantId: grant.id, requestedHours: 1, reason: 'more time' } })).requestAccessExtension.accessExtension;
    ok(await t.as('TL1001')(SUPPORT, { id: extension.id }));
    t.clock.advance(HOUR);
    const res = await t.as('FLLS4001')(GRANT_EXTENSION, { input: { extensionId: extension.id, newExpiresAt: new Date(t.clock.now().getTime() + HOUR).toISOString() } });
    expect(res.errors![0].extensions!.reason).toBe('GRANT_NOT_ACTIVE');
    expect(await sees('CW1002')).toBe(false);
  });

  it('TAR-6: FLLS removes a grant early; access stops on the next request and it cannot be extended', async () => {
    const { grant } = await grantedRequest(t, { grantedHours: 4 });
    expect(await sees('CW1002')).toBe(true);
    expect(codesOf(await t.as('TL1001')(REMOVE, { input: { grantId: grant.id, reason: 'TL_REQUEST' } }))).toEqual(['FORBIDDEN']);
    const removed = ok(await t.as('FLLS4001')(REMOVE, { input: { grantId: grant.id, reason: 'WORK_COMPLETED' } })).removeAccessGrant.accessGrant;
    expect(removed).toMatchObject({ state: 'REMOVED', removalReason: 'WORK_COMPLETED' });
    expect(await sees('CW1002')).toBe(false);
    const again = await t.as('CW1002')(EXTEND, { input: { grantId: grant.id, requestedHours: 1, reason: 'oops' } });
    expect(again.errors![0].extensions!.reason).toBe('GRANT_NOT_ACTIVE');
    expect(codesOf(await t.as('FLLS4001')(REMOVE, { input: { grantId: grant.id, reason: 'TL_REQUEST' } }))).toEqual(['CONFLICT']);
    // TAR-8: the removal is in the audit trail, once.
    const audited = await t.dataSource.query(`SELECT details FROM audit_event WHERE action = 'GRANT_REMOVED' AND subject_id = $1`, [grant.id]);
    expect(audited).toEqual([{ details: { reason: 'WORK_COMPLETED' } }]);
  });
});

describe('TAR-7: the TL and the requester are notified', () => {
  const kinds = async (staff: string) => (await t.as(staff)(NOTIFICATIONS)).data.myNotifications.edges.map((edge: any) => edge.node.kind).sort();

  it('TAR-7: grant, near expiry and expiry reach both the requester and their TL, once, however often the sweep runs', async () => {
    const { grant } = await grantedRequest(t, { grantedHours: 2 });
    expect(await kinds('CW1002')).toEqual(['ACCESS_GRANTED']);
    expect(await kinds('TL1001')).toEqual(['ACCESS_GRANTED']);
    expect(await kinds('CW1003')).toEqual([]);

    t.clock.set(new Date(new Date(grant.expiresAt).getTime() - 30 * 60_000));
    await sweepGrantEvents(t.dataSource, t.clock.now());
    await sweepGrantEvents(t.dataSource, t.clock.now());
    expect(await kinds('CW1002')).toEqual(['ACCESS_GRANTED', 'ACCESS_NEARS_EXPIRY']);

    t.clock.set(grant.expiresAt);
    // Several instances sweeping at once still notify once.
    const results = await Promise.all([1, 2, 3].map(() => sweepGrantEvents(t.dataSource, t.clock.now())));
    expect(results.reduce((sum, result) => sum + result.expired, 0)).toBe(1);
    await sweepGrantEvents(t.dataSource, new Date(t.clock.now().getTime() + HOUR));
    expect(await kinds('CW1002')).toEqual(['ACCESS_EXPIRED', 'ACCESS_GRANTED', 'ACCESS_NEARS_EXPIRY']);
    expect(await kinds('TL1001')).toEqual(['ACCESS_EXPIRED', 'ACCESS_GRANTED', 'ACCESS_NEARS_EXPIRY']);
  });

  it('TAR-7: removal notifies both; a rejection notifies the requester with the reason', async () => {
    const { grant } = await grantedRequest(t);
    ok(await t.as('FLLS4001')(REMOVE, { input: { grantId: grant.id, reason: 'TL_REQUEST' } }));
    expect(await kinds('TL1001')).toContain('ACCESS_REMOVED');
    expect(await kinds('CW1002')).toContain('ACCESS_REMOVED');
    const submitted = ok(await t.as('CW1002')(SUBMIT, { input: await formFor(t.dataSource) })).submitAccessRequest.accessRequest;
    ok(await t.as('TL1001')(`mutation($input: RejectAccessRequestInput!) { rejectAccessRequest(input: $input) { accessRequest { id } } }`,
      { input: { id: submitted.id, reason: 'Use the SCR team instead' } }));
    const messages = (await t.as('CW1002')(NOTIFICATIONS)).data.myNotifications.edges.map((edge: any) => edge.node);
    expect(messages).toContainEqual(expect.objectContaining({ kind: 'ACCESS_REQUEST_REJECTED', accessRequestId: submitted.id, message: expect.stringContaining('Use the SCR team instead') }));
  });
});
