import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { Policies, Requires } from '../../authorization/policy';
import type { RequestContext } from '../../request/context';
import {
  maintainRepresentativeSecurity, MaintainRepresentativeSecurityInput, MaintainRepresentativeSecurityPayload,
} from './representative-maintain';

@Resolver()
export class RepresentativeSecurityResolver {
  @Requires(Policies.can('maintainRepresentative', 'Contact'))
  @Mutation(() => MaintainRepresentativeSecurityPayload, {
    description: "REP-3 (Client Representative - Maintain): unblock a representative's account and/or replace their PIN and password. " +
      "By the segment owning a case of a client they act for; the SCR team for a sensitive client. Never a client's details (REP-1 is the other way round).",
  })
  maintainRepresentativeSecurity(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => MaintainRepresentativeSecurityInput, { description: 'The representative and the security details to keep.' }) input: MaintainRepresentativeSecurityInput,
  ) {
    return maintainRepresentativeSecurity(ctx, input);
  }
}
