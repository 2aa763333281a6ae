import { createMongoAbility } from '@casl/ability';
import { Writable } from 'node:stream';
import { checkpointKey, latestStoredCheckpoint } from '../src/audit-trail/audit-checkpoint';
import { chainHeadPublisher } from '../src/audit-trail/publish-head';
import { createLogger } from '../src/server/logger';
import { AuditAction, AuditSubject, recordAudit, recordSystemAudit } from '../src/audit-trail/audit-trail';
import { verifyAuditChain } from '../src/audit-trail/verify-chain';
import { currentPolicyVersion, policyVersionOf } from '../src/audit-trail/policy-version';
import { type AppAbility, buildAbility, RuleReason } from '../src/authorization/ability';
import type { Principal } from '../src/authorization/principal';
import type { RequestContext } from '../src/request/context';
import { CONTACT, grantedRequest, ok } from './support/access-chain';
import { openTestDatabase } from './support/database';
import { contactByScin, DEMO } from './support/demo';
import { codesOf, startTestApp, type TestApp } from './support/test-app';

const VERIFY = `query($checkpoints: [String!]) { verifyAuditTrail(checkpoints: $checkpoints) {
  ok checked head { seq hash } firstBreak { kind seq eventId } checkpointsCompared policyVersion verifiedAt } }`;

let t: TestApp;
let grant: any;
let chloeId: string;
beforeAll(async () => {
  t = await startTestApp();
  chloeId = (await contactByScin(t.dataSource, DEMO.sensitivePwc)).id;
  grant = (await grantedRequest(t, { grantedHours: 2 })).grant;
  ok(await t.as('CW1002')(CONTACT, { id: chloeId }));
});
afterAll(() => t.close());

const count = async () => (await t.dataSource.query('SELECT count(*)::int AS n FROM audit_event'))[0].n as number;
const verify = async (checkpoints?: string[]) => ok(await t.as('SECR5001')(VERIFY, { checkpoints })).verifyAuditTrail;

describe('AUD-3: the chain as written', () => {
  it('AUD-3: an untouched chain verifies: every event in order, gapless from 1, the head is the last event', async () => {
    const report = await verify();
    const n = await count();
    expect(n).toBeGreaterThan(4);
    expect(report).toMatchObject({ ok: true, checked: n, firstBreak: null, head: { seq: String(n) }, policyVersion: currentPolicyVersion() });
    const seqs = (await t.dataSource.query('SELECT seq::int AS seq FROM audit_event ORDER BY seq')).map((row: any) => row.seq);
    expect(seqs).toEqual(Array.from({ length: n }, (_, i) => i + 1));
    const [head] = await t.dataSource.query('SELECT seq::int AS seq, hash FROM audit_chain_head');
    expect(head).toEqual({ seq: n, hash: report.head.hash });
  });

  it('AUD-3: the TypeScript verifier and the database agree on awkward content (unicode, escapes, numbers, several rows in one insert)', async () => {
    const details = [
      { note: 'emoji 🧾 and combining é, CJK 監査', quote: '"\\\n\t', number: 1.5, big: 12345678901234567890, nested: { z: [1, { b: null }], a: true } },
      { 'key with spaces': '', '': 'empty key', unicodeEscape: '\u0001\u2028' },
    ];
    await t.dataSource.transaction((tx) => Promise.all(details.map((detail, i) =>
      recordSystemAudit(tx, new Date('2026-03-02T09:00:00.123Z'), { action: AuditAction.GRANT_EXPIRED, subjectType: AuditSubject.CONTACT, subjectId: `awkward-${i}`, details: detail }))));
    // recordAudit inserts several entries in one statement: each row is chained to the one before it.
    const ctx = { principal: null, now: t.clock.now(), requestId: 'one-statement', correlationId: 'x-request-id é' } as unknown as RequestContext;
    await recordAudit(ctx, t.dataSource.manager, ...details.map((detail, i) => ({
      action: AuditAction.CONTACT_READ_UNDER_GRANT, subjectType: AuditSubject.CONTACT, subjectId: `several-${i}`, details: detail,
    })));
    const several = await t.dataSource.query(`SELECT seq::int AS seq FROM audit_event WHERE request_id = 'one-statement' ORDER BY seq`);
    expect(several[1].seq).toBe(several[0].seq + 1);
    expect(await verifyAuditChain(t.dataSource)).toMatchObject({ ok: true, checked: await count() });
  });

  it('AUD-3: concurrent writers produce one unbroken chain; a transaction\'s events stay together; rollbacks leave no gap', async () => {
    const before = await count();
    const writers = Array.from({ length: 30 }, (_, i) => t.dataSource.transaction(async (tx) => {
      for (const part of ['a', 'b']) {
        await recordSystemAudit(tx, t.clock.now(), { action: AuditAction.GRANT_EXPIRED, subjectType: AuditSubject.CONTACT, subjectId: `writer-${i}-${part}` });
      }
      if (i % 5 === 0) throw new Error('rolled back on purpose');
    }).then(() => 'committed', () => 'rolled back'));
    const outcomes = await Promise.all(writers);
    expect(outcomes.filter((outcome) => outcome === 'committed')).toHaveLength(24);
    expect(await count()).toBe(before + 48);
    const rows = await t.dataSource.query(`SELECT subject_id AS id, seq::int AS seq FROM audit_event WHERE subject_id LIKE 'writer-%'`);
    const seqOf = new Map(rows.map((row: any) => [row.id, row.seq]));
    for (let i = 0; i < 30; i += 1) {
      if (i % 5 === 0) expect(seqOf.has(`writer-${i}-a`)).toBe(false);
      else expect(seqOf.get(`writer-${i}-b`)).toBe((seqOf.get(`writer-${i}-a`) as number) + 1);
    }
    expect(await verifyAuditChain(t.dataSource)).toMatchObject({ ok: true, checked: before + 48, head: { seq: String(before + 48) } });
  });

  it('AUD-3: the database sets seq and hashes itself: values a writer supplies are ignored', async () => {
    await t.dataSource.query(`INSERT INTO audit_event (occurred_at, actor_type, action, subject_type, subject_id, outcome, policy_version, seq, prev_hash, hash)
      VALUES (now(), 'SYSTEM', 'GRANT_EXPIRED', 'Test', 'forged', 'SUCCESS', $1, 1, repeat('a', 64), repeat('b', 64))`, [currentPolicyVersion()]);
    const [row] = await t.dataSource.query(`SELECT seq::int AS seq, hash FROM audit_event WHERE subject_id = 'forged'`);
    expect(row.seq).toBe(await count());
    expect(row.hash).not.toBe('b'.repeat(64));
    expect((await verifyAuditChain(t.dataSource)).ok).toBe(true);
  });

  it('AUD-3: an event without a policy version is refused; the head only moves forward one event at a time', async () => {
    await expect(t.dataSource.query(`INSERT INTO audit_event (occurred_at, actor_type, action, subject_type, subject_id, outcome)
      VALUES (now(), 'SYSTEM', 'GRANT_EXPIRED', 'Test', 'no-version', 'SUCCESS')`)).rejects.toThrow(/policy_version is required/);
    await expect(t.dataSource.query('UPDATE audit_chain_head SET seq = seq - 1')).rejects.toThrow(/only moves forward/);
    await expect(t.dataSource.query('DELETE FROM audit_chain_head')).rejects.toThrow(/only moves forward/);
    await expect(t.dataSource.query('TRUNCATE audit_checkpoint')).rejects.toThrow(/append-only/);
  });
});

describe('AUD-3: the head published outside the database', () => {
  it('AUD-3: the publisher signs, stores and logs the head at start-up, then only when it has moved; a checkpoint verifies', async () => {
    const lines: string[] = [];
    const logger = createLogger(t.config, new Writable({ write(chunk, _encoding, done) { lines.push(String(chunk)); done(); } }));
    const key = checkpointKey(t.config.secretsKey);
    const publish = chainHeadPublisher(t.dataSource, key, t.clock, logger);
    const first = await publish();
    expect(first).toMatchObject({ seq: String(await count()) });
    expect(await publish()).toBeNull();
    await recordSystemAudit(t.dataSource.manager, t.clock.now(), { action: AuditAction.GRANT_EXPIRED, subjectType: AuditSubject.CONTACT, subjectId: 'moved' });
    const second = await publish();
    expect(BigInt(second!.seq)).toBe(BigInt(first!.seq) + 1n);
    expect(lines.map((line) => JSON.parse(line))).toEqual([first, second].map((checkpoint) => expect.objectContaining({
      level: 30, auditChain: { seq: checkpoint!.seq, hash: checkpoint!.hash, policyVersion: currentPolicyVersion(), checkpoint: checkpoint!.token },
    })));
    expect(await latestStoredCheckpoint(t.dataSource.manager, key)).toEqual(second);
    expect(await verifyAuditChain(t.dataSource, { checkpoints: [first!], checkpointKey: key })).toMatchObject({ ok: true, checkpointsCompared: 2 });
  });
});

describe('AUD-3: policy version and decision receipts', () => {
  it('AUD-3: every event carries the policy version in force', async () => {
    expect(currentPolicyVersion()).toMatch(/^[0-9a-f]{64}$/);
    const versions = await t.dataSource.query('SELECT DISTINCT policy_version AS v FROM audit_event');
    expect(versions).toEqual([{ v: currentPolicyVersion() }]);
  });

  it('AUD-3: the policy version is a function of the role table: the same rules give the same version, any change another', () => {
    const withRules = (change: (rules: AppAbility['rules']) => unknown[]) => (principal: Principal | null, now: Date) =>
      createMongoAbility(change(buildAbility(principal, now).rules) as any) as AppAbility;
    expect(policyVersionOf(withRules((rules) => [...rules]))).toBe(currentPolicyVersion());
    const added = policyVersionOf(withRules((rules) => [...rules, { action: 'read', subject: 'Staff', conditions: { active: true } }]));
    const narrowed = policyVersionOf(withRules((rules) =>
      rules.map((rule) => (rule.reason === RuleReason.nonSensitiveContacts ? { ...rule, conditions: { sensitive: false, kind: 'CLIENT' } } : rule))));
    const reworded = policyVersionOf(withRules((rules) => rules.map((rule) => ({ ...rule, reason: `${rule.reason}.` }))));
    expect(new Set([currentPolicyVersion(), added, narrowed, reworded]).size).toBe(4);
  });

  it('AUD-3: a read under a grant records the rule and the grant that allowed it (decision receipt)', async () => {
    const [receipt] = await t.dataSource.query(`SELECT details, policy_version AS "policyVersion" FROM audit_event
      WHERE action = 'CONTACT_READ_UNDER_GRANT' AND subject_id = $1 ORDER BY seq DESC LIMIT 1`, [chloeId]);
    expect(receipt).toEqual({ details: { rule: RuleReason.grant, ruleAction: 'read', grantId: grant.id }, policyVersion: currentPolicyVersion() });
  });
});

describe('AUD-3: who may verify', () => {
  it('AUD-3: only the role table\'s verifyChain holders (security reviewers) may verify or sign checkpoints', async () => {
    for (const staff of ['CW1002', 'SCRM3001', 'FLLS4001']) {
      expect(codesOf(await t.as(staff)(VERIFY))).toEqual(['FORBIDDEN']);
      expect(codesOf(await t.as(staff)('mutation { signAuditCheckpoint { checkpoint { token } } }'))).toEqual(['FORBIDDEN']);
    }
    expect(codesOf(await t.as()(VERIFY))).toEqual(['UNAUTHENTICATED']);
  });

  it('AUD-3: a checkpoint not signed by this service is refused as bad input with a typed reason', async () => {
    const token = ok(await t.as('SECR5001')('mutation { signAuditCheckpoint { checkpoint { token } } }')).signAuditCheckpoint.checkpoint.token as string;
    const forged = token.replace(/\.[^.]+$/, `.${'A'.repeat(43)}`);
    for (const bad of [forged, 'not a checkpoint']) {
      const res = await t.as('SECR5001')(VERIFY, { checkpoints: [token, bad] });
      expect(codesOf(res)).toEqual(['BAD_USER_INPUT']);
      expect(res.errors![0].extensions).toMatchObject({ reason: 'CHECKPOINT_INVALID', fields: [{ field: 'checkpoints[1]' }] });
    }
  });
});

describe('AUD-3: the migration chains the events already there', () => {
  it('AUD-3: existing events are chained in insertion order, with no policy version', async () => {
    const db = await openTestDatabase();
    try {
      const applied: { name: string }[] = await db.dataSource.query('SELECT name FROM migrations ORDER BY timestamp DESC');
      for (const { name } of applied) {
        await db.dataSource.undoLastMigration({ transaction: 'each' });
        if (name === 'AuditChain1795940000000') break;
      }
      for (const subject of ['first', 'second', 'third']) {
        await db.dataSource.query(`INSERT INTO audit_event (occurred_at, actor_type, action, subject_type, subject_id, outcome, details)
          VALUES ('2026-01-01T00:00:00Z', 'SYSTEM', 'GRANT_EXPIRED', 'Test', $1, 'SUCCESS', '{"n": 1.0}')`, [subject]);
      }
      await db.dataSource.runMigrations({ transaction: 'each' });
      const rows = await db.dataSource.query('SELECT subject_id AS s, seq::int AS seq, policy_version AS v FROM audit_event ORDER BY id');
      expect(rows).toEqual([{ s: 'first', seq: 1, v: null }, { s: 'second', seq: 2, v: null }, { s: 'third', seq: 3, v: null }]);
      expect(await verifyAuditChain(db.dataSource)).toMatchObject({ ok: true, checked: 3, head: { seq: '3' } });
    } finally {
      await db.close();
    }
  });
});
