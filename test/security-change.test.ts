import { AppError } from '../src/common/errors';
import { Letter } from '../src/modules/letters/letter.entity';
import { decryptPin, verifyPair } from '../src/modules/security/secrets';
import { SecurityAccount } from '../src/modules/security/security-account.entity';
import { acceptSecurityDetailsChange } from '../src/modules/security/security-change.service';
import { replaceSecurityDetails } from '../src/modules/security/security-account.service';
import { PendingSecurityChange } from '../src/modules/security/pending-security-change.entity';
import { ServiceRequest } from '../src/modules/service-requests/service-request.entity';
import { SrKind, SrSourceType, SrStatus, SubjectType } from '../src/modules/service-requests/sr-enums';
import { SR_KINDS } from '../src/modules/service-requests/sr-kinds';
import { Segment } from '../src/authorization/roles';
import { buildRequestContext } from '../src/request/build-context';
import { createLogger } from '../src/server/logger';
import { DEMO } from './support/demo';
import {
  ACCEPT_CHANGE, ANSWER_CHECK, answersFor, casesOf, COMPLETE_CHANGE, contactIdOf, DECLINE_CHANGE, errorOf, fieldsOf, ok,
  raiseSr, REQUEST_CHANGE, rowCounts, SECRETS, SEND_FORM, SEND_REMINDER, setUpSecurityFor, START_CHANGE, START_CHECK, STATUS,
} from './support/security';
import { codesOf, startTestApp, type TestApp } from './support/test-app';

const DAY = 24 * 3600_000;
/** Seed 000 step 12: after a change every memorable answer is X. */
const ANSWERS_X = Object.fromEntries(Object.keys(SECRETS.answers).map((key) => [key, 'X'])) as typeof SECRETS.answers;

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const srRow = (id: string) => t.dataSource.getRepository(ServiceRequest).findOneByOrFail({ id });
const accountOf = (contactId: string) => t.dataSource.getRepository(SecurityAccount).findOneByOrFail({ contactId });
const lettersOf = async (srId: string) =>
  (await t.dataSource.getRepository(Letter).find({ where: { serviceRequestId: srId }, order: { createdAt: 'ASC' } })).map((l) => l.template);

async function checkWith(contactId: string, details: { pin: string; password: string; answers: Record<string, string> }, staff = 'CW1002') {
  const challenge = ok(await t.as(staff)(START_CHECK, { contactId })).startSecurityCheck.challenge;
  return ok(await t.as(staff)(ANSWER_CHECK, { input: answersFor(challenge, details) })).answerSecurityCheck;
}

async function block(contactId: string, staff = 'CW1002') {
  for (let i = 0; i < 3; i++) await checkWith(contactId, { ...SECRETS, password: 'wrong' }, staff);
  expect((await accountOf(contactId)).blocked).toBe(true);
}

/** A change SR raised by a caseworker and started (IN_PROGRESS / SECURITY_DETAILS). */
async function startedChange(contactId: string, staff = 'CW1002') {
  const raised = ok(await raiseSr(t.as(staff), t.dataSource, 'CHANGE_SECURITY_DETAILS', contactId)).createServiceRequest.serviceRequest;
  expect(raised.status).toBe('OPEN');
  return ok(await t.as(staff)(START_CHANGE, { input: { id: raised.id } })).startSecurityDetailsChange.serviceRequest;
}

/** An SR row written directly, as an old record or another system would have it, bypassing every check. */
async function legacyChangeSr(contactId: string, subjectType: SubjectType, status = SrStatus.WAIT, subStatus: string | null = 'SECURITY_DETAILS') {
  const def = SR_KINDS[SrKind.CHANGE_SECURITY_DETAILS];
  const owner = await t.dataSource.query(`SELECT id FROM staff WHERE staff_number = 'CW1002'`);
  const cases = await casesOf(t.dataSource, contactId);
  return t.dataSource.getRepository(ServiceRequest).save({
    kind: SrKind.CHANGE_SECURITY_DETAILS, process: def.process, area: def.area, subArea: def.subArea,
    sourceType: SrSourceType.REPORTING_PERSON, sourceFirstName: 'Old', sourceLastName: 'Record', sourceRole: 'REPRESENTATIVE',
    subjectContactId: contactId, subjectType, cases: cases.map((row) => ({ id: row.id })) as any, status, subStatus,
    resolutionCode: null, nextActionDue: null, ownerId: owner[0].id, segment: Segment.MAINTENANCE,
    createdAt: t.clock.now(), updatedAt: t.clock.now(),
  });
}

describe('SEC-9: a change needs security set up first', () => {
  it('SEC-9: raising a change for a client without security details points to security set up; nothing is stored', async () => {
    const daniel = await contactIdOf(t.dataSource, DEMO.ordinaryNrpSameCase);
    const before = await rowCounts(t.dataSource);
    const error = errorOf(await raiseSr(t.as('CW1002'), t.dataSource, 'CHANGE_SECURITY_DETAILS', daniel));
    expect(error).toMatchObject({ code: 'CONFLICT', reason: 'SECURITY_NOT_SET_UP', extensions: { procedure: 'Security set up' } });
    expect(error.message).toContain('security set up');
    expect(await rowCounts(t.dataSource)).toEqual(before);
    // Once set up, the same request goes through.
    await setUpSecurityFor(t.as('CW1002'), t.dataSource, daniel);
    expect(ok(await raiseSr(t.as('CW1002'), t.dataSource, 'CHANGE_SECURITY_DETAILS', daniel)).createServiceRequest.serviceRequest.status).toBe('OPEN');
    // One open change at a time.
    expect(errorOf(await raiseSr(t.as('CW1002'), t.dataSource, 'CHANGE_SECURITY_DETAILS', daniel))).toMatchObject({ code: 'CONFLICT', reason: 'CHANGE_ALREADY_OPEN' });
  });

  it('SEC-9: the self-service path says the same', async () => {
    const alice = await contactIdOf(t.dataSource, DEMO.ordinaryPwc);
    const before = await rowCounts(t.dataSource);
    const error = errorOf(await t.asClient(alice)(REQUEST_CHANGE, { input: { newPin: '1357913' } }));
    expect(error).toMatchObject({ code: 'CONFLICT', reason: 'SECURITY_NOT_SET_UP' });
    expect(await rowCounts(t.dataSource)).toEqual(before);
  });
});

describe('SEC-6: change of security details, from the blocked account to closure', () => {
  it('SEC-6: start, CMSL9800 and 7 days, CMSL9801 and 7 more, verification: unblocked, PIN and password replaced, SMS, closed', async () => {
    const brian = await contactIdOf(t.dataSource, DEMO.ordinaryNrpWithRep);
    await setUpSecurityFor(t.as('CW1002'), t.dataSource, brian);
    await block(brian);
    const before = await accountOf(brian);

    const started = await startedChange(brian);
    expect(started).toMatchObject({ status: 'IN_PROGRESS', subStatus: 'SECURITY_DETAILS', kind: 'CHANGE_SECURITY_DETAILS' });
    expect(started.activities.map((s: any) => [s.name, s.status, s.outcome])).toEqual([
      ['Verify Client', 'DONE', 'SECURITY_DETAILS'], ['Send Letter CMSL9800', 'OPEN', null], ['Await Client Reply', 'OPEN', null],
      ['Update Security Details', 'OPEN', null], ['Notify Client', 'OPEN', null],
    ]);
    expect(errorOf(await t.as('CW1002')(START_CHANGE, { input: { id: started.id } }))).toMatchObject({ code: 'CONFLICT', reason: 'WRONG_STEP' });

    const sentAt = t.clock.now();
    const waiting = ok(await t.as('CW1002')(SEND_FORM, { input: { id: started.id, reason: 'ACCOUNT_BLOCKED', expectedVersion: started.version } })).sendSecurityDetailsForm.serviceRequest;
    expect(waiting).toMatchObject({ status: 'WAIT', subStatus: 'SECURITY_DETAILS', nextActionDue: new Date(sentAt.getTime() + 7 * DAY).toISOString() });
    expect(waiting.notes.map((n: any) => n.text).join('\n')).toContain('blocked after three failed security checks');
    expect(await lettersOf(started.id)).toEqual(['CMSL9800']);
    expect(errorOf(await t.as('CW1002')(SEND_FORM, { input: { id: started.id, reason: 'CLIENT_REQUEST' } }))).toMatchObject({ code: 'CONFLICT', reason: 'WRONG_STEP' });

    // The reminder only once the first 7 days are over.
    t.clock.advance(7 * DAY - 1);
    expect(errorOf(await t.as('CW1002')(SEND_REMINDER, { input: { id: started.id } }))).toMatchObject({ code: 'CONFLICT', reason: 'WAIT_NOT_OVER' });
    t.clock.advance(1);
    const reminded = ok(await t.as('CW1002')(SEND_REMINDER, { input: { id: started.id } })).sendSecurityDetailsReminder.serviceRequest;
    expect(reminded).toMatchObject({ status: 'WAIT', nextActionDue: new Date(t.clock.now().getTime() + 7 * DAY).toISOString() });
    expect(await lettersOf(started.id)).toEqual(['CMSL9800', 'CMSL9801']);
    expect(errorOf(await t.as('CW1002')(SEND_REMINDER, { input: { id: started.id } }))).toMatchObject({ code: 'CONFLICT', reason: 'WRONG_STEP' });

    // The form comes back on day 10: verification received.
    t.clock.advance(3 * DAY);
    // Step 12: a change collects no memorable answers; each becomes X.
    const newDetails = { pin: '9081726', password: 'Lantern Over Water', answers: ANSWERS_X };
    const accepted = ok(await t.as('CW1002')(ACCEPT_CHANGE, {
      input: { id: started.id, newPin: newDetails.pin, newPassword: newDetails.password, expectedVersion: reminded.version },
    })).acceptSecurityDetailsChange.serviceRequest;
    expect(accepted).toMatchObject({ status: 'IN_PROGRESS', subStatus: 'COFC_ACCEPT' });
    expect(accepted.notes.at(-1).text).toContain('Account unblocked');
    const after = await accountOf(brian);
    expect(after).toMatchObject({ blocked: false, failedAttempts: 0, blockedAt: null });
    // Old values replaced, not kept: the cipher and hashes are new, the old PIN and password no longer pass.
    expect(after.pinCipher).not.toBe(before.pinCipher);
    expect(after.passwordHashes).not.toEqual(before.passwordHashes);
    expect(decryptPin(after.pinCipher, t.config.secretsKey, brian)).toBe(newDetails.pin);
    expect(await verifyPair(SECRETS.password, after.passwordHashes, false)).toBe(false);
    expect(await checkWith(brian, SECRETS)).toMatchObject({ passed: false });
    expect(await checkWith(brian, { ...newDetails, answers: SECRETS.answers })).toMatchObject({ passed: false });
    expect(await checkWith(brian, newDetails)).toMatchObject({ passed: true });

    const closed = ok(await t.as('CW1002')(COMPLETE_CHANGE, { input: { id: started.id, notifyBy: 'SMS' } })).completeSecurityDetailsChange.serviceRequest;
    expect(closed).toMatchObject({ status: 'CLOSED', subStatus: 'COMPLETE', resolutionCode: 'COFC_ACCEPTED', nextActionDue: null });
    expect(closed.activities.map((s: any) => [s.name, s.status, s.outcome])).toEqual([
      ['Verify Client', 'DONE', 'SECURITY_DETAILS'], ['Send Letter CMSL9800', 'DONE', 'CMSL9800_SENT'],
      ['Await Client Reply', 'DONE', 'VERIFICATION_RECEIVED'], ['Update Security Details', 'DONE', 'COFC_ACCEPT'], ['Notify Client', 'DONE', 'SMS_SENT'],
    ]);
    expect(await lettersOf(started.id)).toEqual(['CMSL9800', 'CMSL9801']);
    expect(errorOf(await t.as('CW1002')(START_CHANGE, { input: { id: started.id } }))).toMatchObject({ code: 'CONFLICT', reason: 'ILLEGAL_TRANSITION' });
  });

  it('SEC-6: only the PIN may change (the password stays); notice by CMSL9802 when SMS is not appropriate', async () => {
    const daniel = await contactIdOf(t.dataSource, DEMO.ordinaryNrpSameCase);
    const [open] = await t.dataSource.query(`SELECT id FROM service_request WHERE subject_contact_id = $1 AND kind = 'CHANGE_SECURITY_DETAILS'`, [daniel]);
    const started = ok(await t.as('CW1002')(START_CHANGE, { input: { id: open.id } })).startSecurityDetailsChange.serviceRequest;
    ok(await t.as('CW1002')(SEND_FORM, { input: { id: started.id, reason: 'CLIENT_REQUEST', note: 'Prefers writing.' } }));
    expect((await srRow(started.id)).status).toBe(SrStatus.WAIT);
    ok(await t.as('CW1002')(ACCEPT_CHANGE, { input: { id: started.id, newPin: '3141592' } }));
    expect(await checkWith(daniel, { ...SECRETS, pin: '3141592', answers: ANSWERS_X })).toMatchObject({ passed: true });
    const closed = ok(await t.as('CW1002')(COMPLETE_CHANGE, { input: { id: started.id, notifyBy: 'LETTER' } })).completeSecurityDetailsChange.serviceRequest;
    expect(closed).toMatchObject({ status: 'CLOSED', subStatus: 'COMPLETE', resolutionCode: 'COFC_ACCEPTED' });
    expect(closed.activities.at(-1)).toMatchObject({ name: 'Notify Client', outcome: 'CMSL9802_SENT' });
    expect(await lettersOf(started.id)).toEqual(['CMSL9800', 'CMSL9802']);
  });

  it('SEC-6: nothing back after CMSL9800 and CMSL9801: rejected only after the second wait, COFC_DECLINED / COC_REJECTED', async () => {
    const gwen = await contactIdOf(t.dataSource, 'SC0000007');
    await setUpSecurityFor(t.as('CW6002'), t.dataSource, gwen);
    await block(gwen, 'CW6002');
    const started = await startedChange(gwen, 'CW6002');
    expect(errorOf(await t.as('CW6002')(DECLINE_CHANGE, { input: { id: started.id, reason: 'NO_RESPONSE' } }))).toMatchObject({ reason: 'WRONG_STEP' });
    ok(await t.as('CW6002')(SEND_FORM, { input: { id: started.id, reason: 'ACCOUNT_BLOCKED' } }));
    t.clock.advance(7 * DAY);
    expect(errorOf(await t.as('CW6002')(DECLINE_CHANGE, { input: { id: started.id, reason: 'NO_RESPONSE' } }))).toMatchObject({ reason: 'WRONG_STEP' });
    ok(await t.as('CW6002')(SEND_REMINDER, { input: { id: started.id } }));
    t.clock.advance(7 * DAY - 60_000);
    const early = await t.as('CW6002')(DECLINE_CHANGE, { input: { id: started.id, reason: 'NO_RESPONSE' } });
    expect(errorOf(early)).toMatchObject({ code: 'CONFLICT', reason: 'WAIT_NOT_OVER' });
    expect((await srRow(started.id)).status).toBe(SrStatus.WAIT);
    t.clock.advance(60_000 + 1);

    // Overdue now: listed for the caseworker.
    const overdue = ok(await t.as('CW6002')(`{ serviceRequests(first: 50, filter: { overdue: true, subStatus: SECURITY_DETAILS }) { edges { node { id } } } }`));
    expect(overdue.serviceRequests.edges.map((e: any) => e.node.id)).toContain(started.id);

    const rejected = ok(await t.as('CW6002')(DECLINE_CHANGE, { input: { id: started.id, reason: 'NO_RESPONSE' } })).declineSecurityDetailsChange.serviceRequest;
    expect(rejected).toMatchObject({ status: 'CLOSED', subStatus: 'COMPLETE', resolutionCode: 'COC_REJECTED', nextActionDue: null });
    expect(rejected.activities.map((s: any) => [s.name, s.status, s.outcome])).toEqual([
      ['Verify Client', 'DONE', 'SECURITY_DETAILS'], ['Send Letter CMSL9800', 'DONE', 'CMSL9800_SENT'],
      ['Await Client Reply', 'DONE', 'NO_RESPONSE'], ['Update Security Details', 'DONE', 'COFC_DECLINED'], ['Notify Client', 'NOT_REQUIRED', null],
    ]);
    expect(rejected.notes.at(-1).text).toContain('COFC_DECLINED');
    // Nothing was changed: the account stays blocked.
    expect((await accountOf(gwen)).blocked).toBe(true);
  });

  it('SEC-6: declined for insufficient information at the verification step', async () => {
    const gwen = await contactIdOf(t.dataSource, 'SC0000007');
    const started = await startedChange(gwen, 'CW6002');
    ok(await t.as('CW6002')(SEND_FORM, { input: { id: started.id, reason: 'ACCOUNT_BLOCKED' } }));
    const declined = ok(await t.as('CW6002')(DECLINE_CHANGE, {
      input: { id: started.id, reason: 'INSUFFICIENT_INFORMATION', note: 'Form returned unsigned.' },
    })).declineSecurityDetailsChange.serviceRequest;
    expect(declined).toMatchObject({ status: 'CLOSED', subStatus: 'COMPLETE', resolutionCode: 'COC_REJECTED' });
    expect(declined.activities.find((s: any) => s.name === 'Update Security Details')).toMatchObject({ outcome: 'COFC_DECLINED', outcomeNote: 'INSUFFICIENT_INFORMATION' });
    expect(declined.notes.at(-1).text).toContain('Form returned unsigned.');
  });

  it('SEC-6: steps out of order, bad input and stale versions are refused and change nothing', async () => {
    const huw = await contactIdOf(t.dataSource, 'SC0000008');
    await setUpSecurityFor(t.as('CW6002'), t.dataSource, huw);
    const started = await startedChange(huw, 'CW6002');
    const snapshot = async () => ({ sr: await srRow(started.id), account: await accountOf(huw), counts: await rowCounts(t.dataSource) });
    const before = await snapshot();
    // No accept before the form has gone out, no completion before acceptance.
    expect(errorOf(await t.as('CW6002')(ACCEPT_CHANGE, { input: { id: started.id, newPin: '1212121' } }))).toMatchObject({ reason: 'WRONG_STEP' });
    expect(errorOf(await t.as('CW6002')(COMPLETE_CHANGE, { input: { id: started.id, notifyBy: 'SMS' } }))).toMatchObject({ reason: 'WRONG_STEP' });
    expect(errorOf(await t.as('CW6002')(SEND_REMINDER, { input: { id: started.id } }))).toMatchObject({ reason: 'WRONG_STEP' });
    expect(errorOf(await t.as('CW6002')(SEND_FORM, { input: { id: started.id, reason: 'CLIENT_REQUEST', expectedVersion: started.version - 1 } })))
      .toMatchObject({ code: 'CONFLICT', reason: 'STALE_VERSION' });
    expect(fieldsOf(await t.as('CW6002')(SEND_FORM, { input: { id: started.id, reason: 'CLIENT_REQUEST', note: 'n'.repeat(4001) } }))).toEqual(['note']);
    expect(fieldsOf(await t.as('CW6002')(SEND_FORM, { input: { id: started.id, reason: 'ACCOUNT_BLOCKED' } }))).toEqual(['reason']);
    expect(await snapshot()).toEqual(before);

    ok(await t.as('CW6002')(SEND_FORM, { input: { id: started.id, reason: 'CLIENT_REQUEST' } }));
    const waiting = await snapshot();
    const none = await t.as('CW6002')(ACCEPT_CHANGE, { input: { id: started.id } });
    expect(codesOf(none)).toEqual(['BAD_USER_INPUT']);
    expect(fieldsOf(none)).toEqual(['newPassword', 'newPin']);
    const bad = await t.as('CW6002')(ACCEPT_CHANGE, { input: { id: started.id, newPin: '0000000', newPassword: 'p!ss off' } });
    expect(fieldsOf(bad)).toEqual(['newPassword', 'newPin']);
    expect(fieldsOf(await t.as('CW6002')(ACCEPT_CHANGE, { input: { id: 'nope', newPin: '1212121' } }))).toEqual(['id']);
    // Another segment's caseworker cannot work it.
    expect(codesOf(await t.as('CW2002')(ACCEPT_CHANGE, { input: { id: started.id, newPin: '1212121' } }))).toEqual(['NOT_FOUND']);
    expect(codesOf(await t.as('SCRM3001')(ACCEPT_CHANGE, { input: { id: started.id, newPin: '1212121' } }))).toEqual(['FORBIDDEN']);
    expect(codesOf(await t.as('FLLS4001')(ACCEPT_CHANGE, { input: { id: started.id, newPin: '1212121' } }))).toEqual(['FORBIDDEN']);
    expect(await snapshot()).toEqual(waiting);
  });
});

describe('SEC-6: bad input', () => {
  it('SEC-6: every step answers malformed input with BAD_USER_INPUT naming the fields, and writes nothing', async () => {
    const before = await rowCounts(t.dataSource);
    const calls: [string, Record<string, unknown>, string[]][] = [
      [START_CHANGE, { input: { id: 'nope' } }, ['id']],
      [SEND_FORM, { input: { id: 'nope', reason: 'CLIENT_REQUEST', note: 'n'.repeat(4001) } }, ['note']],
      [SEND_FORM, { input: { id: 'nope', reason: 'CLIENT_REQUEST' } }, ['id']],
      [SEND_REMINDER, { input: { id: 'nope' } }, ['id']],
      [ACCEPT_CHANGE, { input: { id: 'nope', newPin: '12' } }, ['newPin']],
      [COMPLETE_CHANGE, { input: { id: 'nope', notifyBy: 'SMS' } }, ['id']],
      [DECLINE_CHANGE, { input: { id: 'nope', reason: 'NO_RESPONSE', note: 'n'.repeat(4001) } }, ['note']],
      [DECLINE_CHANGE, { input: { id: 'nope', reason: 'NO_RESPONSE' } }, ['id']],
    ];
    for (const [mutation, variables, fields] of calls) {
      const res = await t.as('CW6002')(mutation, variables);
      expect({ mutation: mutation.slice(0, 60), codes: codesOf(res), fields: fieldsOf(res) }).toEqual({ mutation: mutation.slice(0, 60), codes: ['BAD_USER_INPUT'], fields });
    }
    expect(await rowCounts(t.dataSource)).toEqual(before);
  });

  it('SEC-6: an SMS needs a phone number held: otherwise BAD_USER_INPUT on notifyBy, and CMSL9802 is the way', async () => {
    const emma = await contactIdOf(t.dataSource, 'SC0000005');
    await t.dataSource.query('UPDATE contact SET phone = NULL WHERE id = $1', [emma]);
    await setUpSecurityFor(t.as('CW2002'), t.dataSource, emma);
    const started = await startedChange(emma, 'CW2002');
    ok(await t.as('CW2002')(SEND_FORM, { input: { id: started.id, reason: 'CLIENT_REQUEST' } }));
    ok(await t.as('CW2002')(ACCEPT_CHANGE, { input: { id: started.id, newPassword: 'Marmalade Sky' } }));
    const sms = await t.as('CW2002')(COMPLETE_CHANGE, { input: { id: started.id, notifyBy: 'SMS' } });
    expect(fieldsOf(sms)).toEqual(['notifyBy']);
    expect((await srRow(started.id)).status).toBe(SrStatus.IN_PROGRESS);
    const closed = ok(await t.as('CW2002')(COMPLETE_CHANGE, { input: { id: started.id, notifyBy: 'LETTER' } })).completeSecurityDetailsChange.serviceRequest;
    expect(closed).toMatchObject({ status: 'CLOSED', resolutionCode: 'COFC_ACCEPTED', segment: 'ENFORCEMENT' });
  });
});

describe('SEC-6: one step at a time', () => {
  it('SEC-6: two caseworkers accepting the same returned form at once: one change, one CONFLICT', async () => {
    const huw = await contactIdOf(t.dataSource, 'SC0000008');
    const [open] = await t.dataSource.query(`SELECT id, version FROM service_request WHERE subject_contact_id = $1 AND kind = 'CHANGE_SECURITY_DETAILS' AND status = 'WAIT'`, [huw]);
    const results = await Promise.all(['CW6002', 'TL6001'].map((staff, i) => t.as(staff)(ACCEPT_CHANGE, {
      input: { id: open.id, newPin: i === 0 ? '5550001' : '5550002', expectedVersion: open.version },
    })));
    expect(results.map((res) => codesOf(res)[0] ?? 'OK').sort()).toEqual(['CONFLICT', 'OK']);
    const winner = results.findIndex((res) => !res.errors);
    const account = await accountOf(huw);
    expect(decryptPin(account.pinCipher, t.config.secretsKey, huw)).toBe(winner === 0 ? '5550001' : '5550002');
    const notes = await t.dataSource.query(`SELECT text FROM service_request_note WHERE service_request_id = $1 AND text LIKE 'Verification received%'`, [open.id]);
    expect(notes).toHaveLength(1);
  });
});

describe('SEC-7: a self-service change starts at the verification step and is due within 24 hours', () => {
  it('SEC-7: raised by the client with new details; a caseworker accepts them without seeing them, and closes it', async () => {
    const alice = await contactIdOf(t.dataSource, DEMO.ordinaryPwc);
    await setUpSecurityFor(t.as('CW1002'), t.dataSource, alice);
    const raisedAt = t.clock.now();
    const sr = ok(await t.asClient(alice)(REQUEST_CHANGE, { input: { newPin: '2718281', newPassword: 'Velvet Thunder' } })).requestSecurityDetailsChange.serviceRequest;
    expect(sr).toMatchObject({
      kind: 'CHANGE_SECURITY_DETAILS', status: 'IN_PROGRESS', subStatus: 'SECURITY_DETAILS', sourceType: 'PWC_SELF_SERVICE',
      subjectType: 'PWC', segment: 'MAINTENANCE', owner: null, nextActionDue: new Date(raisedAt.getTime() + DAY).toISOString(),
    });
    expect(sr.activities.map((s: any) => [s.name, s.status])).toEqual([
      ['Verify Client', 'DONE'], ['Send Letter CMSL9800', 'NOT_REQUIRED'], ['Await Client Reply', 'DONE'],
      ['Update Security Details', 'OPEN'], ['Notify Client', 'OPEN'],
    ]);
    const pending = await t.dataSource.getRepository(PendingSecurityChange).findOneByOrFail({ serviceRequestId: sr.id });
    expect(pending.pinCipher).not.toContain('2718281');

    // No letter step for a self-service SR; the details come from the client, not the caseworker.
    expect(errorOf(await t.as('CW1002')(SEND_FORM, { input: { id: sr.id, reason: 'CLIENT_REQUEST' } }))).toMatchObject({ reason: 'WRONG_STEP' });
    expect(fieldsOf(await t.as('CW1002')(ACCEPT_CHANGE, { input: { id: sr.id, newPin: '1111112' } }))).toEqual(['newPin']);
    expect(errorOf(await t.as('CW1002')(DECLINE_CHANGE, { input: { id: sr.id, reason: 'NO_RESPONSE' } }))).toMatchObject({ reason: 'WRONG_STEP' });

    const accepted = ok(await t.as('CW1003')(ACCEPT_CHANGE, { input: { id: sr.id } })).acceptSecurityDetailsChange.serviceRequest;
    expect(accepted).toMatchObject({ status: 'IN_PROGRESS', subStatus: 'COFC_ACCEPT', owner: { staffNumber: 'CW1003' } });
    expect(await t.dataSource.getRepository(PendingSecurityChange).countBy({ serviceRequestId: sr.id })).toBe(0);
    const closed = ok(await t.as('CW1003')(COMPLETE_CHANGE, { input: { id: sr.id, notifyBy: 'LETTER' } })).completeSecurityDetailsChange.serviceRequest;
    expect(closed).toMatchObject({ status: 'CLOSED', subStatus: 'COMPLETE', resolutionCode: 'COFC_ACCEPTED' });
    // The client's own self-service check now needs the new details, exactly as given.
    const challenge = ok(await t.asClient(alice)(START_CHECK, { contactId: alice })).startSecurityCheck.challenge;
    const fresh = { pin: '2718281', password: 'Velvet Thunder', answers: ANSWERS_X };
    expect(ok(await t.asClient(alice)(ANSWER_CHECK, { input: answersFor(challenge, fresh) })).answerSecurityCheck.passed).toBe(true);
  });

  it('SEC-7: only a client may use it, with valid details; nothing is stored otherwise', async () => {
    const alice = await contactIdOf(t.dataSource, DEMO.ordinaryPwc);
    const before = await rowCounts(t.dataSource);
    expect(codesOf(await t.as('CW1002')(REQUEST_CHANGE, { input: { newPin: '2718281' } }))).toEqual(['FORBIDDEN']);
    expect(fieldsOf(await t.asClient(alice)(REQUEST_CHANGE, { input: {} }))).toEqual(['newPassword', 'newPin']);
    expect(fieldsOf(await t.asClient(alice)(REQUEST_CHANGE, { input: { newPin: '000000', newPassword: 'wank' } }))).toEqual(['newPassword', 'newPin']);
    expect(await rowCounts(t.dataSource)).toEqual(before);
  });
});

describe('REP-1: a representative\'s security details are never changed through a change of security details', () => {
  let mona: string;
  beforeAll(async () => {
    mona = await contactIdOf(t.dataSource, 'Mona');
    await setUpSecurityFor(t.as('CW1002'), t.dataSource, mona, { pin: '4455667', password: 'Counsel Chambers' });
  });

  const expectRepresentativeRefusal = (error: { code: unknown; reason: unknown; message: string; extensions: any }) => {
    expect(error).toMatchObject({ code: 'CONFLICT', reason: 'REPRESENTATIVE', extensions: { procedure: 'Client Representative - Maintain' } });
    expect(error.message).toContain('Maintain the representative');
  };

  it('REP-1: through the API, raising the change is refused and nothing is stored', async () => {
    const before = await rowCounts(t.dataSource);
    expectRepresentativeRefusal(errorOf(await raiseSr(t.as('CW1002'), t.dataSource, 'CHANGE_SECURITY_DETAILS', mona)));
    expect(await rowCounts(t.dataSource)).toEqual(before);
  });

  it('REP-1: every step of a change SR about a representative (however it came to exist) is refused', async () => {
    const account = await accountOf(mona);
    const open = await legacyChangeSr(mona, SubjectType.REPRESENTATIVE, SrStatus.OPEN, null);
    expectRepresentativeRefusal(errorOf(await t.as('CW1002')(START_CHANGE, { input: { id: open.id } })));
    const waiting = await legacyChangeSr(mona, SubjectType.PWC);
    for (const res of [
      await t.as('CW1002')(ACCEPT_CHANGE, { input: { id: waiting.id, newPin: '9998887' } }),
      await t.as('CW1002')(SEND_REMINDER, { input: { id: waiting.id } }),
      await t.as('CW1002')(DECLINE_CHANGE, { input: { id: waiting.id, reason: 'INSUFFICIENT_INFORMATION' } }),
      await t.as('CW1002')(COMPLETE_CHANGE, { input: { id: waiting.id, notifyBy: 'LETTER' } }),
    ]) expectRepresentativeRefusal(errorOf(res));
    expect(await accountOf(mona)).toEqual(account);
    expect((await srRow(waiting.id)).status).toBe(SrStatus.WAIT);
  });

  it('REP-1: calling the service functions directly is refused the same way', async () => {
    const account = await accountOf(mona);
    const ctx = await buildRequestContext(
      { config: t.config, dataSource: t.dataSource, clock: t.clock, logger: createLogger({ logLevel: 'silent' }) },
      { authorization: `Bearer ${t.tokenFor('CW1002')}` },
      { requestId: 'direct-call', correlationId: null },
    );
    const waiting = await legacyChangeSr(mona, SubjectType.PWC);
    const direct = acceptSecurityDetailsChange(ctx, { id: waiting.id, newPin: '9998887' });
    await expect(direct).rejects.toBeInstanceOf(AppError);
    await expect(direct).rejects.toMatchObject({ extensions: { code: 'CONFLICT', reason: 'REPRESENTATIVE' } });
    const lowest = t.dataSource.transaction((tx) => replaceSecurityDetails(ctx, tx, mona, { pinCipher: null, passwordHashes: null }));
    await expect(lowest).rejects.toMatchObject({ extensions: { code: 'CONFLICT', reason: 'REPRESENTATIVE' } });
    expect(await accountOf(mona)).toEqual(account);
  });

  it('REP-1: through self service, a representative signed in as a client is refused too', async () => {
    await t.dataSource.query(`UPDATE contact SET self_service_status = 'REGISTERED_ACTIVE' WHERE id = $1`, [mona]);
    const before = await rowCounts(t.dataSource);
    expectRepresentativeRefusal(errorOf(await t.asClient(mona)(REQUEST_CHANGE, { input: { newPin: '9998887' } })));
    expect(await rowCounts(t.dataSource)).toEqual(before);
  });
});

describe('SEC-8: no change of security details for a CSA-arrears-only case', () => {
  it('SEC-8: the self-service path and an existing change SR also say to raise an incident with AAC', async () => {
    const isla = await contactIdOf(t.dataSource, 'SC0000009');
    await t.dataSource.query(`UPDATE contact SET self_service_status = 'REGISTERED_ACTIVE' WHERE id = $1`, [isla]);
    const error = errorOf(await t.asClient(isla)(REQUEST_CHANGE, { input: { newPin: '9998887' } }));
    expect(error).toMatchObject({ code: 'CONFLICT', reason: 'CSA_ARREARS_ONLY' });
    expect(error.message).toContain('Raise an incident with AAC');
    const open = await legacyChangeSr(isla, SubjectType.PWC, SrStatus.OPEN, null);
    expect(errorOf(await t.as('CW1002')(START_CHANGE, { input: { id: open.id } }))).toMatchObject({ code: 'CONFLICT', reason: 'CSA_ARREARS_ONLY' });
    const waiting = await legacyChangeSr(isla, SubjectType.PWC);
    const accept = errorOf(await t.as('CW1002')(ACCEPT_CHANGE, { input: { id: waiting.id, newPin: '9998887' } }));
    expect(accept).toMatchObject({ code: 'CONFLICT', reason: 'CSA_ARREARS_ONLY' });
    expect((await srRow(open.id)).status).toBe(SrStatus.OPEN);
    // Such an SR can still be closed off.
    const declined = ok(await t.as('CW1002')(DECLINE_CHANGE, { input: { id: waiting.id, reason: 'INSUFFICIENT_INFORMATION' } }));
    expect(declined.declineSecurityDetailsChange.serviceRequest).toMatchObject({ status: 'CLOSED', resolutionCode: 'COC_REJECTED' });
  });
});

describe('security status on the contact', () => {
  it('after a change the status shows unblocked with no failures; a security reviewer cannot read it', async () => {
    const brian = await contactIdOf(t.dataSource, DEMO.ordinaryNrpWithRep);
    const status = ok(await t.as('CW1002')(STATUS, { id: brian })).contact.securityStatus;
    expect(status).toMatchObject({ setUp: true, blocked: false, failedAttempts: 0 });
    const view = await t.as('SECR5001')(STATUS, { id: brian });
    expect(codesOf(view)).toEqual(['FORBIDDEN']);
  });
});
