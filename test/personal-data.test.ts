import { decodeCursor } from '../src/common/connection';
import { contactByScin, DEMO } from './support/demo';
import { APPROVE, CHECK, formFor, GRANT, grantedRequest, ok, sensitiveDemoSr, SUBMIT } from './support/access-chain';
import { errorOf } from './support/security';
import { startTestApp, type TestApp } from './support/test-app';

/** Personal data follows its contact, field by field; a self-service client gets their own projection. */

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const SR_DETAIL = `query($id: ID!) { serviceRequest(id: $id) { id sourceName sourceRole
  activities { name description outcome outcomeNote } notes { text } preferenceChanges { oldValue newValue } } }`;

describe('SCR-3: what an SR says about a sensitive subject shows only to those who may see her', () => {
  it('SCR-3: preferred call times, typed outcomes and notes are hidden from the segment, shown to the SCR team and a grant holder', async () => {
    const sr = await sensitiveDemoSr(t.dataSource);
    await t.dataSource.query(
      `INSERT INTO activity (service_request_id, sequence, name, status, planned_start, description, outcome, outcome_note)
       VALUES ($1, 0, 'Preferred Call Times', 'NOT_REQUIRED', '2035-01-01', 'Weekdays after 6pm, not at work', 'OTHER', 'Spoke to Chloe')`, [sr.id]);
    await t.dataSource.query(`INSERT INTO service_request_note (service_request_id, text, created_at) VALUES ($1, 'Chloe asked us not to call her at work', now())`, [sr.id]);

    const segment = ok(await t.as('CW1003')(SR_DETAIL, { id: sr.id })).serviceRequest;
    expect(segment.activities).toEqual([{ name: 'Preferred Call Times', description: null, outcome: null, outcomeNote: null }]);
    expect(segment.notes).toEqual([{ text: null }]);
    expect(segment).toMatchObject({ sourceName: null, sourceRole: null });
    expect(JSON.stringify(segment)).not.toMatch(/6pm|Chloe/);

    const scr = ok(await t.as('SCRM3001')(SR_DETAIL, { id: sr.id })).serviceRequest;
    expect(scr.activities[0].description).toBe('Weekdays after 6pm, not at work');
    expect(scr.activities[0]).toMatchObject({ outcome: 'OTHER', outcomeNote: 'Spoke to Chloe' });
    expect(scr.notes[0].text).toBe('Chloe asked us not to call her at work');

    await grantedRequest(t);
    const granted = ok(await t.as('CW1002')(SR_DETAIL, { id: sr.id })).serviceRequest;
    expect(granted.activities[0].description).toBe('Weekdays after 6pm, not at work');
    // Still hidden from the colleague without a grant.
    expect(ok(await t.as('CW1003')(SR_DETAIL, { id: sr.id })).serviceRequest.activities[0].description).toBeNull();
  });

  it('SCR-3: recordActivityOutcome cannot be used to read them: the caller may not work that SR', async () => {
    const sr = await sensitiveDemoSr(t.dataSource);
    const [activity] = await t.dataSource.query(`SELECT id FROM activity WHERE service_request_id = $1 AND name = 'Preferred Call Times'`, [sr.id]);
    const res = await t.as('CW1003')('mutation($id: ID!) { recordActivityOutcome(input: { activityId: $id, status: DONE }) { activity { description } } }', { id: activity.id });
    expect(errorOf(res)).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_PERMITTED' });
    expect(JSON.stringify(res)).not.toMatch(/6pm/);
  });
});

describe('SCR-5: a self-service client sees their own record, cases and SRs, never staff records or internal notes', () => {
  it('SCR-5: the owner and the notes of an SR about the client are not shown to the client', async () => {
    const alice = await contactByScin(t.dataSource, DEMO.ordinaryPwc);
    const [kase] = await t.dataSource.query(`SELECT id FROM "case" WHERE case_number = '1200000001'`);
    const created = ok(await t.as('CW1002')(`mutation($input: CreateServiceRequestInput!) { createServiceRequest(input: $input) { serviceRequest { id } } }`, {
      input: { kind: 'CHANGE_CONTACT_PREFERENCES', subjectContactId: alice.id, caseIds: [kase.id], note: 'Sounded stressed; internal only',
        source: { type: 'REPORTING_PERSON', firstName: 'Alice', lastName: 'Archer', role: 'PWC' } },
    })).createServiceRequest.serviceRequest;
    const staffView = ok(await t.as('CW1002')(`query($id: ID!) { serviceRequest(id: $id) { owner { staffNumber } notes { text } } }`, { id: created.id }));
    expect(staffView.serviceRequest).toEqual({ owner: { staffNumber: 'CW1002' }, notes: [{ text: 'Sounded stressed; internal only' }] });

    const own = await t.asClient(alice.id)(`query($id: ID!) { serviceRequest(id: $id) { id owner { staffNumber firstName workPhone } notes { text } }
      me { staff { staffNumber } contact { id } } }`, { id: created.id });
    expect(own.errors).toBeUndefined();
    expect(own.data.serviceRequest).toEqual({ id: created.id, owner: null, notes: [] });
    expect(own.data.me).toEqual({ staff: null, contact: { id: alice.id } });
    expect(JSON.stringify(own)).not.toMatch(/CW1002|stressed|0191/);
  });
});

describe('TAR-9 and SCR-6: the form names one contact, the subject of its SR, and is no oracle', () => {
  it('TAR-9: a form cannot carry another contact: hidden, random or other ids are refused with the same words', async () => {
    const frank = await contactByScin(t.dataSource, DEMO.sensitiveNrp);
    const count = async () => (await t.dataSource.query('SELECT count(*)::int AS n FROM access_request'))[0].n;
    const before = await count();
    const hidden = await t.as('CW1002')(SUBMIT, { input: await formFor(t.dataSource, { contactId: frank.id }) });
    const random = await t.as('CW1002')(SUBMIT, { input: await formFor(t.dataSource, { contactId: '6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f' }) });
    expect(errorOf(hidden).code).toBe('BAD_USER_INPUT');
    expect(hidden.errors).toEqual(random.errors);
    expect(await count()).toBe(before);
  });

  it('TAR-9: every approver knows whom the grant covers, as far as they may see her; the grant reveals exactly her', async () => {
    const chloe = await contactByScin(t.dataSource, DEMO.sensitivePwc);
    const frank = await contactByScin(t.dataSource, DEMO.sensitiveNrp);
    // CW1003 holds no grant: the requester knows her only by what they typed on the form.
    const form = await formFor(t.dataSource, { staffNumber: 'CW1003', grade: 'AO', contactId: chloe.id });
    const submitted = ok(await t.as('CW1003')(SUBMIT, { input: form })).submitAccessRequest.accessRequest;
    const view = `query($id: ID!) { accessRequest(id: $id) { serviceRequestId contact { id } clientName scin nino } }`;
    const tl = ok(await t.as('TL1001')(view, { id: submitted.id })).accessRequest;
    expect(tl).toEqual({ serviceRequestId: (await sensitiveDemoSr(t.dataSource)).id, contact: null, clientName: null, scin: null, nino: null });
    const requester = ok(await t.as('CW1003')(view, { id: submitted.id })).accessRequest;
    expect(requester).toMatchObject({ contact: null, clientName: 'Chloe Baker', scin: DEMO.sensitivePwc });
    const reviewer = ok(await t.as('SECR5001')(view, { id: submitted.id })).accessRequest;
    expect(reviewer).toMatchObject({ contact: null, clientName: null, nino: null });
    ok(await t.as('TL1001')(CHECK, { input: { id: submitted.id } }));
    const scrView = ok(await t.as('SCRM3001')(view, { id: submitted.id })).accessRequest;
    expect(scrView).toMatchObject({ contact: { id: chloe.id }, clientName: 'Chloe Baker' });
    ok(await t.as('SCRM3001')(APPROVE, { id: submitted.id }));
    ok(await t.as('FLLS4001')(GRANT, { input: { id: submitted.id, grantedHours: 2 } }));
    const seen = async (id: string) => ok(await t.as('CW1003')('query($id: ID!) { contact(id: $id) { id } }', { id })).contact;
    expect(await seen(chloe.id)).toEqual({ id: chloe.id });
    expect(await seen(frank.id)).toBeNull();
  });

  it('SCR-6: cursors are opaque: no name inside, and an edited or forged one is bad input', async () => {
    const page = ok(await t.as('CW1002')('{ contacts(first: 2) { edges { cursor node { lastName firstName } } pageInfo { endCursor } } }')).contacts;
    for (const edge of page.edges) {
      const raw = Buffer.from(edge.cursor, 'base64url').toString('latin1');
      expect(raw).not.toContain(edge.node.lastName);
      expect(raw).not.toContain(edge.node.firstName);
    }
    expect(() => decodeCursor(t.config.secretsKey, 'c.last_name,c.first_name,c.id ASC', page.pageInfo.endCursor, 3)).not.toThrow();
    const forged = Buffer.from(JSON.stringify(['Archer', 'Alice', '00000000-0000-4000-8000-000000000000'])).toString('base64url');
    const edited = page.pageInfo.endCursor.slice(0, -2) + (page.pageInfo.endCursor.endsWith('A') ? 'BA' : 'AA');
    for (const after of [forged, edited]) {
      const res = await t.as('CW1002')('query($after: String) { contacts(first: 2, after: $after) { totalCount } }', { after });
      expect(errorOf(res).code).toBe('BAD_USER_INPUT');
    }
  });
});
