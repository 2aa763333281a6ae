import { contactByScin, DEMO } from './support/demo';
import { grantedRequest, ok, sensitiveDemoSr } from './support/access-chain';
import { codesOf, startTestApp, type TestApp } from './support/test-app';

const SR = `query($id: ID!) { serviceRequest(id: $id) { id status segment version sourceName sourceRole
  subject { id firstName } owner { staffNumber } cases { caseNumber } } }`;
const ROUTE = `mutation($input: RouteServiceRequestInput!) { routeServiceRequest(input: $input) { serviceRequest { id status segment owner { staffNumber } } } }`;
const ASSIGN = `mutation($input: AssignFromHopperInput!) { assignFromHopper(input: $input) { serviceRequest {
  id status segment owner { staffNumber } }
} }`;
const HOPPER = `query($segment: Segment) { serviceRequests(first: 50, filter: { status: [PENDING_ASSIGNMENT], segment: $segment }) {
  totalCount edges { node { id segment } } } }`;

let t: TestApp;
beforeEach(async () => {
  t = await startTestApp();
});
afterEach(() => t.close());

describe('SCR-3: an SR of a sensitive contact shows its personal data only to those who may see the contact', () => {
  it('SCR-3: the owning caseworker sees the SR but not its subject nor the reporting person; the SCR team sees both', async () => {
    const sr = await sensitiveDemoSr(t.dataSource);
    const caseworker = ok(await t.as('CW1002')(SR, { id: sr.id })).serviceRequest;
    expect(caseworker).toMatchObject({ id: sr.id, subject: null, sourceName: null, sourceRole: null, owner: { staffNumber: 'CW1002' } });
    expect(caseworker.cases).toEqual([{ caseNumber: DEMO.caseWithSensitivePwc }]);
    const scr = ok(await t.as('SCRM3001')(SR, { id: sr.id })).serviceRequest;
    expect(scr.subject).toMatchObject({ firstName: 'Chloe' });
    expect(scr.sourceName).toBe('Chloe Baker'); // she reported it herself
    // With a VIEW_CONTACT grant the caseworker sees the subject too.
    await grantedRequest(t);
    expect(ok(await t.as('CW1002')(SR, { id: sr.id })).serviceRequest.subject).toMatchObject({ firstName: 'Chloe' });
  });

  it('SCR-3: filtering SRs by a hidden subject finds nothing', async () => {
    const sr = await sensitiveDemoSr(t.dataSource);
    const query = 'query($id: ID) { serviceRequests(first: 10, filter: { subjectContactId: $id }) { totalCount } }';
    expect(ok(await t.as('CW1002')(query, { id: sr.subjectContactId })).serviceRequests.totalCount).toBe(0);
    expect(ok(await t.as('SCRM3001')(query, { id: sr.subjectContactId })).serviceRequests.totalCount).toBe(1);
  });
});

describe('SR-6: a sensitive SR set to PENDING_ASSIGNMENT lands in the SCR hopper', () => {
  it('SR-6: routing needs a ROUTE_SR_TO_SCR grant; without it FORBIDDEN and nothing changes', async () => {
    const sr = await sensitiveDemoSr(t.dataSource);
    const refused = await t.as('CW1002')(ROUTE, { input: { id: sr.id } });
    expect(codesOf(refused)).toEqual(['FORBIDDEN']);
    expect(ok(await t.as('CW1002')(SR, { id: sr.id })).serviceRequest).toMatchObject({ status: 'OPEN', segment: 'MAINTENANCE' });
    // A VIEW_CONTACT grant is not enough: the grant covers its purpose only (TAR-5).
    await grantedRequest(t, { form: { purpose: 'VIEW_CONTACT' } });
    expect(codesOf(await t.as('CW1002')(ROUTE, { input: { id: sr.id } }))).toEqual(['FORBIDDEN']);
  });

  it('SR-6: with the grant it goes to the SCR hopper, the SCR manager assigns it to an SCR caseworker', async () => {
    const sr = await sensitiveDemoSr(t.dataSource);
    await grantedRequest(t, { form: { purpose: 'ROUTE_SR_TO_SCR' } });
    const routed = ok(await t.as('CW1002')(ROUTE, { input: { id: sr.id, expectedVersion: sr.version } })).routeServiceRequest.serviceRequest;
    expect(routed).toMatchObject({ status: 'PENDING_ASSIGNMENT', segment: 'SCR', owner: null });
    const hopper = ok(await t.as('SCRM3001')(HOPPER, { segment: 'SCR' })).serviceRequests;
    expect(hopper.edges.map((edge: any) => edge.node.id)).toEqual([sr.id]);
    // It left the maintenance segment: its former caseworker no longer sees it.
    expect(ok(await t.as('CW1002')(SR, { id: sr.id })).serviceRequest).toBeNull();
    // A maintenance team leader cannot assign from the SCR hopper.
    expect(codesOf(await t.as('TL1001')(ASSIGN, { input: { id: sr.id, assigneeStaffNumber: 'CW1003' } }))).toEqual(['NOT_FOUND']);
    // Only an SCR-segment caseworker can receive it.
    const wrong = await t.as('SCRM3001')(ASSIGN, { input: { id: sr.id, assigneeStaffNumber: 'CW1003' } });
    expect(codesOf(wrong)).toEqual(['BAD_USER_INPUT']);
    const assigned = ok(await t.as('SCRM3001')(ASSIGN, { input: { id: sr.id, assigneeStaffNumber: 'SCRC3002' } })).assignFromHopper.serviceRequest;
    expect(assigned).toMatchObject({ status: 'OPEN', segment: 'SCR', owner: { staffNumber: 'SCRC3002' } });
    expect(ok(await t.as('SCRC3002')(SR, { id: sr.id })).serviceRequest.subject).toMatchObject({ firstName: 'Chloe' });
    const audit = await t.dataSource.query(`SELECT action FROM audit_event WHERE subject_id = $1 ORDER BY id`, [sr.id]);
    expect(audit.map((row: any) => row.action)).toEqual(['SR_ROUTED_TO_SCR', 'SR_ASSIGNED']);
  });

  it('SR-6: an ordinary SR routed stays in its own segment\'s hopper, where its TL assigns it', async () => {
    const brian = await contactByScin(t.dataSource, DEMO.ordinaryNrpWithRep);
    const [sr] = await t.dataSource.query('SELECT id FROM service_request WHERE subject_contact_id = $1', [brian.id]);
    const routed = ok(await t.as('CW1003')(ROUTE, { input: { id: sr.id } })).routeServiceRequest.serviceRequest;
    expect(routed).toMatchObject({ status: 'PENDING_ASSIGNMENT', segment: 'MAINTENANCE' });
    expect(ok(await t.as('SCRM3001')(HOPPER, { segment: 'SCR' })).serviceRequests.totalCount).toBe(0);
    expect(codesOf(await t.as('SCRM3001')(ASSIGN, { input: { id: sr.id, assigneeStaffNumber: 'CW1002' } }))).toEqual(['FORBIDDEN']);
    const assigned = ok(await t.as('TL1001')(ASSIGN, { input: { id: sr.id, assigneeStaffNumber: 'CW1002' } })).assignFromHopper.serviceRequest;
    expect(assigned).toMatchObject({ status: 'OPEN', owner: { staffNumber: 'CW1002' } });
    // Assigning again is a CONFLICT: it is no longer in the hopper.
    expect(codesOf(await t.as('TL1001')(ASSIGN, { input: { id: sr.id, assigneeStaffNumber: 'CW1003' } }))).toEqual(['CONFLICT']);
  });
});
