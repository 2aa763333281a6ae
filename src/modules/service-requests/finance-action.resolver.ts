import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { Policies, Requires } from '../../authorization/policy';
import type { RequestContext } from '../../request/context';
import { RouteServiceRequestForFinanceActionPayload, srPayload } from './sr-payloads';
import { RouteServiceRequestForFinanceActionInput } from './sr-inputs';
import { routeForFinanceAction } from './sr-routing.service';

/** What a FINANCE_ACTION grant lets its holder do (TAR-5): its own intent, apart from plain routing (SR-6). */
@Resolver()
export class FinanceActionResolver {
  @Requires(Policies.can('financeAction', 'ServiceRequest'))
  @Mutation(() => RouteServiceRequestForFinanceActionPayload, {
    description: 'Seed 003 step 11 for FINANCE_ACTION: the holder of a live FINANCE_ACTION grant for this SR routes it to the SCR ' +
      'hopper (PENDING_ASSIGNMENT, segment SCR, no owner) for the SCR team to carry out the finance work; noted and audited. ' +
      'FORBIDDEN without such a grant (another purpose, another SR, expired or removed).',
  })
  async routeServiceRequestForFinanceAction(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => RouteServiceRequestForFinanceActionInput, { description: 'The service request to route and the finance work to note on it.' })
    input: RouteServiceRequestForFinanceActionInput,
  ) {
    const routed = await routeForFinanceAction(ctx, { id: input.id, expectedVersion: input.expectedVersion }, input.financeWork);
    return srPayload(RouteServiceRequestForFinanceActionPayload, routed);
  }
}
