import { ServiceRequest } from '../src/modules/service-requests/service-request.entity';
import { SrKind, SrSourceType, SrStatus, SubjectType } from '../src/modules/service-requests/sr-enums';
import { SR_KINDS } from '../src/modules/service-requests/sr-kinds';
import { Segment } from '../src/authorization/roles';
import { containsInappropriateLanguage } from '../src/modules/security/inappropriate-language';
import { SecurityAccount } from '../src/modules/security/security-account.entity';
import { contactByScin, DEMO } from './support/demo';
import {
  ANSWER_CHECK, answersFor, casesOf, contactIdOf, DEFAULTS, errorOf, fieldsOf, ok, raiseSr, rowCounts, SECRETS, SET_UP,
  setUpSecurityFor, START_CHECK, START_SR, startedSetUpSr, STATUS,
} from './support/security';
import { codesOf, startTestApp, type TestApp } from './support/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const account = (contactId: string) => t.dataSource.getRepository(SecurityAccount).findOneBy({ contactId });
const statusOf = async (contactId: string, staff = 'CW1002') => ok(await t.as(staff)(STATUS, { id: contactId })).contact.securityStatus;

/** An SR inserted as a legacy row would be, bypassing the checks of createServiceRequest. */
async function legacySr(kind: SrKind, contactId: string, subjectType: SubjectType, status = SrStatus.IN_PROGRESS) {
  const def = SR_KINDS[kind];
  const cases = await casesOf(t.dataSource, contactId);
  const owner = await t.dataSource.query(`SELECT id FROM staff WHERE staff_number = 'CW1002'`);
  const sr = await t.dataSource.getRepository(ServiceRequest).save({
    kind, process: def.process, area: def.area, subArea: def.subArea, sourceType: SrSourceType.REPORTING_PERSON,
    sourceFirstName: 'Old', sourceLastName: 'Record', sourceRole: 'PWC', subjectContactId: contactId, subjectType,
    cases: cases.map((row) => ({ id: row.id })) as any, status, subStatus: null, resolutionCode: null, nextActionDue: null,
    ownerId: owner[0].id, segment: Segment.MAINTENANCE, createdAt: t.clock.now(), updatedAt: t.clock.now(),
  });
  await t.dataSource.query(
    `INSERT INTO activity (service_request_id, sequence, name, status) SELECT $1, n, name, 'OPEN' FROM unnest($2::text[]) WITH ORDINALITY AS p(name, n)`,
    [sr.id, def.plan],
  );
  return sr;
}

describe('SEC-1: security set up with PIN, password and seven memorable answers', () => {
  it('SEC-1: set up on a SECURITY_SET_UP SR: details stored, both plan steps done, the SR closed', async () => {
    const alice = await contactIdOf(t.dataSource, DEMO.ordinaryPwc);
    expect(await statusOf(alice)).toMatchObject({ setUp: false, onDefaults: false, blocked: false, failedAttempts: 0 });
    const sr = await setUpSecurityFor(t.as('CW1002'), t.dataSource, alice);
    expect(sr).toMatchObject({ status: 'CLOSED', subStatus: 'COMPLETE', resolutionCode: 'SECURITY_SET_UP', owner: { staffNumber: 'CW1002' } });
    expect(sr.activities.map((step: any) => [step.name, step.status, step.outcome])).toEqual([
      ['Collect Security Questions', 'DONE', 'COLLECTED'],
      ['Set Up PIN And Password', 'DONE', 'PIN_AND_PASSWORD_SET'],
    ]);
    expect(await statusOf(alice)).toMatchObject({ setUp: true, onDefaults: false, blocked: false, setUpAt: t.clock.now().toISOString() });
    const row = await account(alice);
    expect(row).toMatchObject({ onDefaults: false, blocked: false, failedAttempts: 0 });
    expect(Object.keys(row!.answerHashes).sort()).toEqual(['DATE', 'EVENT', 'FIRST_SCHOOL', 'NAME', 'PLACE', 'SINGER', 'TEACHER']);
  });

  it('SEC-1: answers left out are recorded as X', async () => {
    const daniel = await contactIdOf(t.dataSource, DEMO.ordinaryNrpSameCase);
    const details = { pin: '2468013', password: 'Harbour Lights', answers: { name: 'Bramble' } };
    await setUpSecurityFor(t.as('CW1002'), t.dataSource, daniel, details);
    // A check can land on any two questions: answer X for all but NAME.
    const challenge = ok(await t.as('CW1002')(START_CHECK, { contactId: daniel })).startSecurityCheck.challenge;
    const outcome = ok(await t.as('CW1002')(ANSWER_CHECK, { input: answersFor(challenge, { ...details, answers: { name: 'Bramble' } }) }));
    expect(outcome.answerSecurityCheck.passed).toBe(true);
  });

  it('SEC-1: a bad PIN, a missing or offensive password and overlong answers are one BAD_USER_INPUT; nothing is written', async () => {
    const emma = await contactIdOf(t.dataSource, 'SC0000005');
    const sr = await startedSetUpSr(t.as('CW2002'), t.dataSource, emma);
    const cases: [Record<string, unknown>, string[]][] = [
      [{ pin: '123456', password: '' }, ['password', 'pin']],
      [{ pin: '12345678', password: '   ' }, ['password', 'pin']],
      [{ pin: '12a4567', password: 'Sh1t Happens' }, ['password', 'pin']],
      [{ pin: '0000000', password: 'Fine Words', answers: { teacher: 'y'.repeat(51) } }, ['answers.teacher', 'pin']],
      [{ pin: '', password: 'b!tch' }, ['password', 'pin']],
    ];
    const before = await rowCounts(t.dataSource);
    for (const [input, fields] of cases) {
      const res = await t.as('CW2002')(SET_UP, { input: { serviceRequestId: sr.id, ...input } });
      expect(codesOf(res)).toEqual(['BAD_USER_INPUT']);
      expect(fieldsOf(res)).toEqual(fields);
    }
    const badId = await t.as('CW2002')(SET_UP, { input: { serviceRequestId: 'nope', pin: '1', password: '' } });
    expect(fieldsOf(badId)).toEqual(['password', 'pin', 'serviceRequestId']);
    expect(fieldsOf(await t.as('CW2002')(DEFAULTS, { input: { serviceRequestId: 'nope', reason: 'CLIENT_REFUSED' } }))).toEqual(['serviceRequestId']);
    const zeros = await t.as('CW2002')(SET_UP, { input: { serviceRequestId: sr.id, pin: '0000000', password: 'Fine Words' } });
    expect(zeros.errors![0].extensions!.fields).toEqual([{ field: 'pin', message: 'cannot be all zeros' }]);
    const rude = await t.as('CW2002')(SET_UP, { input: { serviceRequestId: sr.id, pin: '1234567', password: 'Fuk3r' } });
    expect(rude.errors![0].extensions!.fields).toEqual([{ field: 'password', message: 'may not contain inappropriate language' }]);
    expect(await rowCounts(t.dataSource)).toEqual(before);
    expect(await account(emma)).toBeNull();
    expect((await t.dataSource.getRepository(ServiceRequest).findOneByOrFail({ id: sr.id })).version).toBe(sr.version);
  });

  it('SEC-1: the inappropriate-language check (the maintained obscenity list) sees through case, separators, substitutions and look-alike letters, and passes innocent names', () => {
    const offensive = ['fuck', 'FuCk123', 'f.u.c.k', 'f u c k', 'sh1t', '5h!t', 'shiiit', 'b1tch', '@$$', 'MyArse1', 'Ass 123',
      'a55hole', 'C0ck', 'tw4t', 'Cr@p', 'bollocks99', 'Pr1ck', 'fück', 'W4NK3R', 'p1ss off',
      // British terms, and Cyrillic look-alike letters (ѕ, і, ս are not Latin).
      'knobhead', 'arsewipe', 'bellend', 'tosser', '\u0455h\u0456t', 'f\u057Dck'];
    const fine = ['Apply Defaults', 'Scunthorpe1', 'classic', 'Arsenal1886', 'peacock', 'Dickens Fan', 'scrap metal',
      'hot water bottle', 'this hit song', 'swanky', 'Cocktail7', 'Sussex', 'Tiger Lily 22', 'grape juice', 'Passage',
      // Names and words a cruder list refuses.
      'Pissarro Painting', 'Fukuoka Trip', 'Mishit Shot', 'Knobbly Knees', 'assassin', 'bass player', 'digital'];
    expect(offensive.filter((word) => !containsInappropriateLanguage(word))).toEqual([]);
    expect(fine.filter((word) => containsInappropriateLanguage(word))).toEqual([]);
  });

  it('SEC-1: once set up (not on defaults), a new set up is refused: details change through a change of security details', async () => {
    const alice = await contactIdOf(t.dataSource, DEMO.ordinaryPwc);
    const res = await raiseSr(t.as('CW1002'), t.dataSource, 'SECURITY_SET_UP', alice);
    expect(errorOf(res)).toMatchObject({ code: 'CONFLICT', reason: 'SECURITY_ALREADY_SET_UP' });
    // The same rule holds on an SR raised before the details were set up.
    const old = await legacySr(SrKind.SECURITY_SET_UP, alice, SubjectType.PWC);
    const again = await t.as('CW1002')(SET_UP, { input: { serviceRequestId: old.id, pin: '9999999', password: 'Other Words' } });
    expect(errorOf(again)).toMatchObject({ code: 'CONFLICT', reason: 'SECURITY_ALREADY_SET_UP' });
  });

  it('SEC-1: set up needs the SR started (IN_PROGRESS) and of kind SECURITY_SET_UP; caseworker roles only', async () => {
    const gwen = await contactIdOf(t.dataSource, 'SC0000007');
    const open = ok(await raiseSr(t.as('CW6002'), t.dataSource, 'SECURITY_SET_UP', gwen)).createServiceRequest.serviceRequest;
    const notStarted = await t.as('CW6002')(SET_UP, { input: { serviceRequestId: open.id, ...SECRETS } });
    expect(errorOf(notStarted)).toMatchObject({ code: 'CONFLICT', reason: 'WRONG_STEP', extensions: { status: 'OPEN' } });
    const other = ok(await raiseSr(t.as('CW6002'), t.dataSource, 'CHANGE_CONTACT_PREFERENCES', gwen)).createServiceRequest.serviceRequest;
    ok(await t.as('CW6002')(START_SR, { input: { id: other.id } }));
    const wrongKind = await t.as('CW6002')(SET_UP, { input: { serviceRequestId: other.id, ...SECRETS } });
    expect(codesOf(wrongKind)).toEqual(['BAD_USER_INPUT']);
    expect(fieldsOf(wrongKind)).toEqual(['serviceRequestId']);
    for (const who of ['FLLS4001', 'SECR5001']) {
      expect(codesOf(await t.as(who)(SET_UP, { input: { serviceRequestId: open.id, ...SECRETS } }))).toEqual(['FORBIDDEN']);
    }
    expect(codesOf(await t.asClient(await contactIdOf(t.dataSource, DEMO.ordinaryPwc))(SET_UP, { input: { serviceRequestId: open.id, ...SECRETS } })))
      .toEqual(['FORBIDDEN']);
    expect(await account(gwen)).toBeNull();
  });
});

describe('SEC-2: defaults when the client cannot be reached or refuses', () => {
  it('SEC-2: PIN 1234567, password Apply Defaults, answers X; marked on defaults; Collect Security Questions done', async () => {
    const huw = await contactIdOf(t.dataSource, 'SC0000008');
    const sr = await startedSetUpSr(t.as('CW6002'), t.dataSource, huw);
    const done = ok(await t.as('CW6002')(DEFAULTS, { input: { serviceRequestId: sr.id, reason: 'CLIENT_UNREACHABLE' } })).applySecurityDefaults.serviceRequest;
    expect(done).toMatchObject({ status: 'CLOSED', subStatus: 'COMPLETE', resolutionCode: 'DEFAULTS_APPLIED' });
    expect(done.activities.find((step: any) => step.name === 'Collect Security Questions')).toMatchObject({
      status: 'DONE', outcome: 'DEFAULTS_APPLIED', outcomeNote: 'CLIENT_UNREACHABLE',
    });
    expect(done.notes[0].text).toContain('could not be reached');
    expect(await statusOf(huw)).toMatchObject({ setUp: true, onDefaults: true, blocked: false });
    // The defaults really are the stored details: a caseworker check with them passes.
    const challenge = ok(await t.as('CW6002')(START_CHECK, { contactId: huw })).startSecurityCheck.challenge;
    const defaults = { pin: '1234567', password: 'Apply Defaults', answers: {} };
    expect(ok(await t.as('CW6002')(ANSWER_CHECK, { input: answersFor(challenge, defaults) })).answerSecurityCheck.passed).toBe(true);
  });

  it('SEC-2: a refusal is recorded as such; the client later sets their own details and leaves defaults', async () => {
    const gwen = await contactIdOf(t.dataSource, 'SC0000007');
    const sr = await startedSetUpSr(t.as('CW6002'), t.dataSource, gwen);
    const done = ok(await t.as('CW6002')(DEFAULTS, { input: { serviceRequestId: sr.id, reason: 'CLIENT_REFUSED' } })).applySecurityDefaults.serviceRequest;
    expect(done.activities[0]).toMatchObject({ name: 'Collect Security Questions', status: 'DONE', outcome: 'DEFAULTS_APPLIED', outcomeNote: 'CLIENT_REFUSED' });
    expect((await account(gwen))!.onDefaults).toBe(true);
    await setUpSecurityFor(t.as('CW6002'), t.dataSource, gwen);
    expect(await statusOf(gwen)).toMatchObject({ setUp: true, onDefaults: false });
  });
});

describe('SEC-8: manually built CSA-arrears-only cases have no security account', () => {
  it('SEC-8: raising a set up or a change for Isla or Jack Foster (case 1200000005) says to raise an incident with AAC', async () => {
    for (const scin of ['SC0000009', 'SC0000010']) {
      const contact = await contactIdOf(t.dataSource, scin);
      const before = await rowCounts(t.dataSource);
      for (const kind of ['SECURITY_SET_UP', 'CHANGE_SECURITY_DETAILS']) {
        const res = await raiseSr(t.as('CW1002'), t.dataSource, kind, contact);
        const error = errorOf(res);
        expect(error).toMatchObject({ code: 'CONFLICT', reason: 'CSA_ARREARS_ONLY' });
        expect(error.message).toContain('Raise an incident with AAC');
      }
      expect(await rowCounts(t.dataSource)).toEqual(before);
    }
  });

  it('SEC-8: a set up SR that exists already (legacy) is refused at the set up itself, writing nothing', async () => {
    const isla = await contactIdOf(t.dataSource, 'SC0000009');
    const sr = await legacySr(SrKind.SECURITY_SET_UP, isla, SubjectType.PWC);
    for (const res of [
      await t.as('CW1002')(SET_UP, { input: { serviceRequestId: sr.id, ...SECRETS } }),
      await t.as('CW1002')(DEFAULTS, { input: { serviceRequestId: sr.id, reason: 'CLIENT_UNREACHABLE' } }),
    ]) {
      expect(errorOf(res)).toMatchObject({ code: 'CONFLICT', reason: 'CSA_ARREARS_ONLY' });
    }
    expect(await account(isla)).toBeNull();
    expect((await t.dataSource.getRepository(ServiceRequest).findOneByOrFail({ id: sr.id })).status).toBe(SrStatus.IN_PROGRESS);
    expect(await statusOf(isla)).toMatchObject({ setUp: false });
  });
});

describe('REP-2: representatives have their own security details; employers have none', () => {
  it("REP-2: a representative's set up is their own, separate from the client's", async () => {
    const mona = await contactIdOf(t.dataSource, 'Mona');
    const brian = await contactIdOf(t.dataSource, DEMO.ordinaryNrpWithRep);
    const sr = await setUpSecurityFor(t.as('CW1002'), t.dataSource, mona, { pin: '7070707', password: 'Counsel Chambers' });
    expect(sr).toMatchObject({ subjectType: 'REPRESENTATIVE', status: 'CLOSED', resolutionCode: 'SECURITY_SET_UP' });
    expect(await statusOf(mona)).toMatchObject({ setUp: true });
    // Nothing is shared with the client: Brian still has no security details and cannot be checked.
    expect(await statusOf(brian)).toMatchObject({ setUp: false });
    expect(errorOf(await t.as('CW1002')(START_CHECK, { contactId: brian }))).toMatchObject({ code: 'CONFLICT', reason: 'SECURITY_NOT_SET_UP' });
    const monaRow = await account(mona);
    await setUpSecurityFor(t.as('CW1002'), t.dataSource, brian, { pin: '7070707', password: 'Counsel Chambers' });
    const brianRow = await account(brian);
    // Same values, separate records: different ciphers and salts.
    expect(brianRow!.pinCipher).not.toBe(monaRow!.pinCipher);
    expect(brianRow!.passwordHashes.exact).not.toBe(monaRow!.passwordHashes.exact);
  });

  it('REP-2: an employer representative has no security questions: a clear CONFLICT on every set up path', async () => {
    const acme = await contactIdOf(t.dataSource, 'Acme Payroll');
    const before = await rowCounts(t.dataSource);
    const raised = await raiseSr(t.as('CW2002'), t.dataSource, 'SECURITY_SET_UP', acme);
    expect(errorOf(raised)).toMatchObject({ code: 'CONFLICT', reason: 'EMPLOYER_REPRESENTATIVE' });
    expect(await rowCounts(t.dataSource)).toEqual(before);
    const legacy = await legacySr(SrKind.SECURITY_SET_UP, acme, SubjectType.REPRESENTATIVE);
    for (const res of [
      await t.as('CW1002')(SET_UP, { input: { serviceRequestId: legacy.id, ...SECRETS } }),
      await t.as('CW1002')(DEFAULTS, { input: { serviceRequestId: legacy.id, reason: 'CLIENT_REFUSED' } }),
    ]) {
      const error = errorOf(res);
      expect(error).toMatchObject({ code: 'CONFLICT', reason: 'EMPLOYER_REPRESENTATIVE' });
      expect(error.message).toContain('employer representative has no security questions');
    }
    expect(await account(acme)).toBeNull();
  });
});

describe('set up and visibility', () => {
  it('SCR-1: a caseworker cannot set up a contact they may not see (sensitive), even on an SR of their segment: FORBIDDEN, nothing written', async () => {
    const chloe = (await contactByScin(t.dataSource, DEMO.sensitivePwc)).id;
    const sr = await legacySr(SrKind.SECURITY_SET_UP, chloe, SubjectType.PWC);
    const res = await t.as('CW1002')(SET_UP, { input: { serviceRequestId: sr.id, ...SECRETS } });
    expect(errorOf(res)).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_PERMITTED' });
    expect(await account(chloe)).toBeNull();
    expect(await statusOf(chloe, 'SCRC3002')).toMatchObject({ setUp: false });
  });
});
