import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { readChainHead } from './audit-chain';
import { currentPolicyVersion } from './policy-version';

/**
 * AUD-3: a signed statement "at `issuedAt` the chain head was event `seq` with hash `hash`", kept
 * outside the database (by a reviewer, and in the log) so that removing the newest events, or
 * rewriting the chain and its hashes, is detected by comparing the chain with it later.
 */
export interface AuditCheckpoint {
  seq: string;
  hash: string;
  policyVersion: string;
  issuedAt: Date;
  /** The whole checkpoint as one string, with its HMAC: what a reviewer keeps and hands back. */
  token: string;
}

const PREFIX = 'acp1';
const TOKEN = /^acp1\.(\d{1,19})\.([0-9a-f]{64})\.([0-9a-f]{64})\.(\d{1,15})\.([A-Za-z0-9_-]{43})$/;

/** The checkpoint key: derived from the secrets key under a label of its own, so it signs nothing else. */
export const checkpointKey = (secretsKey: Buffer): Buffer =>
  Buffer.from(hkdfSync('sha256', secretsKey, Buffer.alloc(0), 'cmg-backoffice audit-chain checkpoint v1', 32));

const mac = (key: Buffer, body: string) => createHmac('sha256', key).update(body).digest('base64url');

export function signCheckpoint(key: Buffer, head: { seq: string; hash: string; policyVersion: string; issuedAt: Date }): AuditCheckpoint {
  const body = [PREFIX, head.seq, head.hash, head.policyVersion, String(head.issuedAt.getTime())].join('.');
  return { ...head, token: `${body}.${mac(key, body)}` };
}

/** The checkpoint a token states, or null when it is malformed or its signature is not ours. */
export function readCheckpoint(key: Buffer, token: string): AuditCheckpoint | null {
  const match = TOKEN.exec(token.trim());
  if (!match) return null;
  const [, seq, hash, policyVersion, issuedAtMs, signature] = match;
  const body = [PREFIX, seq, hash, policyVersion, issuedAtMs].join('.');
  const expected = Buffer.from(mac(key, body));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  return { seq: BigInt(seq).toString(), hash, policyVersion, issuedAt: new Date(Number(issuedAtMs)), token: token.trim() };
}

/** Signs the current head and keeps the checkpoint (append-only table) beside the chain. */
export async function issueCheckpoint(manager: EntityManager, key: Buffer, now: Date): Promise<AuditCheckpoint> {
  const head = await readChainHead(manager);
  if (!head) throw new Error('audit_chain_head is missing: the audit chain cannot be checkpointed');
  const checkpoint = signCheckpoint(key, { ...head, policyVersion: currentPolicyVersion(), issuedAt: now });
  await manager.query(
    `INSERT INTO audit_checkpoint (seq, hash, policy_version, issued_at, token) VALUES ($1, $2, $3, $4, $5)`,
    [checkpoint.seq, checkpoint.hash, checkpoint.policyVersion, checkpoint.issuedAt, checkpoint.token],
  );
  return checkpoint;
}

/**
 * The furthest stored checkpoint that is really ours. Forged rows (bad signature) are skipped, as
 * are those signed under an earlier key; the last 50 are enough to find one.
 */
export async function latestStoredCheckpoint(manager: EntityManager, key: Buffer): Promise<AuditCheckpoint | null> {
  const rows: { token: string }[] = await manager.query(`SELECT token FROM audit_checkpoint ORDER BY seq DESC, id DESC LIMIT 50`);
  for (const { token } of rows) {
    const checkpoint = readCheckpoint(key, token);
    if (checkpoint) return checkpoint;
  }
  return null;
}
