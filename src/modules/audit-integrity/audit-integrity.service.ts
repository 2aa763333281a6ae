import { type AuditCheckpoint, checkpointKey, issueCheckpoint, readCheckpoint } from '../../audit-trail/audit-checkpoint';
import { currentPolicyVersion } from '../../audit-trail/policy-version';
import { logCheckpoint } from '../../audit-trail/publish-head';
import { verifyAuditChain } from '../../audit-trail/verify-chain';
import { AppError, ErrorCode } from '../../common/errors';
import type { RequestContext } from '../../request/context';
import { AuditIntegrityRefusal, type AuditChainReport } from './audit-integrity.types';

/** Enough for any reviewer's kept checkpoints; each costs two indexed lookups. */
export const MAX_CHECKPOINTS = 20;

/** The checkpoints a caller kept, each checked as signed by us; any other is refused, naming it. */
export function checkpointsFrom(key: Buffer, tokens: readonly string[]): AuditCheckpoint[] {
  const fields = (index: number) => [{ field: `checkpoints[${index}]`, message: 'is not a checkpoint signed by this service' }];
  if (tokens.length > MAX_CHECKPOINTS) {
    throw new AppError(ErrorCode.BAD_USER_INPUT, `Give at most ${MAX_CHECKPOINTS} checkpoints.`, {
      reason: AuditIntegrityRefusal.CHECKPOINT_INVALID, fields: [{ field: 'checkpoints', message: `at most ${MAX_CHECKPOINTS}` }],
    });
  }
  return tokens.map((token, index) => {
    const checkpoint = readCheckpoint(key, token);
    if (!checkpoint) {
      throw new AppError(ErrorCode.BAD_USER_INPUT, `Invalid input: checkpoints[${index}] is not a checkpoint signed by this service.`, {
        reason: AuditIntegrityRefusal.CHECKPOINT_INVALID, fields: fields(index),
      });
    }
    return checkpoint;
  });
}

/** AUD-3: verifies the chain against the checkpoints given and the latest stored; a break is logged for alerting. */
export async function verifyAuditTrail(ctx: RequestContext, tokens: readonly string[]): Promise<AuditChainReport> {
  const key = checkpointKey(ctx.config.secretsKey);
  const report = await verifyAuditChain(ctx.dataSource, { checkpoints: checkpointsFrom(key, tokens), checkpointKey: key });
  if (report.firstBreak) ctx.logger.warn({ auditChain: { checked: report.checked, firstBreak: report.firstBreak } }, 'audit chain broken');
  return { ...report, policyVersion: currentPolicyVersion(), verifiedAt: ctx.now };
}

/** AUD-3: signs the current head for the caller to keep, stores it and logs it. */
export async function signAuditCheckpoint(ctx: RequestContext): Promise<AuditCheckpoint> {
  const checkpoint = await issueCheckpoint(ctx.dataSource.manager, checkpointKey(ctx.config.secretsKey), ctx.now);
  logCheckpoint(ctx.logger, checkpoint, 'signed on request');
  return checkpoint;
}
