import { contactByScin, DEMO } from './support/demo';
import { sensitiveDemoSr } from './support/access-chain';
import {
  ACCEPT, BATCH, CANCEL, LETTERS, RECORD, REISSUE, startedPreferencesSr, verified,
} from './support/preferences';
import { casesOf, CREATE_SR, errorOf, fieldsOf, ok } from './support/security';
import { snapshot } from './support/snapshot';
import { startTestApp, type TestApp } from './support/test-app';

/** Symptoms found walking the procedures as a new user would: ownership and writes decided by the data. */

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const caseId = async (caseNumber: string) =>
  (await t.dataSource.query('SELECT id FROM "case" WHERE case_number = $1', [caseNumber]))[0].id as string;

const raise = (staff: string, input: Record<string, unknown>) =>
  t.as(staff)(CREATE_SR, {
    input: { source: { type: 'REPORTING_PERSON', firstName: 'Pat', lastName: 'Caller', role: 'NRP' }, ...input },
  });

describe('SR-7: ownership is data, not the caller', () => {
  it('SR-7: an ENFORCEMENT caseworker cannot raise an SR on a MAINTENANCE case; the owning caseworker raises it in MAINTENANCE', async () => {
    const brian = await contactByScin(t.dataSource, DEMO.ordinaryNrpWithRep);
    const input = { kind: 'SECURITY_SET_UP', subjectContactId: brian.id, caseIds: [await caseId('1200000001')] };
    const before = await snapshot(t.dataSource);
    const refused = await raise('CW2002', input);
    expect(errorOf(refused)).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_PERMITTED' });
    expect(await snapshot(t.dataSource)).toEqual(before);

    const created = ok(await raise('CW1002', input)).createServiceRequest.serviceRequest;
    expect(created).toMatchObject({ segment: 'MAINTENANCE', subjectType: 'NRP', owner: { staffNumber: 'CW1002' } });
    // The owning segment's other caseworker sees it and works it.
    const seen = ok(await t.as('CW1003')('query($id: ID!) { serviceRequest(id: $id) { id segment } }', { id: created.id }));
    expect(seen.serviceRequest).toEqual({ id: created.id, segment: 'MAINTENANCE' });
    expect(ok(await t.as('CW1003')('mutation($id: ID!) { startServiceRequest(input: { id: $id }) { serviceRequest { status } } }', { id: created.id })))
      .toEqual({ startServiceRequest: { serviceRequest: { status: 'IN_PROGRESS' } } });
  });

  it('SR-7: the subject must be a party of every linked case, so SEC-8 cannot be bypassed with another case', async () => {
    const isla = await contactByScin(t.dataSource, 'SC0000009'); // party of the CSA-arrears-only case only
    const before = await snapshot(t.dataSource);
    const wrongCase = await raise('CW1002', { kind: 'SECURITY_SET_UP', subjectContactId: isla.id, caseIds: [await caseId('1200000001')] });
    expect(errorOf(wrongCase).code).toBe('BAD_USER_INPUT');
    expect(fieldsOf(wrongCase)).toEqual(['caseIds[0]']);
    expect(await snapshot(t.dataSource)).toEqual(before);
    const ownCase = await raise('CW1002', { kind: 'SECURITY_SET_UP', subjectContactId: isla.id, caseIds: [await caseId('1200000005')] });
    expect(errorOf(ownCase)).toMatchObject({ code: 'CONFLICT', reason: 'CSA_ARREARS_ONLY' });
  });

  it('SR-7: the subject type is the party\'s role on the case (never input), and the source role is one of the listed roles', async () => {
    const daniel = await contactByScin(t.dataSource, DEMO.ordinaryNrpSameCase);
    const cases = [await caseId(DEMO.caseWithSensitivePwc)];
    const typed = await raise('CW1002', { kind: 'CHANGE_CONTACT_PREFERENCES', subjectContactId: daniel.id, subjectType: 'PWC', caseIds: cases });
    expect(typed.status).toBe(400);
    const badRole = await t.as('CW1002')(CREATE_SR, {
      input: { kind: 'CHANGE_CONTACT_PREFERENCES', subjectContactId: daniel.id, caseIds: cases, source: { type: 'REPORTING_PERSON', firstName: 'A', lastName: 'B', role: 'BOSS' } },
    });
    expect(badRole.status).toBe(400);
    const created = ok(await raise('CW1002', { kind: 'CHANGE_CONTACT_PREFERENCES', subjectContactId: daniel.id, caseIds: cases })).createServiceRequest.serviceRequest;
    expect(created.subjectType).toBe('NRP');
  });

  it('SR-7: an SR about a sensitive contact belongs to the SCR segment whatever her case; only those who may see her raise it', async () => {
    const chloe = await contactByScin(t.dataSource, DEMO.sensitivePwc);
    const input = { kind: 'CHANGE_CONTACT_PREFERENCES', subjectContactId: chloe.id, caseIds: [await caseId(DEMO.caseWithSensitivePwc)] };
    // A MAINTENANCE caseworker does not see her: the contact answers as missing.
    expect(fieldsOf(await raise('CW1002', input))).toEqual(['subjectContactId']);
    const created = ok(await raise('SCRC3002', input)).createServiceRequest.serviceRequest;
    expect(created).toMatchObject({ segment: 'SCR', subjectType: 'PWC', owner: { staffNumber: 'SCRC3002' } });
    expect(ok(await t.as('CW1003')('query($id: ID!) { serviceRequest(id: $id) { id } }', { id: created.id })).serviceRequest).toBeNull();
  });

  it('SR-7: cases of different segments, or different roles on them, make no SR', async () => {
    const representative = (await t.dataSource.query(`SELECT id FROM contact WHERE first_name = 'Mona'`))[0].id;
    const mixed = await raise('CW1002', {
      kind: 'CHANGE_CONTACT_PREFERENCES', subjectContactId: representative, caseIds: [await caseId('1200000001'), await caseId('1200000003')],
    });
    expect(errorOf(mixed).code).toBe('BAD_USER_INPUT');
    const own = ok(await raise('CW1002', { kind: 'CHANGE_CONTACT_PREFERENCES', subjectContactId: representative, caseIds: (await casesOf(t.dataSource, representative)).map((k) => k.id) }));
    expect(own.createServiceRequest.serviceRequest.subjectType).toBe('REPRESENTATIVE');
  });
});

describe('SR-5: letters belong to their SR and inherit who may act on it', () => {
  it('SR-5: a caseworker of another segment can neither cancel nor reissue a MAINTENANCE SR\'s letter', async () => {
    const alice = await contactByScin(t.dataSource, DEMO.ordinaryPwc);
    const sr = await startedPreferencesSr(t, 'CW1002', alice.id);
    await verified(t, 'CW1002', alice.id);
    ok(await t.as('CW1002')(RECORD, { input: { id: sr.id, preferredCallTimes: 'Mornings' } }));
    const letter = ok(await t.as('CW1002')(ACCEPT, { input: { id: sr.id } })).acceptContactPreferencesChange.letter;
    const before = await snapshot(t.dataSource);
    expect(errorOf(await t.as('CW2002')(CANCEL, { id: letter.id }))).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_PERMITTED' });
    expect(await snapshot(t.dataSource)).toEqual(before);
    ok(await t.as('TL1001')(BATCH));
    const sentSnapshot = await snapshot(t.dataSource);
    expect(errorOf(await t.as('CW2002')(REISSUE, { id: letter.id }))).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_PERMITTED' });
    expect(await snapshot(t.dataSource)).toEqual(sentSnapshot);
    // The owning segment can.
    expect(ok(await t.as('CW1003')(REISSUE, { id: letter.id })).reissueLetter.reissue.reissueOfId).toBe(letter.id);
  });
});

describe('SCR-1: no write acts on a contact the caller may not see', () => {
  it('SCR-1: recording or accepting preferences on an SR of a sensitive subject is refused before anything is read or written', async () => {
    const sr = await sensitiveDemoSr(t.dataSource); // MAINTENANCE SR about Chloe, owned by CW1002
    // Make it a preferences SR ready to record and accept, so the only thing in the way is the caller's access.
    const chloe = sr.subjectContactId;
    await t.dataSource.query(`UPDATE service_request SET kind = 'CHANGE_CONTACT_PREFERENCES', status = 'IN_PROGRESS', sub_status = 'CONTACT_DETAILS' WHERE id = $1`, [sr.id]);
    await t.dataSource.query(`INSERT INTO special_requirement (contact_id, type, value, created_at) VALUES ($1, 'SIGHT', 'BRAILLE', now())`, [chloe]);
    const before = await snapshot(t.dataSource);
    for (const [operation, input] of [[RECORD, { id: sr.id, preferredLanguage: 'WELSH', removeRequirements: [{ type: 'SIGHT', value: 'BRAILLE' }] }], [ACCEPT, { id: sr.id }]] as const) {
      const refused = await t.as('CW1002')(operation, { input });
      expect(errorOf(refused)).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_PERMITTED' });
      // Nothing of hers in the answer: no requirement, self-service status or letter id.
      expect(JSON.stringify(refused)).not.toMatch(/BRAILLE|SIGHT|REGISTERED|letterIds|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/);
    }
    expect(await snapshot(t.dataSource)).toEqual(before);
    const letters = ok(await t.as('SCRC3002')(LETTERS, { filter: { contactId: chloe } })).letters;
    expect(letters.totalCount).toBe(0);
  });

  it('SCR-1: a security check with a hidden contact answers as for a missing one', async () => {
    const chloe = await contactByScin(t.dataSource, DEMO.sensitivePwc);
    const start = 'mutation($id: ID!) { startSecurityCheck(input: { contactId: $id }) { challenge { id } } }';
    const hidden = await t.as('CW1002')(start, { id: chloe.id });
    const missing = await t.as('CW1002')(start, { id: '00000000-0000-4000-8000-000000000000' });
    expect(errorOf(hidden)).toEqual(errorOf(missing));
    expect(errorOf(hidden).code).toBe('NOT_FOUND');
  });
});
