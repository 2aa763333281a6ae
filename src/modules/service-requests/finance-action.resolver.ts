import { Arg, Ctx, Field, InputType, Mutation, Resolver } from 'type-graphql';
import { Policies, Requires } from '../../authorization/policy';
import type { RequestContext } from '../../request/context';
import { ServiceRequest } from './service-request.entity';
import { SrActionInput } from './sr-inputs';
import { routeForFinanceAction } from './sr-routing.service';

@InputType({ description: 'The granted SR to hand to the SCR team for finance actions (seed 003, FINANCE_ACTION).' })
export class RouteForFinanceActionInput extends SrActionInput {
  @Field(() => String, { nullable: true, description: 'What the SCR team should do, e.g. "reassign payment"; at most 500 characters, noted on the SR.' })
  financeWork?: string | null;
}

/** What a FINANCE_ACTION grant lets its holder do (TAR-5): its own intent, apart from plain routing (SR-6). */
@Resolver()
export class FinanceActionResolver {
  @Requires(Policies.can('financeAction', 'ServiceRequest'))
  @Mutation(() => ServiceRequest, {
    description: 'Seed 003 step 11 for FINANCE_ACTION: the holder of a live FINANCE_ACTION grant for this SR routes it to the SCR ' +
      'hopper (PENDING_ASSIGNMENT, segment SCR, no owner) for the SCR team to carry out the finance work; noted and audited. ' +
      'FORBIDDEN without such a grant (another purpose, another SR, expired or removed).',
  })
  routeServiceRequestForFinanceAction(@Ctx() ctx: RequestContext, @Arg('input', () => RouteForFinanceActionInput, { description: 'The service request to route and the finance work to note on it.' }) input: RouteForFinanceActionInput) {
    return routeForFinanceAction(ctx, { id: input.id, expectedVersion: input.expectedVersion }, input.financeWork);
  }
}
