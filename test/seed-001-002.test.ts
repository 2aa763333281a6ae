import { ContactCallTimesSubArea1796010000000 } from '../migrations/1796010000000-ContactCallTimesSubArea';
import { grantedRequest } from './support/access-chain';
import { contactByScin, DEMO } from './support/demo';
import {
  ACCEPT, contactId, DETAILS, errorOf, ok, RECORD, raiseSr, REQUEST, securityCheck, setUpSecurity, START_SR, startedDemoSr,
  startedPreferencesSr, verified,
} from './support/preferences';
import { startTestApp, type TestApp } from './support/test-app';

/** Seeds 001 and 002 loose ends: call times at contact level, the sub area, the SMS step, the owner of a self-service SR. */

const SET_UP = `mutation($input: SetUpSecurityInput!) { setUpSecurity(input: $input) { serviceRequest { id status } } }`;
const CALL_TIMES = `query($id: ID!) { contact(id: $id) { id preferredCallTimes { description plannedStart status recordedAt } } }`;
const SR_STATE = `query($id: ID!) { serviceRequest(id: $id) { id subArea status subStatus owner { staffNumber }
  notes { text } activities { name status outcome outcomeNote } } }`;
const ACCEPT_SMS = `mutation($input: AcceptContactPreferencesChangeInput!) { acceptContactPreferencesChange(input: $input) {
  serviceRequest { id status subStatus owner { staffNumber } } letter { template } smsSent } }`;

let t: TestApp;
beforeEach(async () => {
  t = await startTestApp();
});
afterEach(() => t.close());

const callTimesRow = async (id: string) =>
  (await t.dataSource.query('SELECT description, planned_start, status, recorded_at FROM contact_call_times WHERE contact_id = $1', [id]))[0];
const notesOf = async (srId: string, staff: string) =>
  ok(await t.as(staff)(SR_STATE, { id: srId })).serviceRequest.notes.map((note: any) => note.text as string);

/** A started SECURITY_SET_UP SR about the contact, raised by `staff`. */
async function startedSetUp(staff: string, subject: string) {
  const created = await raiseSr(t, staff, subject, 'SECURITY_SET_UP');
  return ok(await t.as(staff)(START_SR, { input: { id: created.id } })).startServiceRequest.serviceRequest;
}

describe('PREF-7: preferred call times live on the contact (seed 001: taken at security set up)', () => {
  it('PREF-7: security set up records the call times at contact level: planned 2035-01-01, NOT_REQUIRED, shown on Contact', async () => {
    const alice = await contactId(t, DEMO.ordinaryPwc);
    const sr = await startedSetUp('CW1002', alice);
    ok(await t.as('CW1002')(SET_UP, { input: { serviceRequestId: sr.id, ...DETAILS, preferredCallTimes: '  Weekdays after 6pm  ' } }));
    const shown = ok(await t.as('CW1003')(CALL_TIMES, { id: alice })).contact.preferredCallTimes;
    expect(shown).toEqual({
      description: 'Weekdays after 6pm', plannedStart: '2035-01-01T00:00:00.000Z', status: 'NOT_REQUIRED', recordedAt: t.clock.now().toISOString(),
    });
    expect(await notesOf(sr.id, 'CW1002')).toContain('Preferred call times recorded at contact level.');
  });

  it('PREF-7: set up without call times records none; blank or over 200 characters is BAD_USER_INPUT and nothing is set up', async () => {
    const alice = await contactId(t, DEMO.ordinaryPwc);
    const sr = await startedSetUp('CW1002', alice);
    for (const preferredCallTimes of ['   ', 'x'.repeat(201)]) {
      const refused = await t.as('CW1002')(SET_UP, { input: { serviceRequestId: sr.id, ...DETAILS, preferredCallTimes } });
      expect(errorOf(refused)).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['preferredCallTimes'] });
    }
    expect(await t.dataSource.query('SELECT 1 FROM security_account WHERE contact_id = $1', [alice])).toHaveLength(0);
    ok(await t.as('CW1002')(SET_UP, { input: { serviceRequestId: sr.id, ...DETAILS } }));
    expect(ok(await t.as('CW1002')(CALL_TIMES, { id: alice })).contact.preferredCallTimes).toBeNull();
  });

  it('PREF-7: a preference change replaces the contact-level times (old value kept on the change) and still records them on its SR', async () => {
    const brian = await contactId(t, DEMO.ordinaryNrpWithRep);
    const setUp = await startedSetUp('CW1003', brian);
    ok(await t.as('CW1003')(SET_UP, { input: { serviceRequestId: setUp.id, ...DETAILS, preferredCallTimes: 'Mornings' } }));
    expect((await securityCheck(t.as('CW1003'), brian)).passed).toBe(true);
    const sr = await startedDemoSr(t);
    t.clock.advance(60_000);
    const recorded = ok(await t.as('CW1003')(RECORD, { input: { id: sr.id, preferredCallTimes: 'Evenings only' } })).recordContactPreferences;
    expect(recorded.serviceRequest.preferenceChanges).toEqual([
      { field: 'PREFERRED_CALL_TIMES', oldValue: 'Mornings', newValue: 'Evenings only', actorType: 'STAFF' },
    ]);
    expect(recorded.serviceRequest.activities[0]).toMatchObject({
      name: 'Preferred Call Times', status: 'NOT_REQUIRED', plannedStart: '2035-01-01T00:00:00.000Z', description: 'Evenings only',
    });
    const row = await callTimesRow(brian);
    expect(row).toMatchObject({ description: 'Evenings only', status: 'NOT_REQUIRED' });
    expect(new Date(row.recorded_at).toISOString()).toBe(t.clock.now().toISOString());
    expect(new Date(row.planned_start).toISOString()).toBe('2035-01-01T00:00:00.000Z');
  });

  it('PREF-7, SCR-1: a sensitive contact\'s call times reach only those who may see the contact', async () => {
    const chloe = (await contactByScin(t.dataSource, DEMO.sensitivePwc)).id;
    await t.dataSource.query(
      `INSERT INTO contact_call_times (contact_id, description, planned_start, recorded_at) VALUES ($1, 'After school hours', '2035-01-01', now())`,
      [chloe],
    );
    expect(ok(await t.as('SCRM3001')(CALL_TIMES, { id: chloe })).contact.preferredCallTimes.description).toBe('After school hours');
    expect(ok(await t.as('CW1002')(CALL_TIMES, { id: chloe })).contact).toBeNull();
    await grantedRequest(t, { form: { purpose: 'VIEW_CONTACT' } });
    expect(ok(await t.as('CW1002')(CALL_TIMES, { id: chloe })).contact.preferredCallTimes.description).toBe('After school hours');
  });
});

describe('SR-1: a change of contact preferences has the sub area of seed 002', () => {
  it("SR-1: CHANGE_CONTACT_PREFERENCES is CHANGE_OF_CIRCUMSTANCES / CHANGE_PERSONAL_INFO / CHANGE_CONTACT_SECURITY_INFO, new and existing", async () => {
    const alice = await contactId(t, DEMO.ordinaryPwc);
    const created = await raiseSr(t, 'CW1002', alice);
    expect(ok(await t.as('CW1002')(SR_STATE, { id: created.id })).serviceRequest.subArea).toBe('CHANGE_CONTACT_SECURITY_INFO');
    const rows = await t.dataSource.query(
      `SELECT DISTINCT process, area, sub_area FROM service_request WHERE kind = 'CHANGE_CONTACT_PREFERENCES'`,
    );
    expect(rows).toEqual([{ process: 'CHANGE_OF_CIRCUMSTANCES', area: 'CHANGE_PERSONAL_INFO', sub_area: 'CHANGE_CONTACT_SECURITY_INFO' }]);
  });
});

describe('migration 1796010000000: existing rows follow', () => {
  it('PREF-7, SR-1: call times recorded on SRs move to their contact (the latest), existing preference SRs get the new sub area', async () => {
    const sr = await startedDemoSr(t);
    const brian = await contactId(t, DEMO.ordinaryNrpWithRep);
    const runner = t.dataSource.createQueryRunner();
    const migration = new ContactCallTimesSubArea1796010000000();
    try {
      await migration.down(runner);
      expect((await runner.query('SELECT sub_area FROM service_request WHERE id = $1', [sr.id]))[0].sub_area).toBe('CHANGE_CONTACT_PREFERENCES');
      // Two answers recorded on SRs before call times lived on the contact: the later one wins.
      await runner.query(
        `INSERT INTO activity (service_request_id, sequence, name, status, planned_start, description, completed_at)
         VALUES ($1, 0, 'Preferred Call Times', 'NOT_REQUIRED', '2035-01-01', 'Mornings', '2026-01-01'),
                ($1, 0, 'Preferred Call Times', 'NOT_REQUIRED', '2035-01-01', 'Evenings', '2026-02-01')`,
        [sr.id],
      );
      await migration.up(runner);
    } finally {
      await runner.release();
    }
    expect(await callTimesRow(brian)).toMatchObject({ description: 'Evenings', status: 'NOT_REQUIRED' });
    const subAreas = await t.dataSource.query(`SELECT DISTINCT sub_area FROM service_request WHERE kind = 'CHANGE_CONTACT_PREFERENCES'`);
    expect(subAreas).toEqual([{ sub_area: 'CHANGE_CONTACT_SECURITY_INFO' }]);
  });
});

describe('PREF-5 with seed 002 step 10: the SMS after a preference change', () => {
  it('PREF-5: notifyBySms records the SMS on the SR in addition to the confirmation letter', async () => {
    const alice = await contactId(t, DEMO.ordinaryPwc);
    await verified(t, 'CW1002', alice);
    const sr = await startedPreferencesSr(t, 'CW1002', alice);
    ok(await t.as('CW1002')(RECORD, { input: { id: sr.id, preferredContactMethod: 'LETTER' } }));
    const accepted = ok(await t.as('CW1002')(ACCEPT_SMS, { input: { id: sr.id, notifyBySms: true } })).acceptContactPreferencesChange;
    expect(accepted).toMatchObject({ serviceRequest: { status: 'CLOSED', subStatus: 'COMPLETE' }, letter: { template: 'CMSL9547' }, smsSent: true });
    expect((await notesOf(sr.id, 'CW1002')).filter((text: string) => text.startsWith('SMS sent'))).toHaveLength(1);
    const state = ok(await t.as('CW1002')(SR_STATE, { id: sr.id })).serviceRequest;
    expect(state.activities.find((row: any) => row.name === 'Send Confirmation Letter')).toMatchObject({ status: 'DONE', outcome: 'LETTER_GENERATED_AND_SMS_SENT', outcomeNote: 'CMSL9547' });
  });

  it('PREF-5: without notifyBySms no SMS is recorded; with it and no phone held, BAD_USER_INPUT and nothing changes', async () => {
    const alice = await contactId(t, DEMO.ordinaryPwc);
    await verified(t, 'CW1002', alice);
    const sr = await startedPreferencesSr(t, 'CW1002', alice);
    ok(await t.as('CW1002')(RECORD, { input: { id: sr.id, preferredContactMethod: 'LETTER' } }));
    await t.dataSource.query('UPDATE contact SET phone = NULL WHERE id = $1', [alice]);
    const refused = await t.as('CW1002')(ACCEPT_SMS, { input: { id: sr.id, notifyBySms: true } });
    expect(errorOf(refused)).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['notifyBySms'] });
    expect(ok(await t.as('CW1002')(SR_STATE, { id: sr.id })).serviceRequest).toMatchObject({ status: 'IN_PROGRESS', subStatus: 'CONTACT_DETAILS' });
    expect(await t.dataSource.query('SELECT 1 FROM letter WHERE service_request_id = $1', [sr.id])).toHaveLength(0);
    const accepted = ok(await t.as('CW1002')(ACCEPT_SMS, { input: { id: sr.id } })).acceptContactPreferencesChange;
    expect(accepted).toMatchObject({ serviceRequest: { status: 'CLOSED' }, letter: { template: 'CMSL9547' }, smsSent: false });
    expect((await notesOf(sr.id, 'CW1002')).some((text: string) => text.startsWith('SMS'))).toBe(false);
  });
});

describe('SEC-7 twin for preferences: an accepted self-service SR gets an owner', () => {
  it('PREF-5: the caseworker who accepts a self-service preferences SR becomes its owner; a staff SR keeps its owner', async () => {
    const alice = await contactId(t, DEMO.ordinaryPwc);
    await setUpSecurity(t, 'CW1002', alice);
    expect((await securityCheck(t.asClient(alice), alice)).passed).toBe(true);
    const raised = ok(await t.asClient(alice)(REQUEST, { input: { preferredContactMethod: 'EMAIL' } })).requestContactPreferencesChange;
    expect(raised.serviceRequest.owner).toBeNull();
    const accepted = ok(await t.as('CW1003')(ACCEPT, { input: { id: raised.serviceRequest.id } })).acceptContactPreferencesChange;
    expect(accepted.serviceRequest).toMatchObject({ status: 'CLOSED', owner: { staffNumber: 'CW1003' } });

    // Raised by CW1002, accepted by CW1003: the owner stays the one who raised it.
    const sr = await startedPreferencesSr(t, 'CW1002', alice);
    expect((await securityCheck(t.as('CW1003'), alice)).passed).toBe(true);
    ok(await t.as('CW1003')(RECORD, { input: { id: sr.id, preferredContactMethod: 'LETTER' } }));
    const staffAccepted = ok(await t.as('CW1003')(ACCEPT, { input: { id: sr.id } })).acceptContactPreferencesChange;
    expect(staffAccepted.serviceRequest.owner).toEqual({ staffNumber: 'CW1002' });
  });
});
