import { DEMO } from './support/demo';
import { grantedRequest } from './support/access-chain';
import {
  acceptedChange, BATCH, CANCEL, contactId, errorOf, LETTER, LETTERS, ok, REISSUE, rowCounts, securityCheck,
  startedDemoSr, startedPreferencesSr, verified,
} from './support/preferences';
import { codesOf, startTestApp, type TestApp } from './support/test-app';

let t: TestApp;
beforeEach(async () => {
  t = await startTestApp();
});
afterEach(() => t.close());

const DAY = 24 * 3600_000;
const letterRow = async (id: string) =>
  (await t.dataSource.query('SELECT status, sent_at, cancelled_at, email_notice_at, channel, format FROM letter WHERE id = $1', [id]))[0];

/** Brian Archer (paying parent) changes to LETTER: the confirmation CMSL9548 is generated. */
async function brianLetter(change: Record<string, unknown> = { preferredContactMethod: 'LETTER' }) {
  const sr = await startedDemoSr(t);
  const brian = await contactId(t, DEMO.ordinaryNrpWithRep);
  await verified(t, 'CW1003', brian);
  return { brian, sr, ...(await acceptedChange(t, 'CW1003', sr.id, change)) };
}

/** Another accepted change for Brian (security already set up): a new SR, a new check. */
async function anotherBrianChange(change: Record<string, unknown>) {
  const brian = await contactId(t, DEMO.ordinaryNrpWithRep);
  const sr = await startedPreferencesSr(t, 'CW1003', brian);
  expect((await securityCheck(t.as('CW1003'), brian)).passed).toBe(true);
  return acceptedChange(t, 'CW1003', sr.id, change);
}

describe('LET-1: letters are filled from the record', () => {
  it('LET-1: CMSL9548 carries the name, address, reference, case and the details now held, dated today', async () => {
    const { letter, brian, sr } = await brianLetter();
    expect(letter).toMatchObject({ template: 'CMSL9548', title: "We've updated your personal details", contactId: brian, serviceRequestId: sr.id });
    expect(letter.body).toContain('Brian Archer\n11 High Street\nNewcastle\nNE1 4XX');
    expect(letter.body).toContain('Date: 2 March 2026');
    expect(letter.body).toContain('Our reference: SC0000002 / case 1200000001');
    expect(letter.body).toContain('as the paying parent');
    // Labels, never the stored codes.
    expect(letter.body).toContain('Preferred contact method: Letter\n');
    expect(letter.body).toContain('Special requirements: None');
    expect(letter.body).toContain('Disability category: None');
    const [row] = await t.dataSource.query('SELECT body FROM letter WHERE id = $1', [letter.id]);
    expect(row.body).toBe(letter.body);
    const read = ok(await t.as('CW1002')(LETTER, { id: letter.id })).letter;
    expect(read).toMatchObject({ id: letter.id, contact: { id: brian, firstName: 'Brian' }, serviceRequest: { id: sr.id } });
  });

  it('LET-1: letters lists newest first, filters by contact, SR, status and template, and pages with a total', async () => {
    const first = await brianLetter();
    t.clock.advance(60_000);
    const second = await anotherBrianChange({ preferredContactMethod: 'EMAIL' });
    t.clock.advance(60_000);
    const third = await anotherBrianChange({ preferredContactMethod: 'SMS' });
    const ids = [third.letter.id, second.letter.id, first.letter.id];
    const all = ok(await t.as('CW1002')(LETTERS, { filter: { contactId: first.brian }, first: 2 })).letters;
    expect(all.totalCount).toBe(3);
    expect(all.edges.map((edge: any) => edge.node.id)).toEqual(ids.slice(0, 2));
    expect(all.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    const rest = ok(await t.as('CW1002')(LETTERS, { filter: { contactId: first.brian }, first: 2, after: all.pageInfo.endCursor })).letters;
    expect(rest.edges.map((edge: any) => edge.node.id)).toEqual(ids.slice(2));
    expect(rest.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });

    const bySr = ok(await t.as('CW1002')(LETTERS, { filter: { serviceRequestId: first.sr.id } })).letters;
    expect(bySr.edges.map((edge: any) => edge.node.id)).toEqual([first.letter.id]);
    ok(await t.as('CW1002')(CANCEL, { id: second.letter.id }));
    const generated = ok(await t.as('CW1002')(LETTERS, { filter: { status: ['GENERATED'], template: ['CMSL9548'] } })).letters;
    expect(generated.edges.map((edge: any) => edge.node.id)).toEqual([third.letter.id, first.letter.id]);
    expect(ok(await t.as('CW1002')(LETTERS, { filter: { template: ['CMSL9547'] } })).letters.totalCount).toBe(0);
  });

  it('bad input: malformed ids and cursors are BAD_USER_INPUT naming the field; intents leave nothing behind', async () => {
    const bad = await t.as('CW1002')(LETTERS, { filter: { contactId: 'x', serviceRequestId: 'y' } });
    expect(errorOf(bad)).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['filter.contactId', 'filter.serviceRequestId'] });
    expect(errorOf(await t.as('CW1002')(LETTERS, { after: 'nope' }))).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['after'] });
    expect(errorOf(await t.as('CW1002')(LETTERS, { first: 0 }))).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['first'] });
    expect(ok(await t.as('CW1002')(LETTER, { id: 'not-an-id' })).letter).toBeNull();
    const before = await rowCounts(t.dataSource);
    for (const operation of [CANCEL, REISSUE]) {
      expect(errorOf(await t.as('CW1002')(operation, { id: '42' }))).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['id'] });
      expect(errorOf(await t.as('CW1002')(operation, { id: '00000000-0000-4000-8000-000000000000' }))).toMatchObject({ code: 'NOT_FOUND' });
    }
    expect(await rowCounts(t.dataSource)).toEqual(before);
  });
});

describe('LET-2: cancellable until the end-of-day batch sends it', () => {
  it('LET-2: a GENERATED letter is cancelled and the batch skips it; a SENT one cannot be cancelled (CONFLICT, unchanged)', async () => {
    const { letter: cancelled } = await brianLetter();
    const { letter: kept } = await anotherBrianChange({ preferredContactMethod: 'EMAIL' });
    const res = ok(await t.as('CW1003')(CANCEL, { id: cancelled.id })).cancelLetter.letter;
    expect(res).toMatchObject({ status: 'CANCELLED', cancelledAt: '2026-03-02T09:00:00.000Z', sentAt: null });
    expect(errorOf(await t.as('CW1003')(CANCEL, { id: cancelled.id }))).toMatchObject({ code: 'CONFLICT', reason: 'LETTER_ALREADY_CANCELLED' });

    t.clock.set('2026-03-02T18:00:00Z');
    expect(ok(await t.as('TL1001')(BATCH)).runLetterBatch).toEqual({ ran: true, posted: 1, online: 0 });
    expect(await letterRow(cancelled.id)).toMatchObject({ status: 'CANCELLED', sent_at: null });
    expect(await letterRow(kept.id)).toMatchObject({ status: 'SENT', sent_at: new Date('2026-03-02T18:00:00Z'), cancelled_at: null });

    const refused = await t.as('CW1003')(CANCEL, { id: kept.id });
    expect(errorOf(refused)).toMatchObject({ code: 'CONFLICT', reason: 'LETTER_ALREADY_SENT' });
    expect(await letterRow(kept.id)).toMatchObject({ status: 'SENT', cancelled_at: null });
    // The batch is idempotent: a second run finds nothing.
    expect(ok(await t.as('SCRM3001')(BATCH)).runLetterBatch).toEqual({ ran: true, posted: 0, online: 0 });
  });

  it('LET-2: a cancel racing the batch ends either cancelled or sent, never both', async () => {
    const { letter } = await brianLetter();
    const [cancel, batch] = await Promise.all([t.as('CW1003')(CANCEL, { id: letter.id }), t.as('TL1001')(BATCH)]);
    const row = await letterRow(letter.id);
    if (cancel.errors) {
      expect(errorOf(cancel).reason).toBe('LETTER_ALREADY_SENT');
      expect(batch.data.runLetterBatch.posted).toBe(1);
      expect(row).toMatchObject({ status: 'SENT', cancelled_at: null });
    } else {
      expect(batch.data.runLetterBatch.posted).toBe(0);
      expect(row).toMatchObject({ status: 'CANCELLED', sent_at: null });
    }
  });

  it('LET-2: only team leaders and the SCR manager run the batch; only caseworking staff cancel', async () => {
    const { letter } = await brianLetter();
    for (const who of ['CW1002', 'FLLS4001', 'SECR5001']) expect(codesOf(await t.as(who)(BATCH))).toEqual(['FORBIDDEN']);
    for (const who of ['FLLS4001', 'SECR5001']) expect(codesOf(await t.as(who)(CANCEL, { id: letter.id }))).toEqual(['FORBIDDEN']);
    const alice = await contactId(t, DEMO.ordinaryPwc);
    expect(codesOf(await t.asClient(alice)(BATCH))).toEqual(['FORBIDDEN']);
    expect(codesOf(await t.asClient(alice)(CANCEL, { id: letter.id }))).toEqual(['FORBIDDEN']);
    expect(await letterRow(letter.id)).toMatchObject({ status: 'GENERATED' });
  });
});

describe('LET-3: reissue as an exact copy with a covering letter; large print and braille', () => {
  it('LET-3: a sent letter is reissued word for word, with a covering letter, in the format needed now', async () => {
    const { letter: original, brian } = await brianLetter();
    expect(original.format).toBe('STANDARD');
    expect(errorOf(await t.as('CW1003')(REISSUE, { id: original.id }))).toMatchObject({ code: 'CONFLICT', reason: 'LETTER_NOT_SENT' });
    ok(await t.as('TL1001')(BATCH));

    // Since then the client asked for large print (a new change, with its own confirmation in large print).
    t.clock.advance(3 * DAY);
    const confirmation = (await anotherBrianChange({ addRequirements: [{ type: 'SIGHT', value: 'LARGE_PRINT' }] })).letter;
    expect(confirmation.format).toBe('LARGE_PRINT');
    const before = await rowCounts(t.dataSource);
    const { reissue, coveringLetter } = ok(await t.as('CW1002')(REISSUE, { id: original.id })).reissueLetter;
    expect(reissue).toMatchObject({
      template: original.template, title: original.title, body: original.body, contactId: brian, serviceRequestId: original.serviceRequestId,
      reissueOfId: original.id, coversLetterId: null, status: 'GENERATED', format: 'LARGE_PRINT', channel: 'POST',
    });
    expect(reissue.body).toContain('Date: 2 March 2026'); // the original's text, not re-rendered on 2026-03-05
    expect(coveringLetter).toMatchObject({ template: 'COVERING_REISSUE', coversLetterId: reissue.id, reissueOfId: null, status: 'GENERATED', format: 'LARGE_PRINT' });
    // The covering letter names the letter it covers, and when that one went.
    expect(coveringLetter.body).toContain(`exact copy of our letter "${original.title}" (CMSL9548), which we sent you on 2 March 2026.`);
    expect(coveringLetter.body).toContain('Date: 5 March 2026');
    expect((await rowCounts(t.dataSource)).letter).toBe(before.letter + 2);
    expect(await letterRow(original.id)).toMatchObject({ status: 'SENT' });
  });

  it('LET-3: cancelling a reissue cancels its covering letter too; the batch sends neither', async () => {
    const { letter: original } = await brianLetter();
    ok(await t.as('TL1001')(BATCH));
    const { reissue, coveringLetter } = ok(await t.as('CW1002')(REISSUE, { id: original.id })).reissueLetter;
    expect(ok(await t.as('CW1002')(CANCEL, { id: reissue.id })).cancelLetter.letter.status).toBe('CANCELLED');
    expect(await letterRow(coveringLetter.id)).toMatchObject({ status: 'CANCELLED' });
    expect(ok(await t.as('TL1001')(BATCH)).runLetterBatch).toMatchObject({ posted: 0 });
  });

  it('LET-3: braille is honoured (and preferred over large print); without sight requirements letters are standard', async () => {
    const { letter } = await brianLetter({ addRequirements: [{ type: 'SIGHT', value: 'LARGE_PRINT' }, { type: 'SIGHT', value: 'BRAILLE' }] });
    expect(letter.format).toBe('BRAILLE');
    expect((await letterRow(letter.id)).format).toBe('BRAILLE');
    const back = await anotherBrianChange({ removeRequirements: [{ type: 'SIGHT', value: 'BRAILLE' }, { type: 'SIGHT', value: 'LARGE_PRINT' }], addRequirements: [{ type: 'SIGHT', value: 'AUDIO_CD' }] });
    expect(back.letter.format).toBe('STANDARD');
  });
});

describe('LET-4: self-service contacts get letters online with an email notice', () => {
  it('LET-4: a SELF_SERVICE client\'s letter is ONLINE; the batch stores it and records the email notice; posted ones get none', async () => {
    const alice = await contactId(t, DEMO.ordinaryPwc);
    const sr = await startedPreferencesSr(t, 'CW1002', alice);
    await verified(t, 'CW1002', alice);
    const online = (await acceptedChange(t, 'CW1002', sr.id, { preferredContactMethod: 'SELF_SERVICE' })).letter;
    expect(online).toMatchObject({ template: 'CMSL9547', channel: 'ONLINE', emailNoticeAt: null });
    const { letter: posted } = await brianLetter();
    expect(posted.channel).toBe('POST');

    // The client sees her letters online once sent, never anyone else's.
    const client = t.asClient(alice);
    expect(ok(await client(LETTERS)).letters.totalCount).toBe(0);
    t.clock.set('2026-03-02T18:30:00Z');
    expect(ok(await t.as('TL1001')(BATCH)).runLetterBatch).toEqual({ ran: true, posted: 1, online: 1 });
    expect(await letterRow(online.id)).toMatchObject({ status: 'SENT', email_notice_at: new Date('2026-03-02T18:30:00Z') });
    expect(await letterRow(posted.id)).toMatchObject({ status: 'SENT', email_notice_at: null });
    const mine = ok(await client(LETTERS)).letters;
    expect(mine.edges.map((edge: any) => [edge.node.id, edge.node.channel, edge.node.emailNoticeAt])).toEqual([
      [online.id, 'ONLINE', '2026-03-02T18:30:00.000Z'],
    ]);
    expect(ok(await client(LETTER, { id: posted.id })).letter).toBeNull();

    // Once she stops using self service, letters go by post again.
    await t.dataSource.query(`UPDATE contact SET self_service_status = 'REGISTERED_INACTIVE' WHERE id = $1`, [alice]);
    const { reissue } = ok(await t.as('CW1002')(REISSUE, { id: online.id })).reissueLetter;
    expect(reissue.channel).toBe('POST');
  });
});

describe('SCR-3: a letter is visible exactly when its contact is', () => {
  it('SCR-3: a letter to a sensitive client answers like a missing id to a caseworker, until a grant; the SCR team sees it', async () => {
    // The SCR team handles Chloe Baker's (sensitive) change of preferences end to end.
    const chloe = await contactId(t, DEMO.sensitivePwc);
    const sr = await startedPreferencesSr(t, 'SCRC3002', chloe);
    await verified(t, 'SCRC3002', chloe);
    const { letter } = await acceptedChange(t, 'SCRC3002', sr.id, { preferredContactMethod: 'LETTER' });
    expect(letter).toMatchObject({ template: 'CMSL9547', contactId: chloe });

    expect(ok(await t.as('CW1002')(LETTER, { id: letter.id })).letter).toBeNull();
    expect(ok(await t.as('CW1002')(LETTERS, { filter: { contactId: chloe } })).letters.totalCount).toBe(0);
    expect(ok(await t.as('CW1002')(LETTERS, { filter: { serviceRequestId: sr.id } })).letters.totalCount).toBe(0);
    expect(ok(await t.as('CW1002')(LETTERS)).letters.totalCount).toBe(0);
    expect(errorOf(await t.as('CW1002')(CANCEL, { id: letter.id }))).toMatchObject({ code: 'NOT_FOUND' });
    expect(codesOf(await t.as('SECR5001')(LETTERS))).toEqual(['FORBIDDEN']);
    expect(ok(await t.as('SCRM3001')(LETTERS)).letters.totalCount).toBe(1);
    expect(await letterRow(letter.id)).toMatchObject({ status: 'GENERATED', cancelled_at: null });

    // With a VIEW_CONTACT grant for Chloe the caseworker reads it, and the read is audited (TAR-8).
    await grantedRequest(t);
    const read = ok(await t.as('CW1002')(LETTER, { id: letter.id })).letter;
    expect(read).toMatchObject({ id: letter.id, contact: { id: chloe } });
    const audited = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_event WHERE action = 'CONTACT_READ_UNDER_GRANT' AND subject_id = $1`, [chloe]);
    expect(audited[0].n).toBeGreaterThan(0);
  });
});

describe('LET-1: a record change is confirmed in writing with the new details', () => {
  it('LET-1: the confirmation shows the method, language, special requirements and disability category now held, as labels', async () => {
    const { letter } = await brianLetter({
      preferredContactMethod: 'EMAIL', disabilityCategory: 'DEAF_HARD_OF_HEARING',
      addRequirements: [{ type: 'HEARING', value: 'INDUCTION_LOOP' }, { type: 'SIGHT', value: 'LARGE_PRINT' }],
    });
    expect(letter.body).toContain('Preferred contact method: Email\n');
    expect(letter.body).toContain('Preferred language: English\n');
    expect(letter.body).toContain('Special requirements: Hearing: Induction loop; Sight: Large print\n');
    expect(letter.body).toContain('Disability category: Deaf or hard of hearing');
    expect(letter.body).not.toMatch(/EMAIL|INDUCTION_LOOP|LARGE_PRINT|DEAF_HARD_OF_HEARING|ENGLISH|HEARING|SIGHT/);
  });

  it('LET-1: a client whose preferred language is Welsh gets the letter in Welsh', async () => {
    const { letter } = await brianLetter({ preferredContactMethod: 'SMS', preferredLanguage: 'WELSH' });
    expect(letter.title).toBe('Rydym wedi diweddaru eich manylion personol');
    expect(letter.body).toContain('Annwyl Brian Archer');
    expect(letter.body).toContain('Dyddiad: 2 Mawrth 2026');
    expect(letter.body).toContain("fel rhiant sy'n talu");
    expect(letter.body).toContain('Dull cysylltu dewisol: Neges destun (SMS)');
    expect(letter.body).toContain('Iaith ddewisol: Cymraeg');
    expect(letter.body).toContain('Y Grŵp Cynhaliaeth Plant');
  });
});
