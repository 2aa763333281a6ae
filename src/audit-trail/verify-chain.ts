import type { DataSource, EntityManager } from 'typeorm';
import { type ChainedEvent, CHAINED_EVENT_COLUMNS, chainHash, type ChainHead, GENESIS_HASH, readChainHead } from './audit-chain';
import { type AuditCheckpoint, latestStoredCheckpoint } from './audit-checkpoint';

/** What is wrong at the first broken link. */
export enum AuditChainBreakKind {
  /** An event's content no longer matches its hash: edited after it was written. */
  EDITED = 'EDITED',
  /** A number is missing from the sequence: an event was deleted. */
  MISSING = 'MISSING',
  /** An event does not link to the one before it (moved, duplicated, or the chain relinked around a deletion). */
  REORDERED = 'REORDERED',
  /** The newest events are gone: the chain head or a checkpoint is beyond the last event. */
  TRUNCATED = 'TRUNCATED',
  /** The chain disagrees with a signed checkpoint: rewritten, hashes and all, up to there. */
  REWRITTEN = 'REWRITTEN',
  /** The database's record of the head disagrees with the events (missing, behind, or another hash). */
  HEAD_MISMATCH = 'HEAD_MISMATCH',
  /** An event was written around the chain (no sequence number or hash). */
  UNCHAINED = 'UNCHAINED',
}

export interface AuditChainBreak {
  kind: AuditChainBreakKind;
  /** The sequence number where the chain breaks (null when the event has none). */
  seq: string | null;
  /** The event found there, when there is one. */
  eventId: string | null;
}

export interface AuditChainReport {
  ok: boolean;
  /** Events verified in order, from the first, before the first break (all of them when ok). */
  checked: number;
  /** The last event verified (null for an empty trail). */
  head: ChainHead | null;
  firstBreak: AuditChainBreak | null;
  /** Signed checkpoints the chain was compared with (given, and the latest stored). */
  checkpointsCompared: number;
}

export interface VerifyOptions {
  /** Checkpoints a reviewer kept (already checked as ours: see readCheckpoint). */
  checkpoints?: AuditCheckpoint[];
  /** The checkpoint key: the latest stored checkpoint signed with it is compared too. */
  checkpointKey?: Buffer;
  batchSize?: number;
}

type Row = ChainedEvent & { prevHash: string; storedHash: string };

/** Walks the chain from the first event, recomputing each hash; stops at the first break. */
async function walk(tx: EntityManager, batchSize: number) {
  let expected = 1n;
  let prevHash = GENESIS_HASH;
  let head: ChainHead | null = null;
  let checked = 0;
  let after = ['0', '0'];
  for (;;) {
    const rows: Row[] = await tx.query(
      `SELECT ${CHAINED_EVENT_COLUMNS}, e.prev_hash AS "prevHash", e.hash AS "storedHash" FROM audit_event e
        WHERE e.seq IS NOT NULL AND (e.seq, e.id) > ($1::bigint, $2::bigint) ORDER BY e.seq, e.id LIMIT $3`,
      [...after, batchSize],
    );
    for (const row of rows) {
      const seq = BigInt(row.seq);
      const at = (kind: AuditChainBreakKind, where = row.seq, eventId: string | null = row.id) => ({ checked, head, broken: { kind, seq: where, eventId } });
      if (seq < expected) return at(AuditChainBreakKind.REORDERED);
      if (seq > expected) return at(AuditChainBreakKind.MISSING, expected.toString(), null);
      if (chainHash(row.prevHash, row) !== row.storedHash) return at(AuditChainBreakKind.EDITED);
      if (row.prevHash !== prevHash) return at(AuditChainBreakKind.REORDERED);
      prevHash = row.storedHash;
      head = { seq: row.seq, hash: row.storedHash };
      expected += 1n;
      checked += 1;
    }
    if (rows.length < batchSize) return { checked, head, broken: null };
    after = [rows[rows.length - 1].seq, rows[rows.length - 1].id];
  }
}

/** The head record against the events: a head beyond them means the newest were removed. */
async function checkHead(tx: EntityManager, last: ChainHead | null): Promise<AuditChainBreak | null> {
  const recorded = await readChainHead(tx);
  const lastSeq = BigInt(last?.seq ?? '0');
  if (!recorded) return { kind: AuditChainBreakKind.HEAD_MISMATCH, seq: null, eventId: null };
  const headSeq = BigInt(recorded.seq);
  if (headSeq > lastSeq) return { kind: AuditChainBreakKind.TRUNCATED, seq: (lastSeq + 1n).toString(), eventId: null };
  if (headSeq < lastSeq || recorded.hash !== (last?.hash ?? GENESIS_HASH)) {
    return { kind: AuditChainBreakKind.HEAD_MISMATCH, seq: recorded.seq, eventId: null };
  }
  return null;
}

/** A signed checkpoint against the events: the event it names must still be there, with the same hash. */
async function checkCheckpoint(tx: EntityManager, checkpoint: AuditCheckpoint): Promise<AuditChainBreak | null> {
  if (checkpoint.seq === '0') return null;
  const [{ last }] = await tx.query(`SELECT max(seq)::text AS last FROM audit_event`);
  const lastSeq = BigInt(last ?? '0');
  if (BigInt(checkpoint.seq) > lastSeq) return { kind: AuditChainBreakKind.TRUNCATED, seq: (lastSeq + 1n).toString(), eventId: null };
  const [event] = await tx.query(`SELECT id::text AS id, hash FROM audit_event WHERE seq = $1 ORDER BY id LIMIT 1`, [checkpoint.seq]);
  if (!event) return { kind: AuditChainBreakKind.MISSING, seq: checkpoint.seq, eventId: null };
  if (event.hash !== checkpoint.hash) return { kind: AuditChainBreakKind.REWRITTEN, seq: checkpoint.seq, eventId: event.id };
  return null;
}

/** The earliest break: an unchained event first (it has no place), then by sequence number. */
const earliest = (breaks: AuditChainBreak[]): AuditChainBreak | null =>
  breaks.reduce<AuditChainBreak | null>((first, next) => {
    if (!first) return next;
    if (first.seq === null) return first;
    if (next.seq === null) return next;
    return BigInt(next.seq) < BigInt(first.seq) ? next : first;
  }, null);

/**
 * AUD-3: verifies the whole audit trail: every hash recomputed in TypeScript (not by the database's
 * own functions, which a superuser could replace), every link and sequence number, the head record,
 * and each checkpoint given. One snapshot (REPEATABLE READ), so events committed meanwhile do not
 * look like a break. Reports the first broken link only: what follows it cannot be trusted anyway.
 */
export async function verifyAuditChain(
  dataSource: DataSource,
  { checkpoints: given = [], checkpointKey, batchSize = 5000 }: VerifyOptions = {},
): Promise<AuditChainReport> {
  return dataSource.transaction('REPEATABLE READ', async (tx) => {
    // Read in the snapshot: a checkpoint stored after it would name events the snapshot cannot see.
    const stored = checkpointKey ? await latestStoredCheckpoint(tx, checkpointKey) : null;
    const checkpoints = stored ? [...given, stored] : given;
    const walked = await walk(tx, batchSize);
    const breaks: AuditChainBreak[] = [];
    if (walked.broken) breaks.push(walked.broken);
    else {
      const head = await checkHead(tx, walked.head);
      if (head) breaks.push(head);
    }
    const [unchained] = await tx.query(`SELECT id::text AS id FROM audit_event WHERE seq IS NULL OR hash IS NULL OR prev_hash IS NULL ORDER BY id LIMIT 1`);
    if (unchained) breaks.push({ kind: AuditChainBreakKind.UNCHAINED, seq: null, eventId: unchained.id });
    for (const checkpoint of checkpoints) {
      const broken = await checkCheckpoint(tx, checkpoint);
      if (broken) breaks.push(broken);
    }
    const firstBreak = earliest(breaks);
    return { ok: firstBreak === null, checked: walked.checked, head: walked.head, firstBreak, checkpointsCompared: checkpoints.length };
  });
}
