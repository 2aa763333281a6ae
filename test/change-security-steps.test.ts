import {
  ACCEPT_CHANGE, contactIdOf, DECLINE_CHANGE, errorOf, ok, raiseSr, REQUEST_CHANGE, SEND_FORM, SEND_REMINDER, setUpSecurityFor, START_CHANGE, START_SR,
} from './support/security';
import { DEMO } from './support/demo';
import { startTestApp, type TestApp } from './support/test-app';

/** SEC-6 in full, as seed 000 gives it: steps 10, 12 and 15, and the route a waiting change keeps. */

const DAY = 24 * 3600_000;
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const HISTORY = `query($id: ID!) { serviceRequest(id: $id) { status subStatus notes { text } statusHistory { toStatus toSubStatus } } }`;
const subStatuses = async (id: string, staff = 'CW1002') =>
  ok(await t.as(staff)(HISTORY, { id })).serviceRequest.statusHistory.map((step: any) => step.toSubStatus);

async function waitingChange(scin: string, staff: string) {
  const contact = await contactIdOf(t.dataSource, scin);
  await setUpSecurityFor(t.as(staff), t.dataSource, contact);
  const raised = ok(await raiseSr(t.as(staff), t.dataSource, 'CHANGE_SECURITY_DETAILS', contact)).createServiceRequest.serviceRequest;
  ok(await t.as(staff)(START_CHANGE, { input: { id: raised.id } }));
  ok(await t.as(staff)(SEND_FORM, { input: { id: raised.id, reason: 'CLIENT_REQUEST' } }));
  return { contact, id: raised.id as string };
}

describe('SEC-6: change of security details, step by step (seed 000)', () => {
  it('SEC-6 step 10: a returned form is assessed (ASSESS_OUTCOME_OF_CHANGE) before COFC_ACCEPT; step 15 notes Communicate with Client Rep', async () => {
    const { id } = await waitingChange(DEMO.ordinaryNrpSameCase, 'CW1002');
    ok(await t.as('CW1002')(ACCEPT_CHANGE, { input: { id, newPassword: 'Copper Kettle Lane', communicateWithClientRep: true } }));
    expect(await subStatuses(id)).toEqual([null, null, 'SECURITY_DETAILS', 'SECURITY_DETAILS', 'SECURITY_DETAILS', 'ASSESS_OUTCOME_OF_CHANGE', 'COFC_ACCEPT']);
    const notes = ok(await t.as('CW1002')(HISTORY, { id })).serviceRequest.notes.map((note: any) => note.text);
    expect(notes.at(-2)).toContain('memorable answers set to X');
    expect(notes.at(-1)).toContain('Communicate with Client Rep');
  });

  it('SEC-6 step 10: a self-service change goes straight to step 11 (no assessment)', async () => {
    const alice = await contactIdOf(t.dataSource, DEMO.ordinaryPwc);
    await setUpSecurityFor(t.as('CW1002'), t.dataSource, alice);
    const sr = ok(await t.asClient(alice)(REQUEST_CHANGE, { input: { newPin: '2718281' } })).requestSecurityDetailsChange.serviceRequest;
    ok(await t.as('CW1002')(ACCEPT_CHANGE, { input: { id: sr.id } }));
    expect(await subStatuses(sr.id)).toEqual([null, 'SECURITY_DETAILS', 'COFC_ACCEPT']);
  });

  it('SEC-6: the generic start does not move a waiting change SR, so the no-reply route still ends in rejection', async () => {
    const { id } = await waitingChange('SC0000007', 'CW6002');
    const moved = await t.as('CW6002')(START_SR, { input: { id } });
    expect(errorOf(moved)).toMatchObject({ code: 'CONFLICT', reason: 'ILLEGAL_TRANSITION' });
    expect(ok(await t.as('CW6002')(HISTORY, { id })).serviceRequest.status).toBe('WAIT');
    t.clock.advance(7 * DAY);
    ok(await t.as('CW6002')(SEND_REMINDER, { input: { id } }));
    t.clock.advance(7 * DAY);
    const rejected = ok(await t.as('CW6002')(DECLINE_CHANGE, { input: { id, reason: 'NO_RESPONSE' } })).declineSecurityDetailsChange.serviceRequest;
    expect(rejected).toMatchObject({ status: 'CLOSED', subStatus: 'COMPLETE', resolutionCode: 'COC_REJECTED' });
    // No reply: rejected without an assessment step.
    expect(await subStatuses(id, 'CW6002')).not.toContain('ASSESS_OUTCOME_OF_CHANGE');
  });

  it('LET-1: CMSL9800 encloses a form to return before we can speak by phone; CMSL9801 reminds the client to return it', async () => {
    const { id } = await waitingChange('SC0000005', 'CW2002');
    t.clock.advance(7 * DAY);
    ok(await t.as('CW2002')(SEND_REMINDER, { input: { id } }));
    const letters: { template: string; body: string }[] = await t.dataSource.query(
      'SELECT template, body FROM letter WHERE service_request_id = $1 ORDER BY created_at', [id]);
    expect(letters.map((letter) => letter.template)).toEqual(['CMSL9800', 'CMSL9801']);
    expect(letters[0].body).toContain('We enclose a change of security details form');
    expect(letters[0].body).toContain('we cannot speak to you about your case by phone until we have it');
    expect(letters[0].body).not.toMatch(/please call us/i);
    expect(letters[1].body).toContain('Please fill in the form and return it to us within 7 days');
  });

  it('LET-1: a client whose preferred language is Welsh gets CMSL9800 in Welsh', async () => {
    const { id } = await waitingChange('SC0000008', 'CW6002');
    const [letter] = await t.dataSource.query('SELECT template, title, body FROM letter WHERE service_request_id = $1', [id]);
    expect(letter).toMatchObject({ template: 'CMSL9800', title: 'Mae angen i ni ddiweddaru eich manylion diogelwch' });
    expect(letter.body).toContain('Rydym yn amgáu ffurflen newid manylion diogelwch');
  });
});
