import { SecurityAccount } from '../src/modules/security/security-account.entity';
import { SecurityCheck } from '../src/modules/security/security-check.entity';
import { hasPassedSecurityCheck, VERIFICATION_WINDOW_MS } from '../src/modules/security/verification';
import { principalInRole } from '../src/authorization/principal';
import { StaffRole } from '../src/authorization/roles';
import { DEMO } from './support/demo';
import {
  ANSWER_CHECK, answersFor, contactIdOf, errorOf, fieldsOf, ok, rowCounts, SECRETS, setUpSecurityFor, START_CHECK, STATUS,
} from './support/security';
import { codesOf, startTestApp, type TestApp } from './support/test-app';

let t: TestApp;
let alice: string; // self-service registered
let daniel: string;
let emma: string;
beforeAll(async () => {
  t = await startTestApp();
  alice = await contactIdOf(t.dataSource, DEMO.ordinaryPwc);
  daniel = await contactIdOf(t.dataSource, DEMO.ordinaryNrpSameCase);
  emma = await contactIdOf(t.dataSource, 'SC0000005');
  for (const contact of [alice, daniel]) await setUpSecurityFor(t.as('CW1002'), t.dataSource, contact);
  await setUpSecurityFor(t.as('CW2002'), t.dataSource, emma);
});
afterAll(() => t.close());

const swapCase = (text: string) => [...text].map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join('');
const wrongPassword = (text: string) => (text === SECRETS.password ? 'Not The Password' : text);
/** The member of staff on the call: a pass verifies their contact with the client (PREF-3). */
async function staffPrincipal(staffNumber: string) {
  const [row] = await t.dataSource.query('SELECT id FROM staff WHERE staff_number = $1', [staffNumber]);
  return principalInRole(StaffRole.CASEWORKER, { id: row.id, staffNumber });
}
const verified = async (contactId: string, staff = 'CW1002') => hasPassedSecurityCheck(t.dataSource.manager, contactId, t.clock.now(), await staffPrincipal(staff));
const accountOf = (contactId: string) => t.dataSource.getRepository(SecurityAccount).findOneByOrFail({ contactId });

async function check(who: 'staff' | 'client', contactId: string, transform?: (text: string) => string, staff = 'CW1002') {
  const client = who === 'staff' ? t.as(staff) : t.asClient(contactId);
  const challenge = ok(await client(START_CHECK, { contactId })).startSecurityCheck.challenge;
  return ok(await client(ANSWER_CHECK, { input: answersFor(challenge, SECRETS, transform) })).answerSecurityCheck;
}

describe('SEC-4: two PIN digits, the password and two memorable answers, picked by the system', () => {
  it('SEC-4: a challenge asks two distinct PIN positions and two distinct questions, kept server side with an expiry', async () => {
    const seenPositions = new Set<string>();
    const seenQuestions = new Set<string>();
    for (let i = 0; i < 12; i++) {
      const challenge = ok(await t.as('CW1002')(START_CHECK, { contactId: daniel })).startSecurityCheck.challenge;
      expect(challenge).toMatchObject({ contactId: daniel, channel: 'CASEWORKER' });
      expect(new Set(challenge.pinPositions).size).toBe(2);
      expect(challenge.pinPositions.every((p: number) => p >= 1 && p <= 7)).toBe(true);
      expect(new Set(challenge.questions).size).toBe(2);
      expect(new Date(challenge.expiresAt).getTime()).toBe(t.clock.now().getTime() + 10 * 60_000);
      const row = await t.dataSource.getRepository(SecurityCheck).findOneByOrFail({ id: challenge.id });
      expect(row).toMatchObject({ pinPositions: challenge.pinPositions, questions: challenge.questions, result: null });
      seenPositions.add(challenge.pinPositions.join());
      seenQuestions.add(challenge.questions.join());
      ok(await t.as('CW1002')(ANSWER_CHECK, { input: answersFor(challenge, SECRETS) }));
    }
    // Random picks: twelve challenges do not all ask the same thing.
    expect(seenPositions.size).toBeGreaterThan(1);
    expect(seenQuestions.size).toBeGreaterThan(1);
  });

  it('SEC-4: asking again while a challenge is open gives the same challenge (no shopping for easier questions)', async () => {
    const first = ok(await t.as('CW1002')(START_CHECK, { contactId: daniel })).startSecurityCheck.challenge;
    const second = ok(await t.as('CW1003')(START_CHECK, { contactId: daniel })).startSecurityCheck.challenge;
    expect(second).toEqual(first);
    t.clock.advance(10 * 60_000);
    const third = ok(await t.as('CW1002')(START_CHECK, { contactId: daniel })).startSecurityCheck.challenge;
    expect(third.id).not.toBe(first.id);
    ok(await t.as('CW1002')(ANSWER_CHECK, { input: answersFor(third, SECRETS) }));
  });

  it('SEC-4: caseworker checks are not case sensitive', async () => {
    expect(await check('staff', daniel, (text) => text.toUpperCase())).toMatchObject({ passed: true, failedAttempts: 0 });
    expect(await check('staff', daniel, (text) => `  ${swapCase(text)} `)).toMatchObject({ passed: true });
    expect(await check('staff', daniel, wrongPassword)).toMatchObject({ passed: false, failedAttempts: 1 });
    expect(await check('staff', daniel)).toMatchObject({ passed: true, failedAttempts: 0 });
  });

  it('SEC-4: self-service checks are case sensitive, and a client checks only themselves', async () => {
    expect(await check('client', alice)).toMatchObject({ passed: true });
    expect(await check('client', alice, (text) => text.toLowerCase())).toMatchObject({ passed: false, failedAttempts: 1 });
    expect(await check('client', alice)).toMatchObject({ passed: true, failedAttempts: 0 });
    expect((await t.dataSource.getRepository(SecurityCheck).findBy({ contactId: alice })).every((row) => row.channel === 'SELF_SERVICE')).toBe(true);
    // Another contact's record answers as missing; so does a caseworker's challenge.
    expect(codesOf(await t.asClient(alice)(START_CHECK, { contactId: daniel }))).toEqual(['NOT_FOUND']);
    const staffChallenge = ok(await t.as('CW1002')(START_CHECK, { contactId: alice })).startSecurityCheck.challenge;
    expect(codesOf(await t.asClient(alice)(ANSWER_CHECK, { input: answersFor(staffChallenge, SECRETS) }))).toEqual(['NOT_FOUND']);
    ok(await t.as('CW1002')(ANSWER_CHECK, { input: answersFor(staffChallenge, SECRETS) }));
  });

  it('SEC-4: a pass verifies the contact for 30 minutes (hasPassedSecurityCheck); a later failure ends it', async () => {
    t.clock.advance(VERIFICATION_WINDOW_MS + 1);
    expect(await verified(daniel)).toBe(false);
    const passed = await check('staff', daniel);
    expect(new Date(passed.verifiedUntil).getTime()).toBe(t.clock.now().getTime() + VERIFICATION_WINDOW_MS);
    expect(await verified(daniel)).toBe(true);
    expect(ok(await t.as('CW1002')(STATUS, { id: daniel })).contact.securityStatus.verifiedUntil).toBe(passed.verifiedUntil);
    expect(await verified(emma)).toBe(false);
    expect(await hasPassedSecurityCheck(t.dataSource.manager, 'not-an-id', t.clock.now(), await staffPrincipal('CW1002'))).toBe(false);
    t.clock.advance(VERIFICATION_WINDOW_MS - 1);
    expect(await verified(daniel)).toBe(true);
    t.clock.advance(1);
    expect(await verified(daniel)).toBe(false);

    await check('staff', daniel);
    expect(await verified(daniel)).toBe(true);
    await check('staff', daniel, wrongPassword);
    expect(await verified(daniel)).toBe(false);
    await check('staff', daniel);
  });

  it('SEC-4: bad input, expired and already answered challenges are refused without counting a failure', async () => {
    const challenge = ok(await t.as('CW1002')(START_CHECK, { contactId: daniel })).startSecurityCheck.challenge;
    const before = await rowCounts(t.dataSource);
    const failedBefore = (await accountOf(daniel)).failedAttempts;
    const bad = await t.as('CW1002')(ANSWER_CHECK, {
      input: { checkId: 'x', pinDigits: ['1'], password: ' ', answers: [{ question: 'NAME', answer: '' }] },
    });
    expect(codesOf(bad)).toEqual(['BAD_USER_INPUT']);
    expect(fieldsOf(bad)).toEqual(['answers', 'answers[0].answer', 'checkId', 'password', 'pinDigits']);
    const valid = answersFor(challenge, SECRETS);
    const notAsked = ['NAME', 'TEACHER', 'PLACE', 'SINGER', 'DATE', 'EVENT', 'FIRST_SCHOOL'].filter((q) => !challenge.questions.includes(q));
    const wrongQuestions = await t.as('CW1002')(ANSWER_CHECK, {
      input: { ...valid, answers: notAsked.slice(0, 2).map((question) => ({ question, answer: 'X' })) },
    });
    expect(fieldsOf(wrongQuestions)).toEqual(['answers']);
    expect(await rowCounts(t.dataSource)).toEqual(before);
    expect((await accountOf(daniel)).failedAttempts).toBe(failedBefore);
    expect((await t.dataSource.getRepository(SecurityCheck).findOneByOrFail({ id: challenge.id })).result).toBeNull();

    t.clock.advance(10 * 60_000);
    expect(errorOf(await t.as('CW1002')(ANSWER_CHECK, { input: valid }))).toMatchObject({ code: 'CONFLICT', reason: 'CHECK_EXPIRED' });
    const fresh = ok(await t.as('CW1002')(START_CHECK, { contactId: daniel })).startSecurityCheck.challenge;
    ok(await t.as('CW1002')(ANSWER_CHECK, { input: answersFor(fresh, SECRETS) }));
    expect(errorOf(await t.as('CW1002')(ANSWER_CHECK, { input: answersFor(fresh, SECRETS) }))).toMatchObject({ code: 'CONFLICT', reason: 'CHECK_ALREADY_ANSWERED' });
    expect((await accountOf(daniel)).failedAttempts).toBe(0);
  });

  it('SEC-4: only caseworkers and the client themselves check; hidden and unset contacts are refused', async () => {
    for (const who of ['FLLS4001', 'SECR5001']) expect(codesOf(await t.as(who)(START_CHECK, { contactId: daniel }))).toEqual(['FORBIDDEN']);
    const chloe = await contactIdOf(t.dataSource, DEMO.sensitivePwc);
    const hidden = await t.as('CW1002')(START_CHECK, { contactId: chloe });
    const missing = await t.as('CW1002')(START_CHECK, { contactId: '00000000-0000-4000-8000-000000000000' });
    expect(hidden.errors).toEqual(missing.errors);
    expect(codesOf(hidden)).toEqual(['NOT_FOUND']);
    expect(errorOf(await t.as('CW1002')(START_CHECK, { contactId: await contactIdOf(t.dataSource, 'SC0000008') })))
      .toMatchObject({ code: 'CONFLICT', reason: 'SECURITY_NOT_SET_UP' });
    expect(fieldsOf(await t.as('CW1002')(START_CHECK, { contactId: 'nope' }))).toEqual(['contactId']);
  });
});

describe('SEC-5: three consecutive failures block the account', () => {
  it('SEC-5: a pass resets the count; three failures in a row block; blocked fails every check; status visible to caseworkers', async () => {
    expect(await check('staff', emma, wrongPassword, 'CW2002')).toMatchObject({ passed: false, failedAttempts: 1, attemptsRemaining: 2, blocked: false });
    expect(await check('staff', emma, wrongPassword, 'CW2002')).toMatchObject({ failedAttempts: 2, attemptsRemaining: 1 });
    expect(await check('staff', emma, undefined, 'CW2002')).toMatchObject({ passed: true, failedAttempts: 0, attemptsRemaining: 3 });
    await check('staff', emma, wrongPassword, 'CW2002');
    await check('staff', emma, wrongPassword, 'CW2002');
    expect((await accountOf(emma)).blocked).toBe(false);
    const third = await check('staff', emma, wrongPassword, 'CW2002');
    expect(third).toMatchObject({ passed: false, blocked: true, failedAttempts: 3, attemptsRemaining: 0, verifiedUntil: null });
    expect(await accountOf(emma)).toMatchObject({ blocked: true, failedAttempts: 3, blockedAt: t.clock.now() });
    const status = ok(await t.as('TL2001')(STATUS, { id: emma })).contact.securityStatus;
    expect(status).toMatchObject({ setUp: true, blocked: true, failedAttempts: 3, blockedAt: t.clock.now().toISOString(), verifiedUntil: null });

    // Correct answers still fail while blocked, and nothing verifies the contact.
    for (let i = 0; i < 2; i++) expect(await check('staff', emma, undefined, 'CW2002')).toMatchObject({ passed: false, blocked: true });
    expect(await verified(emma)).toBe(false);
    expect((await accountOf(emma)).blocked).toBe(true);
  });

  it('SEC-5: self-service failures count the same way', async () => {
    for (let i = 1; i <= 3; i++) expect(await check('client', alice, swapCase)).toMatchObject({ passed: false, failedAttempts: i });
    expect(await check('client', alice)).toMatchObject({ passed: false, blocked: true });
    expect(ok(await t.as('CW1002')(STATUS, { id: alice })).contact.securityStatus).toMatchObject({ blocked: true });
  });
});
