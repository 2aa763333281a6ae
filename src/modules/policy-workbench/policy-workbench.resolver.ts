import { Arg, Ctx, ID, Int, Query, Resolver } from 'type-graphql';
import { Policies, Requires } from '../../authorization/policy';
import { badUserInput } from '../../common/errors';
import type { RequestContext } from '../../request/context';
import { simulateCase } from './decide';
import { SimulatedOutcome } from './policy-case';
import { AccessRequestPreview } from './preview-types';
import { previewAccessRequest } from './preview.service';
import { readPolicyCase } from './read-policy-case';
import { AccessSimulation, SimulateAccessInput } from './simulation-types';

/** POL-2: the security reviewer's simulation and the approver's preview. Both read only. */
@Resolver()
export class PolicyWorkbenchResolver {
  @Requires(Policies.can('read', 'Policy'))
  @Query(() => AccessSimulation, {
    description: 'Decides a hypothetical case (principal, resource, action, instant) with the real role table and its SQL, '
      + 'on hypothetical rows in a transaction that is rolled back: the same decision and deciding rule as `npm run policy:test` (POL-2).',
  })
  async simulateAccess(@Ctx() ctx: RequestContext, @Arg('input', () => SimulateAccessInput) input: SimulateAccessInput): Promise<AccessSimulation> {
    // The input is one case of the suite format, read by the same reader as suite files.
    const { policyCase, problems } = readPolicyCase(JSON.parse(JSON.stringify(input)), '', { at: ctx.now, name: 'simulation' });
    if (!policyCase) throw badUserInput(problems);
    const d = await simulateCase(ctx.dataSource, policyCase);
    return Object.assign(new AccessSimulation(), {
      allowed: d.outcome === SimulatedOutcome.ALLOWED, outcome: d.outcome, rule: d.rule, reason: d.reason, readable: d.readable,
      personalDataShown: d.contactVisible, consideredRules: d.considered, sqlAgreesWithMemory: d.sqlAgreesWithMemory,
      sqlChecked: d.sqlChecked, at: policyCase.at,
    });
  }

  @Requires(Policies.can('preview', 'AccessRequest'))
  @Query(() => AccessRequestPreview, {
    description: 'What a pending access request would grant if approved now: rows that become visible or actionable and which fields, '
      + 'from when to when, overlapping grants and forms. Only for the decider of its current stage; nothing is written (POL-2).',
  })
  previewAccessRequest(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID) id: string,
    @Arg('grantedHours', () => Int, { nullable: true, description: 'Preview with this duration instead of the hours requested.' }) grantedHours?: number | null,
  ): Promise<AccessRequestPreview> {
    return previewAccessRequest(ctx, id, grantedHours);
  }
}
