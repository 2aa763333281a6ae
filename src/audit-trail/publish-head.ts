import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { Clock } from '../common/clock';
import { readChainHead } from './audit-chain';
import { type AuditCheckpoint, issueCheckpoint } from './audit-checkpoint';

/**
 * AUD-3: the chain head published outside the database. The log line carries the signed
 * checkpoint (sequence number, hashes, time, HMAC: no personal data), so whoever keeps the logs
 * can later show that the newest events were removed or the chain rewritten.
 */
export function logCheckpoint(logger: Logger, checkpoint: AuditCheckpoint, why: string): void {
  logger.info({
    auditChain: { seq: checkpoint.seq, hash: checkpoint.hash, policyVersion: checkpoint.policyVersion, checkpoint: checkpoint.token },
  }, `audit chain head (${why})`);
}

/** Each call signs, stores and logs a checkpoint of the head: the first always, later ones when the head has moved. */
export function chainHeadPublisher(dataSource: DataSource, key: Buffer, clock: Clock, logger: Logger): () => Promise<AuditCheckpoint | null> {
  let lastSeq: string | null = null;
  return async () => {
    const head = await readChainHead(dataSource.manager);
    if (head && head.seq === lastSeq) return null;
    const why = lastSeq === null ? 'start-up' : 'periodic';
    const checkpoint = await issueCheckpoint(dataSource.manager, key, clock.now());
    lastSeq = checkpoint.seq;
    logCheckpoint(logger, checkpoint, why);
    return checkpoint;
  };
}

/** Publishes at start-up and then every `intervalMs`. Several instances may each publish: checkpoints only add evidence. */
export function scheduleChainHeadPublishing(
  dataSource: DataSource, key: Buffer, clock: Clock, logger: Logger, intervalMs = 15 * 60_000,
): () => void {
  const publish = chainHeadPublisher(dataSource, key, clock, logger);
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      await publish();
    } catch (error) {
      logger.error({ err: error }, 'audit chain checkpoint failed');
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), intervalMs);
  timer.unref();
  void tick();
  return () => clearInterval(timer);
}
