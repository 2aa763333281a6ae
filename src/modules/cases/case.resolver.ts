import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { Policies, Requires } from '../../authorization/policy';
import { ConnectionType, PageArgs, pageSize } from '../../common/connection';
import type { RequestContext } from '../../request/context';
import { Contact } from '../contacts/contact.entity';
import { CaseParty } from './case-party.entity';
import { Case } from './case.entity';
import { CaseFilter } from './case-filter.input';
import { findVisibleCase, listCases } from './case.service';
import { partiesByCaseId } from './case.loaders';

export const CaseConnection = ConnectionType(Case, 'Case');

@Resolver(() => Case)
export class CaseResolver {
  @Requires(Policies.can('read', 'Case'))
  @Query(() => Case, { nullable: true, description: 'A case by id; null when missing or not visible.' })
  case(@Ctx() ctx: RequestContext, @Arg('id', () => ID, { description: 'Identifier of the case.' }) id: string): Promise<Case | null> {
    return findVisibleCase(ctx, id);
  }

  @Requires(Policies.can('read', 'Case'))
  @Query(() => CaseConnection, { description: 'Cases the caller may see, by case number.' })
  async cases(
    @Ctx() ctx: RequestContext,
    @Args(() => PageArgs) page: PageArgs,
    @Arg('filter', () => CaseFilter, { nullable: true, description: 'Narrows the list; omit it for every row the caller may see.' }) filter?: CaseFilter | null,
  ) {
    return CaseConnection.from(await listCases(ctx, filter, pageSize(page), page.after));
  }

  @FieldResolver(() => [CaseParty], { description: 'Parties whose contact the caller may see; others are left out.' })
  parties(@Ctx() ctx: RequestContext, @Root() row: Case): Promise<CaseParty[]> {
    return partiesByCaseId(ctx).load(row.id);
  }
}

@Resolver(() => CaseParty)
export class CasePartyResolver {
  @FieldResolver(() => Contact, { description: 'The client; parties whose contact the caller may not see are left out of the list.' })
  contact(@Root() party: CaseParty): Contact {
    return party.contact!;
  }
}
