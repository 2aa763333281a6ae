import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Policies, Requires } from '../../authorization/policy';
import { ConnectionType, PageArgs, pageSize } from '../../common/connection';
import type { RequestContext } from '../../request/context';
import { Contact } from '../contacts/contact.entity';
import { Staff } from '../staff/staff.entity';
import { AccessExtension } from './access-extension.entity';
import { GrantState } from './access-enums';
import { AccessGrant } from './access-grant.entity';
import { askAccessGrantRemoval, reportAccessWorkDone } from './grant-removal';
import {
  findVisibleAccessGrant, grantAccessExtension, grantStateAt, listAccessGrants, rejectAccessExtension, removeAccessGrant, requestAccessExtension,
  supportAccessExtension,
} from './access-grant.service';
import { AccessGrantFilter, GrantExtensionInput, RejectExtensionInput, RemoveGrantInput, RequestExtensionInput } from './access-inputs';
import { contactById } from '../contacts/contact.loaders';
import { staffById } from '../staff/staff.loaders';
import { extensionsByGrantId } from './access.loaders';

export const AccessGrantConnection = ConnectionType(AccessGrant, 'AccessGrant');

@Resolver(() => AccessGrant)
export class AccessGrantResolver {
  @Requires(Policies.can('read', 'AccessGrant'))
  @Query(() => AccessGrantConnection, { description: 'Grants the caller may see (own; TL: their team\'s; SCR manager, FLLS, reviewer: all), newest first.' })
  async accessGrants(
    @Ctx() ctx: RequestContext,
    @Args(() => PageArgs) page: PageArgs,
    @Arg('filter', () => AccessGrantFilter, { nullable: true, description: 'Narrows the list; every visible grant when left out.' }) filter?: AccessGrantFilter | null,
  ) {
    return AccessGrantConnection.from(await listAccessGrants(ctx, filter, pageSize(page), page.after));
  }

  @Requires(Policies.can('read', 'AccessGrant'))
  @Query(() => AccessGrant, { nullable: true, description: 'A grant by id; null when missing or not visible to the caller.' })
  accessGrant(@Ctx() ctx: RequestContext, @Arg('id', () => ID, { description: 'Identifier of the grant.' }) id: string) {
    return findVisibleAccessGrant(ctx, id);
  }

  @Requires(Policies.can('requestExtension', 'AccessGrant'))
  @Mutation(() => AccessExtension, { description: 'The grantee asks, before expiry, for more time (TAR-6); it goes to their TL.' })
  requestAccessExtension(@Ctx() ctx: RequestContext, @Arg('input', () => RequestExtensionInput, { description: 'The grant and the extra time asked for.' }) input: RequestExtensionInput) {
    return requestAccessExtension(ctx, input);
  }

  @Requires(Policies.can('check', 'AccessExtension'))
  @Mutation(() => AccessExtension, { description: "The grantee's team leader passes the extension request to FLLS." })
  supportAccessExtension(@Ctx() ctx: RequestContext, @Arg('extensionId', () => ID, { description: 'The extension to support; it must be REQUESTED.' }) extensionId: string) {
    return supportAccessExtension(ctx, extensionId);
  }

  @Requires(Policies.can('grant', 'AccessExtension'))
  @Mutation(() => AccessExtension, { description: 'FLLS sets the new expiry of a supported extension.' })
  grantAccessExtension(@Ctx() ctx: RequestContext, @Arg('input', () => GrantExtensionInput, { description: 'The extension and the new expiry.' }) input: GrantExtensionInput) {
    return grantAccessExtension(ctx, input);
  }

  @Requires(Policies.can('reject', 'AccessExtension'))
  @Mutation(() => AccessExtension, { description: 'TL (at REQUESTED) or FLLS (at TL_SUPPORTED) rejects an extension with a reason.' })
  rejectAccessExtension(@Ctx() ctx: RequestContext, @Arg('input', () => RejectExtensionInput, { description: 'The extension and why it is rejected.' }) input: RejectExtensionInput) {
    return rejectAccessExtension(ctx, input);
  }

  @Requires(Policies.can('remove', 'AccessGrant'))
  @Mutation(() => AccessGrant, { description: "FLLS removes a grant before expiry, at the TL's request or when the work is done (TAR-6)." })
  removeAccessGrant(@Ctx() ctx: RequestContext, @Arg('input', () => RemoveGrantInput, { description: 'The grant and why it is removed early.' }) input: RemoveGrantInput) {
    return removeAccessGrant(ctx, input);
  }

  @Requires(Policies.can('askRemoval', 'AccessGrant'))
  @Mutation(() => AccessGrant, { description: "The grantee's team leader asks FLLS to remove a live grant early (TAR-6); FLLS then calls removeAccessGrant. Repeating it notifies no one twice." })
  askAccessGrantRemoval(@Ctx() ctx: RequestContext, @Arg('grantId', () => ID, { description: 'The live grant, of a member of the caller\'s team, to remove early.' }) grantId: string) {
    return askAccessGrantRemoval(ctx, grantId);
  }

  @Requires(Policies.can('reportDone', 'AccessGrant'))
  @Mutation(() => AccessGrant, { description: 'The grantee says the work is done (TAR-6): FLLS and their team leader are told, so FLLS can remove it. Repeating it notifies no one twice.' })
  reportAccessWorkDone(@Ctx() ctx: RequestContext, @Arg('grantId', () => ID, { description: 'The caller\'s own live grant whose work is done.' }) grantId: string) {
    return reportAccessWorkDone(ctx, grantId);
  }

  @FieldResolver(() => GrantState, { description: 'At the request instant: expiry needs nothing to run.' })
  state(@Ctx() ctx: RequestContext, @Root() grant: AccessGrant) {
    return grantStateAt(grant, ctx.now);
  }

  @FieldResolver(() => Staff, { nullable: true, description: 'Who holds the access.' })
  grantee(@Ctx() ctx: RequestContext, @Root() grant: AccessGrant) {
    return staffById(ctx).load(grant.staffId);
  }

  @FieldResolver(() => Contact, { nullable: true, description: 'The contact covered, when the caller may see it.' })
  contact(@Ctx() ctx: RequestContext, @Root() grant: AccessGrant) {
    return grant.contactId ? contactById(ctx).load(grant.contactId) : null;
  }

  @FieldResolver(() => ID, { nullable: true, description: 'The access request it came from.' })
  accessRequestId(@Root() grant: AccessGrant) {
    return grant.requestId;
  }

  @FieldResolver(() => [AccessExtension], { description: 'Every request to extend this grant, whatever its stage, oldest first.' })
  extensions(@Ctx() ctx: RequestContext, @Root() grant: AccessGrant) {
    return extensionsByGrantId(ctx).load(grant.id);
  }
}
