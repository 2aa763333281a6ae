import { contactByScin, DEMO } from './support/demo';
import { grantedRequest, ok, sensitiveDemoSr } from './support/access-chain';
import { codesOf, startTestApp, type TestApp } from './support/test-app';

/**
 * Seed 003, purpose FINANCE_ACTION: "route an SR to the SCR team allowing them to carry out finance
 * specific actions against a sensitive contact" (step 11). The grant lets its holder do exactly
 * that, on the SR it names, until it expires (TAR-5); nothing else.
 */

const FINANCE = `mutation($input: RouteServiceRequestForFinanceActionInput!) { routeServiceRequestForFinanceAction(input: $input) { serviceRequest {
  id status segment owner { staffNumber } }
} }`;
const ROUTE = `mutation($input: RouteServiceRequestInput!) { routeServiceRequest(input: $input) { serviceRequest { id status segment } } }`;
const ASSIGN = `mutation($input: AssignFromHopperInput!) { assignFromHopper(input: $input) { serviceRequest {
  id status segment owner { staffNumber } }
} }`;
const HOPPER = `query { serviceRequests(first: 50, filter: { status: [PENDING_ASSIGNMENT], segment: SCR }) { edges { node { id } } } }`;
const NOTES = `query($id: ID!) { serviceRequest(id: $id) { notes { text } } }`;

let t: TestApp;
beforeEach(async () => {
  t = await startTestApp();
});
afterEach(() => t.close());

const srRow = async (id: string) =>
  (await t.dataSource.query('SELECT status, segment, owner_id FROM service_request WHERE id = $1', [id]))[0];
const financeAudit = (id: string) =>
  t.dataSource.query(`SELECT action, details FROM audit_event WHERE subject_id = $1 AND action = 'SR_ROUTED_TO_SCR'`, [id]);

describe('TAR-5: a FINANCE_ACTION grant routes its SR to the SCR team for the finance work', () => {
  it('TAR-5: with a live FINANCE_ACTION grant the grantee routes the SR to the SCR hopper, noted and audited; the SCR manager assigns it', async () => {
    const sr = await sensitiveDemoSr(t.dataSource);
    await grantedRequest(t, { form: { purpose: 'FINANCE_ACTION' } });
    const routed = ok(await t.as('CW1002')(FINANCE, { input: { id: sr.id, expectedVersion: sr.version, financeWork: 'Reassign payment' } }))
      .routeServiceRequestForFinanceAction.serviceRequest;
    expect(routed).toMatchObject({ id: sr.id, status: 'PENDING_ASSIGNMENT', segment: 'SCR', owner: null });
    expect(await financeAudit(sr.id)).toEqual([{ action: 'SR_ROUTED_TO_SCR', details: { fromSegment: 'MAINTENANCE', purpose: 'FINANCE_ACTION' } }]);
    expect(ok(await t.as('SCRM3001')(HOPPER)).serviceRequests.edges.map((edge: any) => edge.node.id)).toEqual([sr.id]);
    const notes = ok(await t.as('SCRM3001')(NOTES, { id: sr.id })).serviceRequest.notes.map((note: any) => note.text);
    expect(notes.at(-1)).toBe('Routed to the SCR team for finance actions (temporary access FINANCE_ACTION). Finance work: Reassign payment');
    const assigned = ok(await t.as('SCRM3001')(ASSIGN, { input: { id: sr.id, assigneeStaffNumber: 'SCRC3002' } })).assignFromHopper.serviceRequest;
    expect(assigned).toMatchObject({ status: 'OPEN', segment: 'SCR', owner: { staffNumber: 'SCRC3002' } });
  });

  it('TAR-5: without a grant, or with a grant for another purpose, FORBIDDEN and nothing changes', async () => {
    const sr = await sensitiveDemoSr(t.dataSource);
    const before = await srRow(sr.id);
    expect(codesOf(await t.as('CW1002')(FINANCE, { input: { id: sr.id } }))).toEqual(['FORBIDDEN']);
    await grantedRequest(t, { form: { purpose: 'VIEW_CONTACT' } });
    expect(codesOf(await t.as('CW1002')(FINANCE, { input: { id: sr.id } }))).toEqual(['FORBIDDEN']);
    await grantedRequest(t, { form: { purpose: 'ROUTE_SR_TO_SCR' } });
    expect(codesOf(await t.as('CW1002')(FINANCE, { input: { id: sr.id } }))).toEqual(['FORBIDDEN']);
    expect(await srRow(sr.id)).toEqual(before);
    expect(await financeAudit(sr.id)).toEqual([]);
  });

  it('TAR-5: a FINANCE_ACTION grant covers its purpose only: plain routing of the sensitive SR stays FORBIDDEN', async () => {
    const sr = await sensitiveDemoSr(t.dataSource);
    await grantedRequest(t, { form: { purpose: 'FINANCE_ACTION' } });
    expect(codesOf(await t.as('CW1002')(ROUTE, { input: { id: sr.id } }))).toEqual(['FORBIDDEN']);
    expect((await srRow(sr.id)).status).toBe('OPEN');
  });

  it('TAR-5: the grant covers the SR the form named and its holder only', async () => {
    const sr = await sensitiveDemoSr(t.dataSource);
    await grantedRequest(t, { form: { purpose: 'FINANCE_ACTION' } });
    // Another SR of the same segment: not named by the form.
    const brian = await contactByScin(t.dataSource, DEMO.ordinaryNrpWithRep);
    const [other] = await t.dataSource.query('SELECT id, status, segment FROM service_request WHERE subject_contact_id = $1', [brian.id]);
    expect(codesOf(await t.as('CW1002')(FINANCE, { input: { id: other.id } }))).toEqual(['FORBIDDEN']);
    expect(await srRow(other.id)).toMatchObject({ status: other.status, segment: other.segment });
    // Another caseworker of the same team: not the grantee.
    expect(codesOf(await t.as('CW1003')(FINANCE, { input: { id: sr.id } }))).toEqual(['FORBIDDEN']);
    expect(await srRow(sr.id)).toMatchObject({ status: 'OPEN', segment: 'MAINTENANCE' });
  });

  it('TAR-5: at its expiry instant the grant stops: FORBIDDEN, nothing to run', async () => {
    const sr = await sensitiveDemoSr(t.dataSource);
    const { grant } = await grantedRequest(t, { form: { purpose: 'FINANCE_ACTION' }, grantedHours: 2 });
    // A millisecond before, the grant still lets it through (a stale version is then the only objection).
    t.clock.set(new Date(new Date(grant.expiresAt).getTime() - 1));
    expect(codesOf(await t.as('CW1002')(FINANCE, { input: { id: sr.id, expectedVersion: sr.version + 7 } }))).toEqual(['CONFLICT']);
    t.clock.set(grant.expiresAt);
    expect(codesOf(await t.as('CW1002')(FINANCE, { input: { id: sr.id } }))).toEqual(['FORBIDDEN']);
    expect(await srRow(sr.id)).toMatchObject({ status: 'OPEN', segment: 'MAINTENANCE' });
    expect(await financeAudit(sr.id)).toEqual([]);
  });

  it('TAR-5: an over-long description of the finance work is BAD_USER_INPUT before anything is read', async () => {
    const sr = await sensitiveDemoSr(t.dataSource);
    await grantedRequest(t, { form: { purpose: 'FINANCE_ACTION' } });
    expect(codesOf(await t.as('CW1002')(FINANCE, { input: { id: sr.id, financeWork: 'x'.repeat(501) } }))).toEqual(['BAD_USER_INPUT']);
    expect((await srRow(sr.id)).status).toBe('OPEN');
  });
});
