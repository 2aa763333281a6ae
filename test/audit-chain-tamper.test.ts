import { runAuditVerify } from '../src/cli/audit-verify';
import { CONTACT, grantedRequest, ok } from './support/access-chain';
import { contactByScin, DEMO } from './support/demo';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * AUD-3 against a database superuser: they switch triggers off for their own transaction
 * (session_replication_role = replica, a superuser-only setting) and change rows at will; nothing in
 * the schema is disabled or altered. Each test tampers, checks what verification reports, and the
 * chain is put back afterwards from a copy taken before.
 */
const VERIFY = `query($checkpoints: [String!]) { verifyAuditTrail(checkpoints: $checkpoints) {
  ok checked head { seq hash } firstBreak { kind seq eventId } checkpointsCompared } }`;
const SIGN = 'mutation { signAuditCheckpoint { checkpoint { seq hash policyVersion issuedAt token } } }';

let t: TestApp;
let n: number;
beforeAll(async () => {
  t = await startTestApp();
  await grantedRequest(t, { grantedHours: 2 });
  const chloeId = (await contactByScin(t.dataSource, DEMO.sensitivePwc)).id;
  for (let i = 0; i < 3; i += 1) ok(await t.as('CW1002')(CONTACT, { id: chloeId }));
  ok(await t.as('CW1002')('{ contacts(first: 100) { edges { node { id } } } }'));
  n = (await t.dataSource.query('SELECT count(*)::int AS n FROM audit_event'))[0].n;
});
afterAll(() => t.close());

/** Runs statements as a superuser whose transaction fires no trigger. */
const asSuperuser = (...statements: string[]) => t.dataSource.transaction(async (tx) => {
  await tx.query('SET LOCAL session_replication_role = replica');
  for (const statement of statements) await tx.query(statement);
});

const COPIES = [['audit_event', 'saved_events'], ['audit_chain_head', 'saved_head'], ['audit_checkpoint', 'saved_checkpoints']];
beforeEach(() => asSuperuser(...COPIES.flatMap(([table, copy]) => [`DROP TABLE IF EXISTS ${copy}`, `CREATE TABLE ${copy} AS SELECT * FROM ${table}`])));
afterEach(async () => {
  await asSuperuser(...COPIES.flatMap(([table, copy]) => [`DELETE FROM ${table}`, `INSERT INTO ${table} OVERRIDING SYSTEM VALUE SELECT * FROM ${copy}`]));
  // Put back exactly as it was: it verifies again.
  expect(await verify()).toMatchObject({ ok: true, checked: n });
});

const verify = async (checkpoints?: string[]) => ok(await t.as('SECR5001')(VERIFY, { checkpoints })).verifyAuditTrail;
const sign = async () => ok(await t.as('SECR5001')(SIGN)).signAuditCheckpoint.checkpoint;
const idAt = async (seq: number) => (await t.dataSource.query('SELECT id::text AS id FROM audit_event WHERE seq = $1', [seq]))[0].id as string;

/** A superuser who covers their tracks: the head moved back to the new last event, stored checkpoints deleted. */
const coverTracks = (lastSeq: number) => [
  `UPDATE audit_chain_head SET seq = ${lastSeq}, hash = (SELECT hash FROM audit_event WHERE seq = ${lastSeq})`,
  'DELETE FROM audit_checkpoint',
];

describe('AUD-3: verifying the chain detects any edit or deletion, even by a database superuser', () => {
  it('AUD-3: an edit of one event\'s details is detected at that seq, as EDITED', async () => {
    const k = Math.floor(n / 2);
    const eventId = await idAt(k);
    await asSuperuser(`UPDATE audit_event SET details = jsonb_build_object('reason', 'nothing to see') WHERE seq = ${k}`);
    expect(await verify()).toMatchObject({ ok: false, checked: k - 1, firstBreak: { kind: 'EDITED', seq: String(k), eventId } });
  });

  it('AUD-3: an edit of the actor or the time (not the details) is detected too', async () => {
    await asSuperuser(`UPDATE audit_event SET occurred_at = occurred_at + interval '1 microsecond' WHERE seq = 3`);
    expect((await verify()).firstBreak).toMatchObject({ kind: 'EDITED', seq: '3' });
    await asSuperuser(`UPDATE audit_event SET actor_id = NULL, occurred_at = occurred_at - interval '1 microsecond' WHERE seq = 2`);
    expect((await verify()).firstBreak).toMatchObject({ kind: 'EDITED', seq: '2' });
  });

  it('AUD-3: deleting a middle event is detected at its seq, as MISSING', async () => {
    await asSuperuser('DELETE FROM audit_event WHERE seq = 4');
    expect(await verify()).toMatchObject({ ok: false, checked: 3, firstBreak: { kind: 'MISSING', seq: '4', eventId: null } });
  });

  it('AUD-3: a deletion covered by renumbering and rehashing the later events is detected, as REORDERED', async () => {
    await asSuperuser('DELETE FROM audit_event WHERE seq = 4', `DO $$ DECLARE e audit_event; BEGIN
      FOR e IN SELECT * FROM audit_event WHERE seq > 4 ORDER BY seq LOOP
        e.seq := e.seq - 1; e.hash := audit_event_hash(e);
        UPDATE audit_event SET seq = e.seq, hash = e.hash WHERE id = e.id;
      END LOOP; END $$`, ...coverTracks(n - 1));
    expect(await verify()).toMatchObject({ ok: false, checked: 3, firstBreak: { kind: 'REORDERED', seq: '4' } });
  });

  it('AUD-3: deleting the newest events is detected against the head record, as TRUNCATED', async () => {
    await asSuperuser(`DELETE FROM audit_event WHERE seq > ${n - 2}`);
    expect(await verify()).toMatchObject({ ok: false, checked: n - 2, firstBreak: { kind: 'TRUNCATED', seq: String(n - 1) } });
  });

  it('AUD-3: deleting the newest events and covering the tracks is detected against a checkpoint kept outside (API or log)', async () => {
    const kept = await sign();
    expect(kept).toMatchObject({ seq: String(n), token: expect.stringMatching(/^acp1\./) });
    // The head is published outside the database: the log line carries the same signed checkpoint.
    const logged = t.logLines.find((line) => line.includes(kept.token));
    expect(JSON.parse(logged!)).toMatchObject({ msg: expect.stringContaining('audit chain head'), auditChain: { seq: String(n), hash: kept.hash } });
    // The stored checkpoint alone catches a careless superuser.
    await asSuperuser(`DELETE FROM audit_event WHERE seq > ${n - 2}`, `UPDATE audit_chain_head SET seq = ${n - 2}, hash = (SELECT hash FROM audit_event WHERE seq = ${n - 2})`);
    expect((await verify()).firstBreak).toMatchObject({ kind: 'TRUNCATED', seq: String(n - 1) });
    // One who also deletes the stored checkpoints leaves a consistent chain: only the kept copy shows it.
    await asSuperuser('DELETE FROM audit_checkpoint');
    expect(await verify()).toMatchObject({ ok: true, checked: n - 2 });
    expect(await verify([kept.token])).toMatchObject({ ok: false, checkpointsCompared: 1, firstBreak: { kind: 'TRUNCATED', seq: String(n - 1) } });
  });

  it('AUD-3: a chain rewritten with recomputed hashes is detected against a checkpoint, as REWRITTEN', async () => {
    const kept = await sign();
    await asSuperuser(`DO $$ DECLARE e audit_event; prev character(64); BEGIN
      SELECT prev_hash INTO prev FROM audit_event WHERE seq = 2;
      FOR e IN SELECT * FROM audit_event WHERE seq >= 2 ORDER BY seq LOOP
        IF e.seq = 2 THEN e.details := '{"reason": "rewritten"}'; END IF;
        e.prev_hash := prev; e.hash := audit_event_hash(e);
        UPDATE audit_event SET details = e.details, prev_hash = e.prev_hash, hash = e.hash WHERE id = e.id;
        prev := e.hash;
      END LOOP;
      UPDATE audit_chain_head SET hash = prev; END $$`, 'DELETE FROM audit_checkpoint');
    expect(await verify()).toMatchObject({ ok: true, checked: n });
    expect(await verify([kept.token])).toMatchObject({ ok: false, firstBreak: { kind: 'REWRITTEN', seq: String(n), eventId: await idAt(n) } });
  });

  it('AUD-3: an event slipped in around the chain is detected, as UNCHAINED', async () => {
    await asSuperuser(`ALTER TABLE audit_event ALTER seq DROP NOT NULL, ALTER prev_hash DROP NOT NULL, ALTER hash DROP NOT NULL`,
      `INSERT INTO audit_event (occurred_at, actor_type, action, subject_type, subject_id, outcome) VALUES (now(), 'SYSTEM', 'GRANT_EXPIRED', 'Test', 'slipped', 'SUCCESS')`);
    try {
      expect((await verify()).firstBreak).toMatchObject({ kind: 'UNCHAINED', seq: null });
    } finally {
      await asSuperuser(`DELETE FROM audit_event WHERE subject_id = 'slipped'`,
        'ALTER TABLE audit_event ALTER seq SET NOT NULL, ALTER prev_hash SET NOT NULL, ALTER hash SET NOT NULL');
    }
  });
});

describe('AUD-3: npm run audit:verify', () => {
  const run = async (args: string[] = []) => {
    const lines: string[] = [];
    const code = await runAuditVerify(args, { dataSource: t.dataSource, config: t.config, out: (line) => lines.push(line) });
    return { code, output: lines.join('\n') };
  };

  it('AUD-3: exits 0 on an intact chain, 1 on a broken one naming the seq, 2 on a checkpoint that is not ours', async () => {
    const kept = await sign();
    expect(await run(['--checkpoint', kept.token])).toMatchObject({ code: 0, output: expect.stringContaining(`audit chain intact: ${n} events`) });
    await asSuperuser(`UPDATE audit_event SET outcome = 'DENIED' WHERE seq = 5`);
    const broken = await run();
    expect(broken).toMatchObject({ code: 1, output: expect.stringContaining('BROKEN at seq 5: EDITED') });
    expect(JSON.parse(broken.output.slice(0, broken.output.lastIndexOf('}') + 1))).toMatchObject({ ok: false, checked: 4 });
    expect((await run(['--checkpoint', kept.token.replace(/.$/, (c: string) => (c === 'A' ? 'B' : 'A'))])).code).toBe(2);
    expect((await run(['--bogus'])).code).toBe(2);
  });
});
