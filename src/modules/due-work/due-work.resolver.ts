import { Arg, Args, Ctx, Query, Resolver } from 'type-graphql';
import { Policies, Requires } from '../../authorization/policy';
import { ConnectionType, PageArgs, pageSize } from '../../common/connection';
import type { RequestContext } from '../../request/context';
import { DueWorkFilter, DueWorkItem } from './due-work';
import { listDueWork } from './due-work.service';

export const DueWorkConnection = ConnectionType(DueWorkItem, 'DueWorkItem');

@Resolver(() => DueWorkItem)
export class DueWorkResolver {
  @Requires(Policies.can('work', 'ServiceRequest'))
  @Query(() => DueWorkConnection, {
    description: 'SR-4: open SRs the caller may work whose next action date has passed, and self-service SRs near their 24 hours; most urgent first.',
  })
  async dueWork(
    @Ctx() ctx: RequestContext,
    @Args(() => PageArgs) page: PageArgs,
    @Arg('filter', () => DueWorkFilter, { nullable: true, description: 'Narrows the list; omit it for every row the caller may see.' }) filter?: DueWorkFilter | null,
  ) {
    return DueWorkConnection.from(await listDueWork(ctx, filter, pageSize(page), page.after));
  }
}
