import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import { Policies, Requires } from '../../authorization/policy';
import { Node } from '../../common/node';
import type { RequestContext } from '../../request/context';
import { MAX_NODES, visibleNodes } from './node.service';

/**
 * Relay's refetch by id. Each row is read under the caller's read rule, so a row they may not
 * read is null exactly like a missing id or a string that is no id at all (SCR-1).
 */
@Resolver(() => Node)
export class NodeResolver {
  // Signed in is enough to ask: what comes back is decided row by row by the read rules.
  @Requires(Policies.signedIn())
  @Query(() => Node, {
    nullable: true,
    description: 'The object with this id, of any type implementing Node; null when it does not exist or the caller may not see it (indistinguishable).',
  })
  async node(@Ctx() ctx: RequestContext, @Arg('id', () => ID, { description: 'Identifier of the object, as its type exposes it.' }) id: string) {
    const [row] = await visibleNodes(ctx, [id]);
    return row;
  }

  @Requires(Policies.signedIn())
  @Query(() => [Node], {
    nullable: 'items',
    description: `The objects with these ids, in the order asked (at most ${MAX_NODES}); null in place of each one that does not exist or the caller may not see.`,
  })
  nodes(@Ctx() ctx: RequestContext, @Arg('ids', () => [ID], { description: 'Identifiers of the objects, as their types expose them.' }) ids: string[]) {
    return visibleNodes(ctx, ids);
  }
}
