import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { Policies, Requires } from '../../authorization/policy';
import type { RequestContext } from '../../request/context';
import { signAuditCheckpoint, verifyAuditTrail } from './audit-integrity.service';
import { AuditChainReport, SignAuditCheckpointPayload } from './audit-integrity.types';

@Resolver()
export class AuditIntegrityResolver {
  @Requires(Policies.can('verifyChain', 'AuditEvent'))
  @Query(() => AuditChainReport, {
    description: 'AUD-3: recomputes the hash chain of the whole audit trail and reports the first broken link (edited, missing, '
      + 'reordered or truncated events), comparing with the signed checkpoints given and the latest stored. No event content.',
  })
  verifyAuditTrail(
    @Ctx() ctx: RequestContext,
    @Arg('checkpoints', () => [String], { nullable: true, description: 'Tokens of checkpoints kept outside this system (signAuditCheckpoint, or the log).' })
    checkpoints?: string[] | null,
  ) {
    return verifyAuditTrail(ctx, checkpoints ?? []);
  }

  @Requires(Policies.can('verifyChain', 'AuditEvent'))
  @Mutation(() => SignAuditCheckpointPayload, {
    description: 'AUD-3: signs the current head of the audit chain. Keep the token outside this system: given to verifyAuditTrail '
      + 'later, it shows whether events up to it were removed or rewritten.',
  })
  async signAuditCheckpoint(@Ctx() ctx: RequestContext) {
    return Object.assign(new SignAuditCheckpointPayload(), { checkpoint: await signAuditCheckpoint(ctx) });
  }
}
