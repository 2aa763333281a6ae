import { DEMO } from './support/demo';
import {
  ACCEPT, acceptedChange, BATCH, CONTACT_QUERY, contactId, DUE_WORK, errorOf, ok, raiseSr, RECORD, REQUEST, rowCounts,
  securityCheck, setUpSecurity, SR_QUERY, startedDemoSr, startedPreferencesSr, verified,
} from './support/preferences';
import { codesOf, startTestApp, type TestApp } from './support/test-app';

let t: TestApp;
beforeEach(async () => {
  t = await startTestApp();
});
afterEach(() => t.close());

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const contactRow = async (id: string) =>
  (await t.dataSource.query('SELECT preferred_contact_method AS method, preferred_language AS language FROM contact WHERE id = $1', [id]))[0];
const requirementsOf = async (id: string) =>
  (await t.dataSource.query('SELECT type, value FROM special_requirement WHERE contact_id = $1 ORDER BY type, value', [id]));
const srRow = async (id: string) =>
  (await t.dataSource.query('SELECT status, sub_status, resolution_code, next_action_due, segment, owner_id, source_type FROM service_request WHERE id = $1', [id]))[0];

describe('PREF-1: telephone by default; the five options', () => {
  it('PREF-1: every demo client starts on TELEPHONE and the options are exactly TELEPHONE, LETTER, EMAIL, SMS, SELF_SERVICE', async () => {
    const brian = await contactId(t, DEMO.ordinaryNrpWithRep);
    expect(ok(await t.as('CW1003')(CONTACT_QUERY, { id: brian })).contact).toMatchObject({ preferredContactMethod: 'TELEPHONE' });
    const defaults = await t.dataSource.query(`SELECT DISTINCT preferred_contact_method AS m FROM contact`);
    expect(defaults).toEqual([{ m: 'TELEPHONE' }]);
    const [column] = await t.dataSource.query(
      `SELECT column_default FROM information_schema.columns WHERE table_name = 'contact' AND column_name = 'preferred_contact_method'`);
    expect(column.column_default).toMatch(/^'TELEPHONE'/);
    const type = ok(await t.as('CW1003')('{ __type(name: "ContactMethod") { enumValues { name } } }')).__type;
    expect(type.enumValues.map((value: any) => value.name)).toEqual(['TELEPHONE', 'LETTER', 'EMAIL', 'SMS', 'SELF_SERVICE']);
  });

  it('PREF-1: a caseworker records LETTER for a verified client; the change is kept on the SR (from -> to)', async () => {
    const sr = await startedDemoSr(t);
    const brian = await contactId(t, DEMO.ordinaryNrpWithRep);
    await verified(t, 'CW1003', brian);
    const res = ok(await t.as('CW1003')(RECORD, { input: { id: sr.id, expectedVersion: sr.version, preferredContactMethod: 'LETTER' } }));
    expect(res.recordContactPreferences.contact).toMatchObject({ id: brian, preferredContactMethod: 'LETTER' });
    expect(res.recordContactPreferences.serviceRequest).toMatchObject({
      status: 'IN_PROGRESS',
      subStatus: 'CONTACT_DETAILS',
      preferenceChanges: [{ field: 'PREFERRED_CONTACT_METHOD', oldValue: 'TELEPHONE', newValue: 'LETTER', actorType: 'STAFF' }],
    });
    expect(await contactRow(brian)).toEqual({ method: 'LETTER', language: 'ENGLISH' });
  });
});

describe('PREF-2: SELF_SERVICE only for a client registered and active on self service', () => {
  it('PREF-2: refused for a client not registered (BAD_USER_INPUT on preferredContactMethod); nothing else of the change is kept', async () => {
    const sr = await startedDemoSr(t);
    const brian = await contactId(t, DEMO.ordinaryNrpWithRep);
    await verified(t, 'CW1003', brian);
    const before = await rowCounts(t.dataSource);
    const res = await t.as('CW1003')(RECORD, {
      input: { id: sr.id, preferredContactMethod: 'SELF_SERVICE', preferredLanguage: 'WELSH', addRequirements: [{ type: 'SIGHT', value: 'BRAILLE' }] },
    });
    expect(errorOf(res)).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['preferredContactMethod'] });
    expect(await rowCounts(t.dataSource)).toEqual(before);
    expect(await contactRow(brian)).toEqual({ method: 'TELEPHONE', language: 'ENGLISH' });
    expect(await srRow(sr.id)).toMatchObject({ status: 'IN_PROGRESS', sub_status: null });
  });

  it('PREF-2: refused once the client is registered but no longer active; allowed while active', async () => {
    const alice = await contactId(t, DEMO.ordinaryPwc);
    const sr = await startedPreferencesSr(t, 'CW1002', alice);
    await verified(t, 'CW1002', alice);
    await t.dataSource.query(`UPDATE contact SET self_service_status = 'REGISTERED_INACTIVE' WHERE id = $1`, [alice]);
    const refused = await t.as('CW1002')(RECORD, { input: { id: sr.id, preferredContactMethod: 'SELF_SERVICE' } });
    expect(errorOf(refused)).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['preferredContactMethod'] });
    expect((await contactRow(alice)).method).toBe('TELEPHONE');

    await t.dataSource.query(`UPDATE contact SET self_service_status = 'REGISTERED_ACTIVE' WHERE id = $1`, [alice]);
    const res = ok(await t.as('CW1002')(RECORD, { input: { id: sr.id, preferredContactMethod: 'SELF_SERVICE' } }));
    expect(res.recordContactPreferences.contact).toMatchObject({ preferredContactMethod: 'SELF_SERVICE', selfServiceStatus: 'REGISTERED_ACTIVE' });
    expect((await contactRow(alice)).method).toBe('SELF_SERVICE');
  });
});

describe('PREF-3: own preferences only, after a passed security check in the same contact', () => {
  it('PREF-3: without a passed check the change is a CONFLICT (SECURITY_CHECK_REQUIRED) and nothing changes', async () => {
    const sr = await startedDemoSr(t);
    const brian = await contactId(t, DEMO.ordinaryNrpWithRep);
    await setUpSecurity(t, 'CW1003', brian);
    const before = await rowCounts(t.dataSource);
    const res = await t.as('CW1003')(RECORD, { input: { id: sr.id, preferredContactMethod: 'EMAIL' } });
    expect(errorOf(res)).toMatchObject({ code: 'CONFLICT', reason: 'SECURITY_CHECK_REQUIRED' });
    expect(await rowCounts(t.dataSource)).toEqual(before);
    expect((await contactRow(brian)).method).toBe('TELEPHONE');

    // A failed check does not count either.
    expect((await securityCheck(t.as('CW1003'), brian, { wrong: true })).passed).toBe(false);
    expect(errorOf(await t.as('CW1003')(RECORD, { input: { id: sr.id, preferredContactMethod: 'EMAIL' } })).reason).toBe('SECURITY_CHECK_REQUIRED');
    expect((await contactRow(brian)).method).toBe('TELEPHONE');
  });

  it('PREF-3: a passed check verifies this contact only (the call), not a later one, nor another client', async () => {
    const sr = await startedDemoSr(t);
    const brian = await contactId(t, DEMO.ordinaryNrpWithRep);
    const alice = await contactId(t, DEMO.ordinaryPwc);
    // Alice (same case) passing her check does not verify Brian.
    await verified(t, 'CW1003', alice);
    await setUpSecurity(t, 'CW1003', brian);
    expect(errorOf(await t.as('CW1003')(RECORD, { input: { id: sr.id, preferredContactMethod: 'SMS' } })).reason).toBe('SECURITY_CHECK_REQUIRED');
    expect((await securityCheck(t.as('CW1003'), brian)).passed).toBe(true);
    ok(await t.as('CW1003')(RECORD, { input: { id: sr.id, preferredContactMethod: 'SMS' } }));
    expect((await contactRow(brian)).method).toBe('SMS');
    // A later contact (the verification of that call is over) needs a new check.
    t.clock.advance(2 * HOUR);
    expect(errorOf(await t.as('CW1003')(RECORD, { input: { id: sr.id, preferredContactMethod: 'EMAIL' } })).reason).toBe('SECURITY_CHECK_REQUIRED');
    expect((await contactRow(brian)).method).toBe('SMS');
  });

  it('PREF-3: a change reported by someone other than the client (another party) is refused: NOT_OWN_PREFERENCES', async () => {
    const brian = await contactId(t, DEMO.ordinaryNrpWithRep);
    const sr = await startedPreferencesSr(t, 'CW1002', brian, 'PWC');
    await verified(t, 'CW1002', brian);
    const before = await rowCounts(t.dataSource);
    expect(errorOf(await t.as('CW1002')(RECORD, { input: { id: sr.id, preferredContactMethod: 'LETTER' } })))
      .toMatchObject({ code: 'CONFLICT', reason: 'NOT_OWN_PREFERENCES' });
    expect(await rowCounts(t.dataSource)).toEqual(before);
  });

  it('PREF-3: the reporting person must be the subject, not any paying parent: another NRP reporting is NOT_OWN_PREFERENCES', async () => {
    const brian = await contactId(t, DEMO.ordinaryNrpWithRep);
    const sr = await startedPreferencesSr(t, 'CW1002', brian, 'NRP', { firstName: 'Daniel', lastName: 'Baker' });
    await verified(t, 'CW1002', brian);
    expect(errorOf(await t.as('CW1002')(RECORD, { input: { id: sr.id, preferredContactMethod: 'LETTER' } })))
      .toMatchObject({ code: 'CONFLICT', reason: 'NOT_OWN_PREFERENCES' });
    // The client themselves (names compared without case or spaces around) may.
    const own = await startedPreferencesSr(t, 'CW1002', await contactId(t, DEMO.ordinaryPwc), 'PWC', { firstName: ' alice ', lastName: 'ARCHER' });
    await verified(t, 'CW1002', await contactId(t, DEMO.ordinaryPwc));
    ok(await t.as('CW1002')(RECORD, { input: { id: own.id, preferredContactMethod: 'LETTER' } }));
  });

  it("PREF-3: in the same contact: a caseworker's phone check verifies that call only, not the client's self service nor another caseworker's call", async () => {
    const alice = await contactId(t, DEMO.ordinaryPwc);
    await verified(t, 'CW1002', alice);
    // Alice signs in to self service: the caseworker's check does not verify her session.
    const refused = await t.asClient(alice)(REQUEST, { input: { preferredContactMethod: 'LETTER' } });
    expect(errorOf(refused)).toMatchObject({ code: 'CONFLICT', reason: 'SECURITY_CHECK_REQUIRED' });
    // Her own check online does.
    expect((await securityCheck(t.asClient(alice), alice)).passed).toBe(true);
    const raised = ok(await t.asClient(alice)(REQUEST, { input: { preferredContactMethod: 'LETTER' } })).requestContactPreferencesChange.serviceRequest;
    // Neither her online check nor CW1002's call verifies another caseworker's call with her.
    expect(errorOf(await t.as('CW1003')(RECORD, { input: { id: raised.id, preferredContactMethod: 'EMAIL' } })).reason).toBe('SECURITY_CHECK_REQUIRED');
    // The caseworker who checked her on this call may.
    ok(await t.as('CW1002')(RECORD, { input: { id: raised.id, preferredContactMethod: 'EMAIL' } }));
  });

  it("PREF-3: a self-service client cannot touch another client's SR or preferences: NOT_FOUND, nothing changes", async () => {
    const sr = await startedDemoSr(t);
    const alice = await contactId(t, DEMO.ordinaryPwc);
    const brian = await contactId(t, DEMO.ordinaryNrpWithRep);
    await verified(t, 'CW1003', brian);
    await verified(t, 'CW1003', alice, t.asClient(alice));
    const aliceClient = t.asClient(alice);
    const before = await rowCounts(t.dataSource);
    expect(errorOf(await aliceClient(RECORD, { input: { id: sr.id, preferredContactMethod: 'LETTER' } }))).toMatchObject({ code: 'NOT_FOUND' });
    expect(ok(await aliceClient(CONTACT_QUERY, { id: brian })).contact).toBeNull();
    expect(ok(await aliceClient(SR_QUERY, { id: sr.id })).serviceRequest).toBeNull();
    // Staff-only intents are refused outright.
    expect(codesOf(await aliceClient(ACCEPT, { input: { id: sr.id } }))).toEqual(['FORBIDDEN']);
    // Staff who do not work SRs cannot record a change either.
    for (const who of ['FLLS4001', 'SECR5001']) {
      expect(codesOf(await t.as(who)(RECORD, { input: { id: sr.id, preferredContactMethod: 'LETTER' } }))).toEqual(['FORBIDDEN']);
    }
    expect(await rowCounts(t.dataSource)).toEqual(before);
    expect((await contactRow(brian)).method).toBe('TELEPHONE');
  });

  it('PREF-3: self service: a client raises their own change only after passing their own check; the SR is theirs', async () => {
    const alice = await contactId(t, DEMO.ordinaryPwc);
    await setUpSecurity(t, 'CW1002', alice);
    const client = t.asClient(alice);
    const before = await rowCounts(t.dataSource);
    const refused = await client(REQUEST, { input: { preferredContactMethod: 'SELF_SERVICE' } });
    expect(errorOf(refused)).toMatchObject({ code: 'CONFLICT', reason: 'SECURITY_CHECK_REQUIRED' });
    expect(await rowCounts(t.dataSource)).toEqual(before);

    expect((await securityCheck(client, alice)).passed).toBe(true);
    const raised = ok(await client(REQUEST, { input: { preferredContactMethod: 'SELF_SERVICE', preferredCallTimes: 'Evenings' } }))
      .requestContactPreferencesChange;
    expect(raised.contact).toMatchObject({ id: alice, preferredContactMethod: 'SELF_SERVICE' });
    expect(raised.serviceRequest).toMatchObject({
      kind: 'CHANGE_CONTACT_PREFERENCES', status: 'IN_PROGRESS', subStatus: 'CONTACT_DETAILS', sourceType: 'PWC_SELF_SERVICE',
      subjectType: 'PWC', segment: 'MAINTENANCE', owner: null,
    });
    expect(raised.serviceRequest.preferenceChanges.map((change: any) => [change.field, change.actorType])).toEqual([
      ['PREFERRED_CONTACT_METHOD', 'CLIENT'], ['PREFERRED_CALL_TIMES', 'CLIENT'],
    ]);
    const [row] = await t.dataSource.query('SELECT subject_contact_id FROM service_request WHERE id = $1', [raised.serviceRequest.id]);
    expect(row.subject_contact_id).toBe(alice);
    // She may add to her own SR while verified, but staff cannot use the self-service intent.
    ok(await client(RECORD, { input: { id: raised.serviceRequest.id, preferredLanguage: 'WELSH' } }));
    expect((await contactRow(alice)).language).toBe('WELSH');
    expect(errorOf(await t.as('CW1002')(REQUEST, { input: { preferredContactMethod: 'LETTER' } }))).toMatchObject({ code: 'FORBIDDEN' });
    // One open request at a time.
    expect(errorOf(await client(REQUEST, { input: { preferredContactMethod: 'EMAIL' } }))).toMatchObject({ code: 'CONFLICT', reason: 'CHANGE_ALREADY_OPEN' });
  });
});

describe('PREF-4: disability category and special requirements by type', () => {
  it('PREF-4: records a category and requirements of each type; both enums are exactly the listed values', async () => {
    const sr = await startedDemoSr(t);
    const brian = await contactId(t, DEMO.ordinaryNrpWithRep);
    await verified(t, 'CW1003', brian);
    const res = ok(await t.as('CW1003')(RECORD, {
      input: {
        id: sr.id,
        disabilityCategory: 'DEAF_HARD_OF_HEARING',
        addRequirements: [
          { type: 'HEARING', value: 'INDUCTION_LOOP' }, { type: 'HEARING', value: 'SIGNER' }, { type: 'HEARING', value: 'TEXT_BOX' },
          { type: 'MOBILITY', value: 'WIDER_DOORWAYS' }, { type: 'SIGHT', value: 'AUDIO_CD' }, { type: 'SPEECH', value: 'SIGNER' },
          { type: 'SPEECH', value: 'TEXT_BOX' },
        ],
      },
    })).recordContactPreferences;
    expect(res.contact.disabilityCategory).toBe('DEAF_HARD_OF_HEARING');
    expect(res.contact.specialRequirements).toEqual([
      { type: 'HEARING', value: 'INDUCTION_LOOP' }, { type: 'HEARING', value: 'SIGNER' }, { type: 'HEARING', value: 'TEXT_BOX' },
      { type: 'MOBILITY', value: 'WIDER_DOORWAYS' }, { type: 'SIGHT', value: 'AUDIO_CD' }, { type: 'SPEECH', value: 'SIGNER' },
      { type: 'SPEECH', value: 'TEXT_BOX' },
    ]);
    expect(await requirementsOf(brian)).toHaveLength(7);
    const [{ category }] = await t.dataSource.query('SELECT category FROM contact_disability WHERE contact_id = $1', [brian]);
    expect(category).toBe('DEAF_HARD_OF_HEARING');
    const enums = ok(await t.as('CW1003')(`{ c: __type(name: "DisabilityCategory") { enumValues { name } }
      t: __type(name: "SpecialRequirementType") { enumValues { name } } }`));
    expect(enums.c.enumValues.map((v: any) => v.name)).toEqual([
      'BLIND_PARTIALLY_SIGHTED', 'COGNITIVE_IMPAIRMENT', 'DEAF_HARD_OF_HEARING', 'LEARNING_DISABILITY', 'LONG_TERM_HEALTH_CONDITION',
      'MENTAL_HEALTH', 'PHYSICAL_IMPAIRMENT', 'OTHER',
    ]);
    expect(enums.t.enumValues.map((v: any) => v.name)).toEqual(['HEARING', 'MOBILITY', 'SIGHT', 'SPEECH']);
  });

  it('PREF-4: one spelling per value: HEARING and SPEECH share TEXT_BOX as they share SIGNER; TEXTBOX is no value', async () => {
    const values = ok(await t.as('CW1003')('{ v: __type(name: "SpecialRequirementValue") { enumValues { name } } }')).v.enumValues;
    expect(values.map((v: any) => v.name)).toEqual([
      'INDUCTION_LOOP', 'SIGNER', 'LIFTS', 'RAMPS', 'WIDER_DOORWAYS', 'AUDIO_CD', 'AUDIO_CASSETTE', 'BRAILLE', 'LARGE_PRINT', 'TEXT_BOX',
    ]);
    const sr = await startedDemoSr(t);
    const brian = await contactId(t, DEMO.ordinaryNrpWithRep);
    await verified(t, 'CW1003', brian);
    const before = await rowCounts(t.dataSource);
    const old = await t.as('CW1003')(RECORD, { input: { id: sr.id, addRequirements: [{ type: 'HEARING', value: 'TEXTBOX' }] } });
    expect(errorOf(old)).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(await rowCounts(t.dataSource)).toEqual(before);
  });

  it.each([
    ['HEARING', 'RAMPS'], ['HEARING', 'LARGE_PRINT'], ['MOBILITY', 'SIGNER'], ['SIGHT', 'INDUCTION_LOOP'], ['SPEECH', 'INDUCTION_LOOP'], ['SPEECH', 'BRAILLE'],
  ])('PREF-4: %s / %s is outside its type: BAD_USER_INPUT naming the value, nothing stored', async (type, value) => {
    const sr = await startedDemoSr(t);
    const brian = await contactId(t, DEMO.ordinaryNrpWithRep);
    await verified(t, 'CW1003', brian);
    const before = await rowCounts(t.dataSource);
    const res = await t.as('CW1003')(RECORD, {
      input: { id: sr.id, disabilityCategory: 'OTHER', addRequirements: [{ type: 'SIGHT', value: 'LARGE_PRINT' }, { type, value }] },
    });
    expect(errorOf(res)).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['addRequirements[1].value'] });
    expect(await rowCounts(t.dataSource)).toEqual(before);
    expect(await requirementsOf(brian)).toEqual([]);
  });

  it('PREF-4: requirements and the category can be removed; removing one not recorded is BAD_USER_INPUT', async () => {
    const sr = await startedDemoSr(t);
    const brian = await contactId(t, DEMO.ordinaryNrpWithRep);
    await verified(t, 'CW1003', brian);
    ok(await t.as('CW1003')(RECORD, {
      input: { id: sr.id, disabilityCategory: 'PHYSICAL_IMPAIRMENT', addRequirements: [{ type: 'MOBILITY', value: 'LIFTS' }, { type: 'MOBILITY', value: 'RAMPS' }] },
    }));
    const res = ok(await t.as('CW1003')(RECORD, {
      input: { id: sr.id, removeDisabilityCategory: true, removeRequirements: [{ type: 'MOBILITY', value: 'LIFTS' }] },
    })).recordContactPreferences;
    expect(res.contact).toMatchObject({ disabilityCategory: null, specialRequirements: [{ type: 'MOBILITY', value: 'RAMPS' }] });
    expect(await requirementsOf(brian)).toEqual([{ type: 'MOBILITY', value: 'RAMPS' }]);
    expect(await t.dataSource.query('SELECT 1 FROM contact_disability WHERE contact_id = $1', [brian])).toEqual([]);
    expect(res.serviceRequest.preferenceChanges.map((c: any) => [c.field, c.oldValue, c.newValue])).toEqual([
      ['DISABILITY_CATEGORY', null, 'PHYSICAL_IMPAIRMENT'],
      ['SPECIAL_REQUIREMENT_ADDED', null, 'MOBILITY/LIFTS'],
      ['SPECIAL_REQUIREMENT_ADDED', null, 'MOBILITY/RAMPS'],
      ['DISABILITY_CATEGORY', 'PHYSICAL_IMPAIRMENT', null],
      ['SPECIAL_REQUIREMENT_REMOVED', 'MOBILITY/LIFTS', null],
    ]);
    const before = await rowCounts(t.dataSource);
    const missing = await t.as('CW1003')(RECORD, {
      input: { id: sr.id, removeRequirements: [{ type: 'SIGHT', value: 'BRAILLE' }], addRequirements: [{ type: 'MOBILITY', value: 'RAMPS' }] },
    });
    expect(errorOf(missing)).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['addRequirements[0]', 'removeRequirements[0]'] });
    expect(await rowCounts(t.dataSource)).toEqual(before);
  });
});

describe('PREF-5: accepting the change', () => {
  it('PREF-5: COC_ACCEPTED, CMSL9548 to a paying parent, SR CLOSED / COMPLETE (spelled as SEC-6); nothing to warn about', async () => {
    const sr = await startedDemoSr(t);
    const brian = await contactId(t, DEMO.ordinaryNrpWithRep);
    await verified(t, 'CW1003', brian);
    // Accepting before anything was recorded is refused and changes nothing.
    const before = await rowCounts(t.dataSource);
    expect(errorOf(await t.as('CW1003')(ACCEPT, { input: { id: sr.id } }))).toMatchObject({ code: 'CONFLICT', reason: 'NO_CHANGE_RECORDED' });
    expect(await rowCounts(t.dataSource)).toEqual(before);

    const accepted = await acceptedChange(t, 'CW1003', sr.id, { preferredContactMethod: 'LETTER' });
    expect(accepted.serviceRequest).toMatchObject({ status: 'CLOSED', subStatus: 'COMPLETE', resolutionCode: 'COC_ACCEPTED', nextActionDue: null });
    expect(accepted.serviceRequest.activities.find((a: any) => a.name === 'Send Confirmation Letter')).toMatchObject({ status: 'DONE', outcome: 'LETTER_GENERATED', outcomeNote: 'CMSL9548' });
    expect(accepted.letter).toMatchObject({ template: 'CMSL9548', status: 'GENERATED', channel: 'POST', contactId: brian, serviceRequestId: sr.id });
    expect(accepted.warnings).toEqual([]);
    expect(await srRow(sr.id)).toMatchObject({ status: 'CLOSED', sub_status: 'COMPLETE', resolution_code: 'COC_ACCEPTED', next_action_due: null });
    const letters = await t.dataSource.query('SELECT template, status FROM letter WHERE service_request_id = $1', [sr.id]);
    expect(letters).toEqual([{ template: 'CMSL9548', status: 'GENERATED' }]);
    // Closed: it cannot be accepted again, nor changed.
    expect(errorOf(await t.as('CW1003')(ACCEPT, { input: { id: sr.id } }))).toMatchObject({ code: 'CONFLICT', reason: 'SR_NOT_IN_PROGRESS' });
    expect(errorOf(await t.as('CW1003')(RECORD, { input: { id: sr.id, preferredContactMethod: 'SMS' } }))).toMatchObject({ code: 'CONFLICT' });
  });

  it('PREF-5: CMSL9547 to a receiving parent', async () => {
    const alice = await contactId(t, DEMO.ordinaryPwc);
    const sr = await startedPreferencesSr(t, 'CW1002', alice);
    await verified(t, 'CW1002', alice);
    const accepted = await acceptedChange(t, 'CW1002', sr.id, { preferredContactMethod: 'EMAIL' });
    expect(accepted.letter).toMatchObject({ template: 'CMSL9547', contactId: alice });
  });

  it('PREF-5: warns of letters generated or sent in the last 7 days, not of cancelled or older ones', async () => {
    const brian = await contactId(t, DEMO.ordinaryNrpWithRep);
    const first = await startedDemoSr(t);
    await verified(t, 'CW1003', brian);
    const sent = (await acceptedChange(t, 'CW1003', first.id, { preferredContactMethod: 'LETTER' })).letter;
    expect(ok(await t.as('TL1001')(BATCH))).toEqual({ runLetterBatch: { ran: true, posted: 1, online: 0 } });

    t.clock.advance(2 * DAY);
    const second = await startedPreferencesSr(t, 'CW1003', brian);
    expect((await securityCheck(t.as('CW1003'), brian)).passed).toBe(true);
    const accepted = await acceptedChange(t, 'CW1003', second.id, { preferredContactMethod: 'EMAIL' });
    expect(accepted.warnings).toEqual([{ code: 'RECENT_LETTERS', message: expect.stringMatching(/^1 letter\(s\) issued in the last 7 days/), letterIds: [sent.id] }]);
    // The new confirmation letter is cancelled: it is not warned about later.
    ok(await t.as('CW1003')('mutation($id: ID!) { cancelLetter(input: { id: $id }) { letter { status } } }', { id: accepted.letter.id }));

    t.clock.advance(6 * DAY); // the first letter is now 8 days old
    const third = await startedPreferencesSr(t, 'CW1003', brian);
    expect((await securityCheck(t.as('CW1003'), brian)).passed).toBe(true);
    expect((await acceptedChange(t, 'CW1003', third.id, { preferredContactMethod: 'SMS' })).warnings).toEqual([]);
  });
});

describe('PREF-6: a paying parent becoming Welsh moves with their case group to the WELSH segment', () => {
  it('PREF-6, SR-7: on acceptance every case of the paying parent moves to WELSH, with its open SRs', async () => {
    const sr = await startedDemoSr(t);
    const brian = await contactId(t, DEMO.ordinaryNrpWithRep);
    await verified(t, 'CW1003', brian);
    ok(await t.as('CW1003')(RECORD, { input: { id: sr.id, preferredLanguage: 'WELSH' } }));
    // Recorded but not yet accepted: the case has not moved.
    expect(await t.dataSource.query(`SELECT segment FROM "case" WHERE case_number = '1200000001'`)).toEqual([{ segment: 'MAINTENANCE' }]);
    // SR-7: an open SR on the same case (about Alice) and a closed one; only the open one moves with the case.
    const alice = await contactId(t, DEMO.ordinaryPwc);
    const openSr = await raiseSr(t, 'CW1002', alice, 'SECURITY_SET_UP');
    const closedSr = await raiseSr(t, 'CW1002', alice, 'CHANGE_CONTACT_PREFERENCES');
    await t.dataSource.query(`UPDATE service_request SET status = 'CLOSED' WHERE id = $1`, [closedSr.id]);
    const accepted = ok(await t.as('CW1003')(ACCEPT, { input: { id: sr.id } })).acceptContactPreferencesChange;
    expect(accepted.movedCases).toEqual([{ caseNumber: '1200000001', segment: 'WELSH' }]);
    expect(accepted.serviceRequest.segment).toBe('WELSH');
    const segments = await t.dataSource.query('SELECT id, segment FROM service_request WHERE id = ANY($1)', [[openSr.id, closedSr.id, sr.id]]);
    expect(Object.fromEntries(segments.map((row: any) => [row.id, row.segment])))
      .toEqual({ [openSr.id]: 'WELSH', [closedSr.id]: 'MAINTENANCE', [sr.id]: 'WELSH' });
    // The Welsh segment now owns and works it; the MAINTENANCE caseworker no longer sees it.
    expect(ok(await t.as('CW6002')(SR_QUERY, { id: openSr.id })).serviceRequest.segment).toBe('WELSH');
    expect(ok(await t.as('CW1002')(SR_QUERY, { id: openSr.id })).serviceRequest).toBeNull();
    expect(await t.dataSource.query(`SELECT segment FROM "case" WHERE case_number = '1200000001'`)).toEqual([{ segment: 'WELSH' }]);
    expect((await contactRow(brian)).language).toBe('WELSH');
    const notes = await t.dataSource.query('SELECT text FROM service_request_note WHERE service_request_id = $1', [sr.id]);
    expect(notes).toEqual([{ text: 'Preferred language now Welsh: case(s) 1200000001 moved to the WELSH segment.' }]);
  });

  it('PREF-6: a receiving parent becoming Welsh, or a paying parent changed back to English in the same SR, moves nothing', async () => {
    const alice = await contactId(t, DEMO.ordinaryPwc);
    const aliceSr = await startedPreferencesSr(t, 'CW1002', alice);
    await verified(t, 'CW1002', alice);
    expect((await acceptedChange(t, 'CW1002', aliceSr.id, { preferredLanguage: 'WELSH' })).movedCases).toEqual([]);
    expect((await contactRow(alice)).language).toBe('WELSH');

    const brian = await contactId(t, DEMO.ordinaryNrpWithRep);
    const sr = await startedDemoSr(t);
    await verified(t, 'CW1003', brian);
    ok(await t.as('CW1003')(RECORD, { input: { id: sr.id, preferredLanguage: 'WELSH' } }));
    const accepted = await acceptedChange(t, 'CW1003', sr.id, { preferredLanguage: 'ENGLISH' });
    expect(accepted.movedCases).toEqual([]);
    expect(await t.dataSource.query(`SELECT count(*)::int AS n FROM "case" WHERE segment = 'WELSH'`)).toEqual([{ n: 1 }]);
  });
});

describe('PREF-7: preferred call times', () => {
  it('PREF-7: an activity planned for 2035-01-01, NOT_REQUIRED, first in the plan; a later change updates it', async () => {
    const sr = await startedDemoSr(t);
    const brian = await contactId(t, DEMO.ordinaryNrpWithRep);
    await verified(t, 'CW1003', brian);
    const res = ok(await t.as('CW1003')(RECORD, { input: { id: sr.id, preferredCallTimes: '  Weekdays after 6pm ' } })).recordContactPreferences;
    expect(res.serviceRequest.activities[0]).toEqual({
      name: 'Preferred Call Times', status: 'NOT_REQUIRED', outcome: null, outcomeNote: null, plannedStart: '2035-01-01T00:00:00.000Z', description: 'Weekdays after 6pm',
    });
    expect(res.serviceRequest.activities.slice(1).map((a: any) => a.name)).toEqual(['Verify Client', 'Update Contact Preferences', 'Send Confirmation Letter']);
    ok(await t.as('CW1003')(RECORD, { input: { id: sr.id, preferredCallTimes: 'Saturday mornings' } }));
    const rows = await t.dataSource.query(
      `SELECT status, planned_start, description FROM activity WHERE service_request_id = $1 AND name = 'Preferred Call Times'`, [sr.id]);
    expect(rows).toEqual([{ status: 'NOT_REQUIRED', planned_start: new Date('2035-01-01T00:00:00Z'), description: 'Saturday mornings' }]);
    const plan = ok(await t.as('CW1003')(SR_QUERY, { id: sr.id })).serviceRequest.activities;
    expect(plan[0]).toMatchObject({ name: 'Preferred Call Times', description: 'Saturday mornings' });
  });
});

describe('SR-4: due work, so nothing waits forever', () => {
  it('SR-4: a self-service change is due in 24 hours: listed near the end, overdue after, gone once accepted', async () => {
    const alice = await contactId(t, DEMO.ordinaryPwc);
    await verified(t, 'CW1002', alice, t.asClient(alice));
    const raised = ok(await t.asClient(alice)(REQUEST, { input: { preferredContactMethod: 'LETTER' } })).requestContactPreferencesChange.serviceRequest;
    expect(new Date(raised.nextActionDue).getTime() - new Date(raised.createdAt).getTime()).toBe(DAY);
    const due = async (staff: string) => ok(await t.as(staff)(DUE_WORK)).dueWork;

    expect((await due('CW1002')).totalCount).toBe(0);
    t.clock.advance(20 * HOUR + MINUTE);
    const soon = await due('CW1002');
    expect(soon.totalCount).toBe(1);
    expect(soon.edges[0].node).toMatchObject({
      dueAt: raised.nextActionDue, overdue: false, reason: 'SELF_SERVICE',
      serviceRequest: { id: raised.id, kind: 'CHANGE_CONTACT_PREFERENCES', sourceType: 'PWC_SELF_SERVICE', segment: 'MAINTENANCE' },
    });
    // Another segment cannot work it and does not see it; nor is it "mine" (nobody owns it yet).
    expect((await due('CW2002')).totalCount).toBe(0);
    expect(ok(await t.as('CW1002')(DUE_WORK, { filter: { mine: true } })).dueWork.totalCount).toBe(0);

    t.clock.advance(4 * HOUR);
    const late = await due('TL1001');
    expect(late.edges.map((edge: any) => [edge.node.serviceRequest.id, edge.node.overdue])).toEqual([[raised.id, true]]);

    // A caseworker of the segment verifies the client again and accepts it: it leaves the list.
    expect((await securityCheck(t.as('CW1003'), alice)).passed).toBe(true);
    ok(await t.as('CW1003')(ACCEPT, { input: { id: raised.id } }));
    expect((await due('CW1002')).totalCount).toBe(0);
  });

  it('SR-4: SRs whose 7-day wait has run out are listed, oldest due first, paged; only staff who work SRs may ask', async () => {
    const brian = await contactId(t, DEMO.ordinaryNrpWithRep);
    const alice = await contactId(t, DEMO.ordinaryPwc);
    const waiting: string[] = [];
    for (const subject of [brian, alice]) {
      await setUpSecurity(t, 'CW1002', subject);
      const sr = (await t.as('CW1002')('mutation($input: CreateServiceRequestInput!) { createServiceRequest(input: $input) { serviceRequest { id } } }', {
        input: {
          kind: 'CHANGE_SECURITY_DETAILS', subjectContactId: subject,
          caseIds: (await t.dataSource.query('SELECT case_id FROM case_party WHERE contact_id = $1', [subject])).map((r: any) => r.case_id),
          source: { type: 'REPORTING_PERSON', firstName: 'A', lastName: 'Caller', role: subject === brian ? 'NRP' : 'PWC' },
        },
      })).data.createServiceRequest.serviceRequest;
      ok(await t.as('CW1002')('mutation($input: StartSecurityDetailsChangeInput!) { startSecurityDetailsChange(input: $input) { serviceRequest { id } } }', { input: { id: sr.id } }));
      ok(await t.as('CW1002')('mutation($input: SendSecurityDetailsFormInput!) { sendSecurityDetailsForm(input: $input) { serviceRequest { status } } }', {
        input: { id: sr.id, reason: 'CLIENT_REQUEST' },
      }));
      waiting.push(sr.id);
      t.clock.advance(HOUR);
    }
    expect(ok(await t.as('CW1002')(DUE_WORK)).dueWork.totalCount).toBe(0);
    t.clock.advance(7 * DAY);
    const page1 = ok(await t.as('CW1002')(DUE_WORK, { first: 1 })).dueWork;
    expect(page1.totalCount).toBe(2);
    expect(page1.edges[0].node).toMatchObject({ overdue: true, reason: 'WAIT_OVER', serviceRequest: { id: waiting[0], status: 'WAIT' } });
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const page2 = ok(await t.as('CW1002')(DUE_WORK, { first: 1, after: page1.pageInfo.endCursor })).dueWork;
    expect(page2.edges.map((edge: any) => edge.node.serviceRequest.id)).toEqual([waiting[1]]);
    expect(page2.pageInfo.hasNextPage).toBe(false);

    for (const who of ['FLLS4001', 'SECR5001']) expect(codesOf(await t.as(who)(DUE_WORK))).toEqual(['FORBIDDEN']);
    expect(codesOf(await t.asClient(alice)(DUE_WORK))).toEqual(['FORBIDDEN']);
    expect(codesOf(await t.as('CW1002')(DUE_WORK, { after: 'not-a-cursor' }))).toEqual(['BAD_USER_INPUT']);
  });
});

describe('bad input: BAD_USER_INPUT naming every field, and no partial rows', () => {
  it('recordContactPreferences: every problem at once, nothing stored', async () => {
    const sr = await startedDemoSr(t);
    const brian = await contactId(t, DEMO.ordinaryNrpWithRep);
    await verified(t, 'CW1003', brian);
    const before = await rowCounts(t.dataSource);
    const nothing = await t.as('CW1003')(RECORD, { input: { id: 'not-an-id' } });
    expect(errorOf(nothing)).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['id', 'input'] });
    const res = await t.as('CW1003')(RECORD, {
      input: {
        id: sr.id,
        preferredCallTimes: 'x'.repeat(201),
        disabilityCategory: 'OTHER',
        removeDisabilityCategory: true,
        addRequirements: [{ type: 'SIGHT', value: 'BRAILLE' }, { type: 'SIGHT', value: 'BRAILLE' }],
        removeRequirements: [{ type: 'SIGHT', value: 'BRAILLE' }],
      },
    });
    expect(errorOf(res)).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: ['addRequirements[1]', 'preferredCallTimes', 'removeDisabilityCategory', 'removeRequirements[0]'],
    });
    expect(errorOf(await t.as('CW1003')(RECORD, { input: { id: sr.id, preferredCallTimes: '   ' } }))).toMatchObject({ fields: ['preferredCallTimes'] });
    expect(await rowCounts(t.dataSource)).toEqual(before);
  });

  it('requestContactPreferencesChange: a refusal after the SR was written inside the transaction leaves no SR, plan or change', async () => {
    const alice = await contactId(t, DEMO.ordinaryPwc);
    await verified(t, 'CW1002', alice, t.asClient(alice));
    const before = await rowCounts(t.dataSource);
    expect(errorOf(await t.asClient(alice)(REQUEST, { input: {} }))).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['input'] });
    // Valid on its face; refused only once the SR and its plan are written (the requirement is not recorded).
    const res = await t.asClient(alice)(REQUEST, {
      input: { preferredContactMethod: 'LETTER', removeRequirements: [{ type: 'SIGHT', value: 'LARGE_PRINT' }] },
    });
    expect(errorOf(res)).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['removeRequirements[0]'] });
    expect(await rowCounts(t.dataSource)).toEqual(before);
    expect((await contactRow(alice)).method).toBe('TELEPHONE');
  });

  it('acceptContactPreferencesChange: a malformed id is BAD_USER_INPUT; another kind of SR is a CONFLICT; nothing changes', async () => {
    const setUpSr = await raiseSr(t, 'CW1002', await contactId(t, DEMO.ordinaryPwc), 'SECURITY_SET_UP');
    const before = await rowCounts(t.dataSource);
    expect(errorOf(await t.as('CW1002')(ACCEPT, { input: { id: '123' } }))).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['id'] });
    expect(errorOf(await t.as('CW1002')(ACCEPT, { input: { id: setUpSr.id } }))).toMatchObject({ code: 'CONFLICT', reason: 'WRONG_KIND' });
    // SCR-1: on an SR whose subject the caller may not see, nothing about it is told: not even its kind.
    const [chloeSr] = await t.dataSource.query(`SELECT id FROM service_request WHERE kind = 'CHANGE_SECURITY_DETAILS'`);
    expect(errorOf(await t.as('CW1002')(ACCEPT, { input: { id: chloeSr.id } }))).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_PERMITTED' });
    expect(await rowCounts(t.dataSource)).toEqual(before);
  });
});
