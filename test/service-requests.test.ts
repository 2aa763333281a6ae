import { ServiceRequest } from '../src/modules/service-requests/service-request.entity';
import { SR_TRANSITIONS } from '../src/modules/service-requests/sr-transitions';
import { SrStatus } from '../src/modules/service-requests/sr-enums';
import { contactByScin, DEMO } from './support/demo';
import {
  casesOf, CREATE_SR, errorOf, fieldsOf, ok, REQUEST_CHANGE, rowCounts, SET_UP, setUpSecurityFor, SR_FIELDS, START_SR,
  startedSetUpSr,
} from './support/security';
import { codesOf, startTestApp, type TestApp } from './support/test-app';

const SR = `query($id: ID!) { serviceRequest(id: $id) { ${SR_FIELDS} process area subArea sourceName sourceRole
  cases { caseNumber } subject { id firstName } createdAt updatedAt } }`;
const LIST = `query($filter: ServiceRequestFilter) { serviceRequests(first: 50, filter: $filter) { totalCount edges { node { id nextActionDue status } } } }`;
const NOTE = `mutation($input: AddServiceRequestNoteInput!) { addServiceRequestNote(input: $input) { serviceRequest { id version notes { text } } } }`;
const OUTCOME = `mutation($input: RecordActivityOutcomeInput!) { recordActivityOutcome(input: $input) { activity { id name status outcome outcomeNote completedAt } } }`;

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const srRow = (id: string) => t.dataSource.getRepository(ServiceRequest).findOneByOrFail({ id });

async function raiseAbout(scin: string, staff = 'CW1002', kind = 'CHANGE_CONTACT_PREFERENCES', note?: string) {
  const contact = await contactByScin(t.dataSource, scin);
  const cases = await casesOf(t.dataSource, contact.id);
  return ok(await t.as(staff)(CREATE_SR, {
    input: {
      kind, subjectContactId: contact.id, caseIds: cases.map((row) => row.id),
      source: { type: 'REPORTING_PERSON', firstName: 'Pat', lastName: 'Jones', role: 'PWC' }, note,
    },
  })).createServiceRequest.serviceRequest;
}

describe('SR-1: an SR records what the procedures need', () => {
  it('SR-1: process, area, sub area, source, cases, subject, status, sub status, resolution, notes, due date, owner, segment', async () => {
    const created = await raiseAbout(DEMO.ordinaryPwc, 'CW1002', 'CHANGE_CONTACT_PREFERENCES', 'Client rang to change how we contact them.');
    const sr = ok(await t.as('CW1002')(SR, { id: created.id })).serviceRequest;
    const alice = await contactByScin(t.dataSource, DEMO.ordinaryPwc);
    expect(sr).toMatchObject({
      kind: 'CHANGE_CONTACT_PREFERENCES',
      process: 'CHANGE_OF_CIRCUMSTANCES',
      area: 'CHANGE_PERSONAL_INFO',
      subArea: 'CHANGE_CONTACT_SECURITY_INFO',
      sourceType: 'REPORTING_PERSON',
      sourceName: 'Pat Jones',
      sourceRole: 'PWC',
      cases: [{ caseNumber: '1200000001' }],
      subject: { id: alice.id, firstName: 'Alice' },
      subjectType: 'PWC',
      status: 'OPEN',
      subStatus: null,
      resolutionCode: null,
      nextActionDue: null,
      owner: { staffNumber: 'CW1002' },
      segment: 'MAINTENANCE',
      notes: [{ text: 'Client rang to change how we contact them.' }],
    });
    const security = await raiseAbout(DEMO.ordinaryNrpSameCase, 'CW1002', 'SECURITY_SET_UP');
    expect(security).toMatchObject({ kind: 'SECURITY_SET_UP' });
    const row = await srRow(security.id);
    expect(row).toMatchObject({ process: 'CLIENT_CONTACT', area: 'SECURITY', subArea: 'SECURITY_SET_UP' });
  });

  it('SR-1: missing source names, no case and malformed ids are one BAD_USER_INPUT naming each field; nothing is stored', async () => {
    const before = await rowCounts(t.dataSource);
    const res = await t.as('CW1002')(CREATE_SR, {
      input: { kind: 'SECURITY_SET_UP', subjectContactId: 'nope', caseIds: [], source: { type: 'REPORTING_PERSON', firstName: ' ' } },
    });
    expect(codesOf(res)).toEqual(['BAD_USER_INPUT']);
    expect(fieldsOf(res)).toEqual(['caseIds', 'source.firstName', 'source.lastName', 'source.role', 'subjectContactId']);
    expect(await rowCounts(t.dataSource)).toEqual(before);
  });

  it('SR-1: a self-service source needs no names and shows the parent role (PWC/NRP self service)', async () => {
    const alice = await contactByScin(t.dataSource, DEMO.ordinaryPwc);
    await setUpSecurityFor(t.as('CW1002'), t.dataSource, alice.id);
    const sr = ok(await t.asClient(alice.id)(REQUEST_CHANGE, { input: { newPin: '7654321' } })).requestSecurityDetailsChange.serviceRequest;
    expect(sr).toMatchObject({ sourceType: 'PWC_SELF_SERVICE', subjectType: 'PWC' });
    expect(ok(await t.as('CW1002')(SR, { id: sr.id })).serviceRequest).toMatchObject({ sourceName: null, sourceRole: 'PWC' });
  });
});

describe('SR-2: status moves only along the allowed transitions', () => {
  it('SR-2: the transition table is exactly OPEN -> IN_PROGRESS -> WAIT <-> IN_PROGRESS -> CLOSED, plus routing', () => {
    expect(SR_TRANSITIONS).toEqual({
      OPEN: ['IN_PROGRESS', 'PENDING_ASSIGNMENT'],
      IN_PROGRESS: ['WAIT', 'CLOSED', 'PENDING_ASSIGNMENT'],
      WAIT: ['IN_PROGRESS', 'CLOSED', 'PENDING_ASSIGNMENT'],
      PENDING_ASSIGNMENT: ['OPEN'],
      CLOSED: [],
    });
  });

  it('SR-2: starting an SR twice is a CONFLICT naming the move, and changes nothing', async () => {
    const created = await raiseAbout(DEMO.ordinaryNrpWithRep);
    const started = ok(await t.as('CW1002')(START_SR, { input: { id: created.id } })).startServiceRequest.serviceRequest;
    expect(started.status).toBe('IN_PROGRESS');
    const before = await srRow(created.id);
    const counts = await rowCounts(t.dataSource);
    const again = await t.as('CW1002')(START_SR, { input: { id: created.id } });
    expect(errorOf(again)).toMatchObject({ code: 'CONFLICT', reason: 'ILLEGAL_TRANSITION', extensions: { from: 'IN_PROGRESS', to: 'IN_PROGRESS' } });
    expect(await srRow(created.id)).toEqual(before);
    expect(await rowCounts(t.dataSource)).toEqual(counts);
  });

  it('SR-2: a CLOSED SR cannot move at all', async () => {
    const daniel = await contactByScin(t.dataSource, DEMO.ordinaryNrpSameCase);
    const closed = await setUpSecurityFor(t.as('CW1002'), t.dataSource, daniel.id);
    expect(closed.status).toBe('CLOSED');
    const before = await srRow(closed.id);
    for (const res of [
      await t.as('CW1002')(START_SR, { input: { id: closed.id } }),
      await t.as('CW1002')(`mutation($input: RouteServiceRequestInput!) { routeServiceRequest(input: $input) { serviceRequest { id } } }`, { input: { id: closed.id } }),
    ]) {
      expect(errorOf(res)).toMatchObject({ code: 'CONFLICT', reason: 'ILLEGAL_TRANSITION', extensions: { from: 'CLOSED' } });
    }
    expect(await srRow(closed.id)).toEqual(before);
  });
});

describe('SR-3: IN_PROGRESS generates the activity plan; steps record outcomes', () => {
  it('SR-3: the plan of the kind, in order, generated once', async () => {
    const created = await raiseAbout(DEMO.ordinaryPwc);
    expect(created.activities).toEqual([]);
    const started = ok(await t.as('CW1002')(START_SR, { input: { id: created.id } })).startServiceRequest.serviceRequest;
    expect(started.activities.map((step: any) => [step.name, step.status])).toEqual([
      ['Verify Client', 'OPEN'], ['Update Contact Preferences', 'OPEN'], ['Send Confirmation Letter', 'OPEN'],
    ]);
    // Emma's case is ENFORCEMENT's: its caseworker raises and works it (SR-5, SR-7).
    const setUp = await startedSetUpSr(t.as('CW2002'), t.dataSource, (await contactByScin(t.dataSource, 'SC0000005')).id);
    expect(setUp.activities.map((step: any) => step.name)).toEqual(['Collect Security Questions', 'Set Up PIN And Password']);
  });

  it('SR-3: a step records its outcome, status and time; bad input and a closed SR are refused', async () => {
    const created = await raiseAbout(DEMO.ordinaryNrpWithRep);
    const started = ok(await t.as('CW1002')(START_SR, { input: { id: created.id } })).startServiceRequest.serviceRequest;
    const step = started.activities[0];
    const recorded = ok(await t.as('CW1002')(OUTCOME, {
      input: { activityId: step.id, status: 'DONE', outcome: 'ENOUGH_INFORMATION', outcomeNote: ' Client verified ' },
    })).recordActivityOutcome.activity;
    expect(recorded).toMatchObject({
      id: step.id, status: 'DONE', outcome: 'ENOUGH_INFORMATION', outcomeNote: 'Client verified', completedAt: t.clock.now().toISOString(),
    });

    const bad = await t.as('CW1002')(OUTCOME, { input: { activityId: 'x', status: 'OPEN', outcomeNote: 'y'.repeat(501) } });
    expect(fieldsOf(bad)).toEqual(['activityId', 'outcomeNote', 'status']);
    // Contract point 11: an outcome is one of the list; OTHER needs a note saying what.
    expect(errorOf(await t.as('CW1002')(OUTCOME, { input: { activityId: step.id, status: 'DONE', outcome: 'Client verified' } })))
      .toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(fieldsOf(await t.as('CW1002')(OUTCOME, { input: { activityId: step.id, status: 'DONE', outcome: 'OTHER' } }))).toEqual(['outcomeNote']);

    const mona = (await t.dataSource.query(`SELECT id FROM contact WHERE first_name = 'Mona'`))[0].id;
    const setUpSr = await startedSetUpSr(t.as('CW1002'), t.dataSource, mona);
    const closed = ok(await t.as('CW1002')(SET_UP, { input: { serviceRequestId: setUpSr.id, pin: '1112223', password: 'Garden Party' } })).setUpSecurity.serviceRequest;
    const res = await t.as('CW1002')(OUTCOME, { input: { activityId: closed.activities[0].id, status: 'NOT_REQUIRED' } });
    expect(errorOf(res)).toMatchObject({ code: 'CONFLICT', reason: 'SR_CLOSED' });
  });
});

describe('SR-4: self-service SRs are due within 24 hours; overdue SRs can be listed', () => {
  it('SR-4: due 24 hours after it is raised, listed as overdue only after that, and by dueBefore', async () => {
    const brian = await contactByScin(t.dataSource, DEMO.ordinaryNrpWithRep);
    await setUpSecurityFor(t.as('CW1002'), t.dataSource, brian.id);
    await t.dataSource.query(`UPDATE contact SET self_service_status = 'REGISTERED_ACTIVE' WHERE id = $1`, [brian.id]);
    const raisedAt = t.clock.now();
    const sr = ok(await t.asClient(brian.id)(REQUEST_CHANGE, { input: { newPassword: 'Seaside Lighthouse' } })).requestSecurityDetailsChange.serviceRequest;
    expect(new Date(sr.nextActionDue).getTime()).toBe(raisedAt.getTime() + 24 * 3600_000);

    const overdueIds = async () => ok(await t.as('CW1002')(LIST, { filter: { overdue: true } })).serviceRequests.edges.map((e: any) => e.node.id);
    t.clock.advance(24 * 3600_000 - 1000);
    expect(await overdueIds()).not.toContain(sr.id);
    const dueSoon = ok(await t.as('CW1002')(LIST, { filter: { dueBefore: new Date(raisedAt.getTime() + 25 * 3600_000).toISOString() } }));
    expect(dueSoon.serviceRequests.edges.map((e: any) => e.node.id)).toContain(sr.id);
    t.clock.advance(2000);
    expect(await overdueIds()).toContain(sr.id);
    // The client sees their own SR, with the same due date.
    const own = ok(await t.asClient(brian.id)(SR, { id: sr.id })).serviceRequest;
    expect(own.nextActionDue).toBe(sr.nextActionDue);
  });
});

describe('SR-5: only the owning segment works an SR', () => {
  it("SR-5: another segment's caseworker and TL cannot work it: refused as NOT_FOUND (they cannot see it), nothing changes", async () => {
    const created = await raiseAbout(DEMO.ordinaryPwc);
    const before = await srRow(created.id);
    const counts = await rowCounts(t.dataSource);
    for (const staff of ['CW2002', 'TL2001']) {
      expect(codesOf(await t.as(staff)(START_SR, { input: { id: created.id } }))).toEqual(['NOT_FOUND']);
      expect(codesOf(await t.as(staff)(NOTE, { input: { id: created.id, text: 'not mine' } }))).toEqual(['NOT_FOUND']);
      expect(ok(await t.as(staff)(SR, { id: created.id })).serviceRequest).toBeNull();
    }
    expect(await srRow(created.id)).toEqual(before);
    expect(await rowCounts(t.dataSource)).toEqual(counts);
  });

  it('SR-5: the SCR manager reads every SR but may not work another segment\'s: FORBIDDEN, nothing changes', async () => {
    const created = await raiseAbout(DEMO.ordinaryPwc);
    const before = await srRow(created.id);
    expect(ok(await t.as('SCRM3001')(SR, { id: created.id })).serviceRequest.id).toBe(created.id);
    const res = await t.as('SCRM3001')(START_SR, { input: { id: created.id } });
    expect(codesOf(res)).toEqual(['FORBIDDEN']);
    expect(res.errors![0].message).toContain('SR-5');
    expect(codesOf(await t.as('SCRM3001')(NOTE, { input: { id: created.id, text: 'not mine' } }))).toEqual(['FORBIDDEN']);
    expect(await srRow(created.id)).toEqual(before);
  });

  it("SR-5: the owning segment's caseworkers and its TL work it", async () => {
    const created = await raiseAbout(DEMO.ordinaryPwc);
    const byLeader = ok(await t.as('TL1001')(START_SR, { input: { id: created.id } })).startServiceRequest.serviceRequest;
    expect(byLeader.status).toBe('IN_PROGRESS');
    const byColleague = ok(await t.as('CW1003')(NOTE, { input: { id: created.id, text: 'Called the client back.' } })).addServiceRequestNote.serviceRequest;
    expect(byColleague.notes.map((n: any) => n.text)).toEqual(['Called the client back.']);
  });

  it('SR-5: a stale expectedVersion is a CONFLICT and nothing changes', async () => {
    const created = await raiseAbout(DEMO.ordinaryPwc);
    const res = await t.as('CW1002')(START_SR, { input: { id: created.id, expectedVersion: created.version + 1 } });
    expect(errorOf(res)).toMatchObject({ code: 'CONFLICT', reason: 'STALE_VERSION', extensions: { currentVersion: created.version } });
    expect((await srRow(created.id)).status).toBe(SrStatus.OPEN);
  });
});
