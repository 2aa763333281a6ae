import { Arg, Ctx, ID, Int, Query, Resolver } from 'type-graphql';
import { Policies, Requires } from '../../authorization/policy';
import { badUserInput } from '../../common/errors';
import type { RequestContext } from '../../request/context';
import { simulateCase } from './decide';
import { SimulatedOutcome } from './policy-case';
import { AccessRequestPreview } from './preview-types';
import { previewAccessRequest } from './preview.service';
import { readPolicyCase } from './read-policy-case';
import { formatFailure, readSuite, runSuite } from './policy-suite';
import { PolicySuiteReport } from './suite-report-types';
import { GraphQLJSONObject } from 'graphql-scalars';

/** The most cases one call may run (each is a transaction with its own rows). */
export const MAX_SUITE_CASES = 500;
import { AccessSimulation, SimulateAccessInput } from './simulation-types';

/** POL-2: the security reviewer's simulation and the approver's preview. Both read only. */
@Resolver()
export class PolicyWorkbenchResolver {
  @Requires(Policies.can('read', 'Policy'))
  @Query(() => AccessSimulation, {
    description: 'Decides a hypothetical case (principal, resource, action, instant) with the real role table and its SQL, '
      + 'on hypothetical rows in a transaction that is rolled back: the same decision and deciding rule as `npm run policy:test` (POL-2).',
  })
  async simulateAccess(@Ctx() ctx: RequestContext, @Arg('input', () => SimulateAccessInput, { description: 'Who acts, on which row, doing what, and when.' }) input: SimulateAccessInput): Promise<AccessSimulation> {
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

  @Requires(Policies.can('read', 'Policy'))
  @Query(() => PolicySuiteReport, {
    description: 'Runs a policy suite (the JSON of `npm run policy:test`: { description, at, cases }) against the real role table and '
      + `its SQL, each case on hypothetical rows in a transaction that is rolled back; at most ${MAX_SUITE_CASES} cases (POL-1).`,
  })
  async runPolicySuite(
    @Ctx() ctx: RequestContext,
    @Arg('suite', () => GraphQLJSONObject, { description: 'The suite, as a JSON object (pass it as a variable).' }) suite: Record<string, unknown>,
  ): Promise<PolicySuiteReport> {
    const { cases, problems } = readSuite('suite', JSON.stringify(suite));
    if (cases.length > MAX_SUITE_CASES) problems.push({ field: 'suite: cases', message: `has more than ${MAX_SUITE_CASES} cases` });
    if (problems.length > 0) throw badUserInput(problems);
    const results = await runSuite(ctx.dataSource, cases);
    const failed = results.filter((result) => result.failures.length > 0);
    return {
      passed: failed.length === 0,
      total: results.length,
      failed: failed.length,
      failures: failed.map((result) => ({
        name: result.policyCase.name, path: result.path, failures: result.failures, decidedBy: result.decision.rule,
        consideredRules: result.decision.considered, report: formatFailure(result),
      })),
    };
  }

  @Requires(Policies.can('preview', 'AccessRequest'))
  @Query(() => AccessRequestPreview, {
    description: 'What a pending access request would grant if approved now: rows that become visible or actionable and which fields, '
      + 'from when to when, overlapping grants and forms. Only for the decider of its current stage; nothing is written (POL-2).',
  })
  previewAccessRequest(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID, { description: 'Identifier of the pending access request.' }) id: string,
    @Arg('grantedHours', () => Int, { nullable: true, description: 'Preview with this duration instead of the hours requested.' }) grantedHours?: number | null,
  ): Promise<AccessRequestPreview> {
    return previewAccessRequest(ctx, id, grantedHours);
  }
}
