import { SecurityAccount } from '../src/modules/security/security-account.entity';
import {
  answersFor, ANSWER_CHECK, contactIdOf, errorOf, fieldsOf, ok, rowCounts, setUpSecurityFor, START_CHECK,
} from './support/security';
import { codesOf, startTestApp, type TestApp } from './support/test-app';

/** REP-3: a representative's own security is maintained through its own path, by the owning segment. */

let t: TestApp;
let mona: string;
const MONA = { pin: '4455667', password: 'Counsel Chambers', answers: {} as Record<string, string> };
beforeAll(async () => {
  t = await startTestApp();
  mona = await contactIdOf(t.dataSource, 'Mona');
  await setUpSecurityFor(t.as('CW1002'), t.dataSource, mona, { pin: MONA.pin, password: MONA.password });
});
afterAll(() => t.close());

const MAINTAIN = `mutation($input: MaintainRepresentativeSecurityInput!) { maintainRepresentativeSecurity(input: $input) {
  unblocked pinChanged passwordChanged representative { id securityStatus { blocked failedAttempts } } } }`;
const accountOf = (contactId: string) => t.dataSource.getRepository(SecurityAccount).findOneByOrFail({ contactId });

async function check(details: { pin: string; password: string; answers: Record<string, string> }, staff = 'CW1002') {
  const challenge = ok(await t.as(staff)(START_CHECK, { contactId: mona })).startSecurityCheck.challenge;
  // Memorable answers were not given at set up: every one is the default X (SEC-1).
  const answers = Object.fromEntries(challenge.questions.map((q: string) => [q.toLowerCase().replace(/_(\w)/g, (_m: string, c: string) => c.toUpperCase()), 'X']));
  return ok(await t.as(staff)(ANSWER_CHECK, { input: answersFor(challenge, { ...details, answers }) })).answerSecurityCheck;
}

async function block() {
  for (let i = 0; i < 3; i++) await check({ ...MONA, password: 'wrong' });
  expect((await accountOf(mona)).blocked).toBe(true);
}

describe('REP-3: Client Representative - Maintain', () => {
  it('REP-3: the owning segment unblocks a representative blocked after three failures; the same details then pass', async () => {
    await block();
    expect((await check(MONA)).passed).toBe(false); // blocked: fails every check (SEC-5)
    const done = ok(await t.as('CW1002')(MAINTAIN, { input: { representativeId: mona, unblock: true } })).maintainRepresentativeSecurity;
    expect(done).toMatchObject({ unblocked: true, pinChanged: false, passwordChanged: false, representative: { securityStatus: { blocked: false, failedAttempts: 0 } } });
    expect((await check(MONA)).passed).toBe(true);
    // Unblocking an account that is not blocked does nothing and says so.
    const before = await accountOf(mona);
    expect(errorOf(await t.as('CW1002')(MAINTAIN, { input: { representativeId: mona, unblock: true } }))).toMatchObject({ code: 'CONFLICT', reason: 'NOT_BLOCKED' });
    expect(await accountOf(mona)).toEqual(before);
  });

  it('REP-3: a new PIN and password replace the old ones (and unblock); the old ones fail, nothing secret is returned', async () => {
    await block();
    const fresh = { pin: '7310264', password: 'Harbour Lantern', answers: {} };
    const res = await t.as('CW1002')(MAINTAIN, { input: { representativeId: mona, newPin: fresh.pin, newPassword: fresh.password } });
    expect(ok(res).maintainRepresentativeSecurity).toMatchObject({ unblocked: true, pinChanged: true, passwordChanged: true });
    expect(JSON.stringify(res)).not.toContain(fresh.pin);
    expect(JSON.stringify(res)).not.toContain(fresh.password);
    expect((await check(MONA)).passed).toBe(false);
    expect((await check(fresh)).passed).toBe(true);
    MONA.pin = fresh.pin;
    MONA.password = fresh.password;
  });

  it('REP-3: only the segment owning a case of the represented client may: another segment is FORBIDDEN, a reviewer and a client too', async () => {
    await block();
    const before = await accountOf(mona);
    // Mona acts for a client on a MAINTENANCE case: the Welsh and Enforcement caseworkers see her but do not own her.
    for (const staff of ['CW6002', 'CW2002']) {
      expect(errorOf(await t.as(staff)(MAINTAIN, { input: { representativeId: mona, unblock: true } }))).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_PERMITTED' });
    }
    expect(codesOf(await t.as('SECR5001')(MAINTAIN, { input: { representativeId: mona, unblock: true } }))).toEqual(['FORBIDDEN']);
    // Not through self service either, not even for herself.
    await t.dataSource.query(`UPDATE contact SET self_service_status = 'REGISTERED_ACTIVE' WHERE id = $1`, [mona]);
    expect(codesOf(await t.asClient(mona)(MAINTAIN, { input: { representativeId: mona, unblock: true } }))).toEqual(['FORBIDDEN']);
    expect(await accountOf(mona)).toEqual(before);
    // The team leader of the owning segment may.
    ok(await t.as('TL1001')(MAINTAIN, { input: { representativeId: mona, unblock: true } }));
  });

  it('REP-3: never a client: their details change through a change of security details (REP-1 the other way round)', async () => {
    const alice = await contactIdOf(t.dataSource, 'SC0000001');
    await setUpSecurityFor(t.as('CW1002'), t.dataSource, alice);
    const before = await rowCounts(t.dataSource);
    const error = errorOf(await t.as('CW1002')(MAINTAIN, { input: { representativeId: alice, newPin: '7654321' } }));
    expect(error).toMatchObject({ code: 'CONFLICT', reason: 'NOT_A_REPRESENTATIVE', extensions: { procedure: 'Change of security details' } });
    expect(await rowCounts(t.dataSource)).toEqual(before);
  });

  it('REP-3: an employer representative has no security to maintain (REP-2); the SCR team owns representatives of sensitive clients', async () => {
    const acme = await contactIdOf(t.dataSource, 'Acme Payroll');
    // Acme acts for a sensitive client: a Maintenance caseworker does not own it.
    expect(errorOf(await t.as('CW1002')(MAINTAIN, { input: { representativeId: acme, unblock: true } })).code).toMatch(/FORBIDDEN|NOT_FOUND/);
    expect(errorOf(await t.as('SCRC3002')(MAINTAIN, { input: { representativeId: acme, unblock: true } }))).toMatchObject({
      code: 'CONFLICT', reason: 'EMPLOYER_REPRESENTATIVE',
    });
  });

  it('REP-3: bad input answers BAD_USER_INPUT naming the fields, never echoing values, and writes nothing', async () => {
    const before = await accountOf(mona);
    expect(fieldsOf(await t.as('CW1002')(MAINTAIN, { input: { representativeId: mona } }))).toEqual(['unblock']);
    const bad = await t.as('CW1002')(MAINTAIN, { input: { representativeId: 'nope', newPin: '0000000', newPassword: '   ' } });
    expect(fieldsOf(bad)).toEqual(['newPassword', 'newPin', 'representativeId']);
    expect(JSON.stringify(bad)).not.toContain('0000000');
    expect(errorOf(await t.as('CW1002')(MAINTAIN, { input: { representativeId: '00000000-0000-4000-8000-000000000001', unblock: true } })).code).toBe('NOT_FOUND');
    expect(await accountOf(mona)).toEqual(before);
  });
});
