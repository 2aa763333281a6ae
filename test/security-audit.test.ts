import {
  ACCEPT_CHANGE, ANSWER_CHECK, answersFor, contactIdOf, ok, raiseSr, SECRETS, SEND_FORM, setUpSecurityFor, START_CHANGE, START_CHECK,
} from './support/security';
import { DEMO } from './support/demo';
import { startTestApp, type TestApp } from './support/test-app';

/** AUD-4: security actions are audited, without secrets, so a reviewer can see them. */

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const EVENTS = `query($id: ID!) { auditEvents(first: 100, filter: { subjectType: CONTACT, subjectId: $id }) {
  edges { node { action actorType actorId outcome details } } } }`;

/** The security events of a contact as a security reviewer reads them, oldest first. */
async function securityEvents(contactId: string) {
  const edges = ok(await t.as('SECR5001')(EVENTS, { id: contactId })).auditEvents.edges;
  return edges.map((edge: any) => edge.node).filter((event: any) => event.action.startsWith('SECURITY_')).reverse();
}

async function check(contactId: string, details: typeof SECRETS) {
  const challenge = ok(await t.as('CW1002')(START_CHECK, { contactId })).startSecurityCheck.challenge;
  return ok(await t.as('CW1002')(ANSWER_CHECK, { input: answersFor(challenge, details) })).answerSecurityCheck;
}

describe('AUD-4: security actions are audited without secrets', () => {
  it('AUD-4: set up, check outcomes, block, unblock and change are each an audit event a reviewer can read; no secret in any', async () => {
    const alice = await contactIdOf(t.dataSource, DEMO.ordinaryPwc);
    await setUpSecurityFor(t.as('CW1002'), t.dataSource, alice);
    await check(alice, SECRETS);
    for (let i = 0; i < 3; i++) await check(alice, { ...SECRETS, password: 'wrong' });
    const raised = ok(await raiseSr(t.as('CW1002'), t.dataSource, 'CHANGE_SECURITY_DETAILS', alice)).createServiceRequest.serviceRequest;
    ok(await t.as('CW1002')(START_CHANGE, { input: { id: raised.id } }));
    ok(await t.as('CW1002')(SEND_FORM, { input: { id: raised.id, reason: 'ACCOUNT_BLOCKED' } }));
    const newPin = '8642097';
    ok(await t.as('CW1002')(ACCEPT_CHANGE, { input: { id: raised.id, newPin } }));

    const events = await securityEvents(alice);
    const [carl] = await t.dataSource.query(`SELECT id FROM staff WHERE staff_number = 'CW1002'`);
    expect(events.map((e: any) => [e.action, e.outcome])).toEqual([
      ['SECURITY_SET_UP', 'SUCCESS'],
      ['SECURITY_CHECK_PASSED', 'SUCCESS'],
      ['SECURITY_CHECK_FAILED', 'DENIED'],
      ['SECURITY_CHECK_FAILED', 'DENIED'],
      ['SECURITY_CHECK_FAILED', 'DENIED'],
      ['SECURITY_ACCOUNT_BLOCKED', 'SUCCESS'],
      ['SECURITY_ACCOUNT_UNBLOCKED', 'SUCCESS'],
      ['SECURITY_DETAILS_CHANGED', 'SUCCESS'],
    ]);
    expect(events.every((e: any) => e.actorType === 'STAFF' && e.actorId === carl.id)).toBe(true);
    expect(events.at(-1).details).toEqual({ path: 'CHANGE_OF_SECURITY_DETAILS', pinChanged: true, passwordChanged: false, answersReset: true });
    expect(events[4].details).toEqual({ channel: 'CASEWORKER', failedAttempts: 3 });

    // Nothing secret in the audit rows themselves: not the values, not their hashes or ciphers.
    const rows = JSON.stringify(await t.dataSource.query(`SELECT * FROM audit_event WHERE subject_id = $1`, [alice]));
    const [account] = await t.dataSource.query(`SELECT pin_cipher, password_hashes, answer_hashes FROM security_account WHERE contact_id = $1`, [alice]);
    const secretTexts = [SECRETS.pin, SECRETS.password, newPin, ...Object.values(SECRETS.answers), account.pin_cipher,
      ...Object.values(account.password_hashes as Record<string, string>)];
    for (const secret of secretTexts) expect(rows).not.toContain(String(secret));
  });

  it('AUD-4: applying the defaults is audited as such', async () => {
    const brian = await contactIdOf(t.dataSource, 'SC0000002');
    const sr = ok(await raiseSr(t.as('CW1002'), t.dataSource, 'SECURITY_SET_UP', brian)).createServiceRequest.serviceRequest;
    ok(await t.as('CW1002')(`mutation($input: StartServiceRequestInput!) { startServiceRequest(input: $input) { serviceRequest { id } } }`, { input: { id: sr.id } }));
    ok(await t.as('CW1002')(`mutation($input: ApplySecurityDefaultsInput!) { applySecurityDefaults(input: $input) { serviceRequest { id } } }`, {
      input: { serviceRequestId: sr.id, reason: 'CLIENT_REFUSED' },
    }));
    expect((await securityEvents(brian)).map((e: any) => e.action)).toEqual(['SECURITY_DEFAULTS_APPLIED']);
  });

  it('AUD-4: a representative maintained through REP-3 is audited by its path', async () => {
    const mona = await contactIdOf(t.dataSource, 'Mona');
    await setUpSecurityFor(t.as('CW1002'), t.dataSource, mona, { pin: '4455667', password: 'Counsel Chambers' });
    ok(await t.as('CW1002')(`mutation($input: MaintainRepresentativeSecurityInput!) { maintainRepresentativeSecurity(input: $input) { pinChanged } }`, {
      input: { representativeId: mona, newPassword: 'Brass Lantern Quay' },
    }));
    const events = await securityEvents(mona);
    expect(events.map((e: any) => [e.action, e.details])).toEqual([
      ['SECURITY_SET_UP', { replacedExisting: false }],
      ['SECURITY_DETAILS_CHANGED', { path: 'REPRESENTATIVE_MAINTAIN', pinChanged: false, passwordChanged: true, answersReset: false }],
    ]);
  });
});
