import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';

/** The `prev_hash` of the first event. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * An event as the chain hashes it: every field as Postgres prints it (the timestamp in UTC with
 * microseconds, the jsonb details as jsonb prints them), so the verifier hashes exactly the text
 * the trigger hashed, and a change of any value changes that text.
 */
export interface ChainedEvent {
  seq: string;
  id: string;
  occurredAt: string;
  actorId: string | null;
  actorType: string;
  action: string;
  subjectType: string;
  subjectId: string;
  outcome: string;
  details: string | null;
  requestId: string | null;
  correlationId: string | null;
  policyVersion: string | null;
}

const CANONICAL_FIELDS: (keyof ChainedEvent)[] = [
  'seq', 'id', 'occurredAt', 'actorId', 'actorType', 'action', 'subjectType', 'subjectId', 'outcome', 'details',
  'requestId', 'correlationId', 'policyVersion',
];

// Length-prefixed (in UTF-8 bytes, as octet_length counts), so no value can pass for two.
const field = (value: string | null) => (value === null ? '-' : `${Buffer.byteLength(value, 'utf8')}:${value}`);

/**
 * AUD-3: the hash of an event chained after `prevHash`, computed here independently of the
 * database function `audit_event_hash` (migration AuditChain) and equal to it by definition.
 */
export function chainHash(prevHash: string, event: ChainedEvent): string {
  const canonical = CANONICAL_FIELDS.map((name) => field(event[name])).join('|');
  return createHash('sha256').update(`${prevHash}|${canonical}`, 'utf8').digest('hex');
}

/** The columns of ChainedEvent, printed by Postgres as the trigger prints them. */
export const CHAINED_EVENT_COLUMNS = `e.seq::text AS seq, e.id::text AS id,
  to_char(e.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "occurredAt",
  e.actor_id::text AS "actorId", e.actor_type AS "actorType", e.action, e.subject_type AS "subjectType",
  e.subject_id AS "subjectId", e.outcome, e.details::text AS details, e.request_id AS "requestId",
  e.correlation_id AS "correlationId", e.policy_version AS "policyVersion"`;

export interface ChainHead {
  seq: string;
  hash: string;
}

/** The head as the database keeps it: the last event written (seq 0 and the genesis hash before any); null if removed. */
export async function readChainHead(manager: EntityManager): Promise<ChainHead | null> {
  const [head] = await manager.query(`SELECT seq::text AS seq, hash FROM audit_chain_head`);
  return head ?? null;
}
