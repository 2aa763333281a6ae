import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { AuditChainBreakKind } from '../../audit-trail/verify-chain';
import { declareRefusals } from '../../common/refusals';

registerEnumType(AuditChainBreakKind, {
  name: 'AuditChainBreakKind',
  description: 'What is wrong where the audit chain breaks (AUD-3).',
  valuesConfig: {
    EDITED: { description: "An event's content no longer matches its hash: edited after it was written." },
    MISSING: { description: 'A sequence number is missing: an event was deleted.' },
    REORDERED: { description: 'An event does not link to the one before it: moved, duplicated, or the chain relinked around a deletion.' },
    TRUNCATED: { description: 'The newest events are gone: the chain head or a signed checkpoint is beyond the last event.' },
    REWRITTEN: { description: 'The chain disagrees with a signed checkpoint: rewritten, hashes and all, up to there.' },
    HEAD_MISMATCH: { description: "The database's record of the chain head disagrees with the events." },
    UNCHAINED: { description: 'An event was written around the chain (no sequence number or hash).' },
  },
});

/** Why an audit-integrity operation was refused. */
export enum AuditIntegrityRefusal {
  /** A checkpoint given to compare with is malformed or not signed by this service. */
  CHECKPOINT_INVALID = 'CHECKPOINT_INVALID',
}
declareRefusals('AuditIntegrityRefusal', AuditIntegrityRefusal, 'Why an audit-trail verification was refused (AUD-3).', {
  CHECKPOINT_INVALID: 'A checkpoint given to compare with is malformed or was not signed by this service.',
});

@ObjectType({ description: 'A position in the audit chain.' })
export class AuditChainPosition {
  @Field({ description: 'Sequence number of the event, as a decimal string.' })
  seq: string;

  @Field({ description: 'Its hash (sha256, hex).' })
  hash: string;
}

@ObjectType({ description: 'The first broken link of the audit chain. No event content, only where and what.' })
export class AuditChainBreak {
  @Field(() => AuditChainBreakKind, { description: 'What is wrong at the break.' })
  kind: AuditChainBreakKind;

  @Field(() => String, { nullable: true, description: 'Sequence number where the chain breaks (null for an event that has none).' })
  seq: string | null;

  @Field(() => ID, { nullable: true, description: 'The event found there, if any.' })
  eventId: string | null;
}

@ObjectType({ description: 'The result of verifying the audit chain (AUD-3).' })
export class AuditChainReport {
  @Field({ description: 'True when every event, the head and every checkpoint compared agree.' })
  ok: boolean;

  @Field(() => Int, { description: 'Events verified in order from the first, before the first break (all of them when ok).' })
  checked: number;

  @Field(() => AuditChainPosition, { nullable: true, description: 'The last event verified (null for an empty trail).' })
  head: AuditChainPosition | null;

  @Field(() => AuditChainBreak, { nullable: true, description: 'The first broken link; null when the chain is whole.' })
  firstBreak: AuditChainBreak | null;

  @Field(() => Int, { description: 'Signed checkpoints compared: those given and the latest stored.' })
  checkpointsCompared: number;

  @Field({ description: 'Version (sha256) of the role table in force now.' })
  policyVersion: string;

  @Field({ description: 'When this verification ran.' })
  verifiedAt: Date;
}

@ObjectType('AuditCheckpoint', { description: 'A signed checkpoint of the audit chain head: keep `token` outside this system and give it to verifyAuditTrail later.' })
export class AuditCheckpointType {
  @Field({ description: 'Sequence number of the chain head at the checkpoint, as a decimal string.' })
  seq: string;

  @Field({ description: 'Hash (sha256, hex) of the chain head at the checkpoint.' })
  hash: string;

  @Field({ description: 'Version (sha256) of the role table in force when the checkpoint was issued.' })
  policyVersion: string;

  @Field({ description: 'When the checkpoint was issued.' })
  issuedAt: Date;

  @Field({ description: 'The checkpoint and its HMAC, as one string.' })
  token: string;
}

@ObjectType({ description: 'AUD-3: the checkpoint just signed (signAuditCheckpoint).' })
export class SignAuditCheckpointPayload {
  @Field(() => AuditCheckpointType, { description: 'The signed checkpoint of the chain head; keep its token outside this system.' })
  checkpoint: AuditCheckpointType;
}
