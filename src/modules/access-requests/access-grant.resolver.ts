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
import {
  AccessGrantFilter, AskAccessGrantRemovalInput, GrantAccessExtensionInput, RejectAccessExtensionInput, RemoveAccessGrantInput,
  ReportAccessWorkDoneInput, RequestAccessExtensionInput, SupportAccessExtensionInput,
} from './access-inputs';
import {
  AskAccessGrantRemovalPayload, extensionPayload, GrantAccessExtensionPayload, grantPayload, RejectAccessExtensionPayload,
  RemoveAccessGrantPayload, ReportAccessWorkDonePayload, RequestAccessExtensionPayload, SupportAccessExtensionPayload,
} from './access-payloads';
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
  @Mutation(() => RequestAccessExtensionPayload, { description: 'The grantee asks, before expiry, for more time (TAR-6); it goes to their TL.' })
  async requestAccessExtension(@Ctx() ctx: RequestContext, @Arg('input', () => RequestAccessExtensionInput, { description: 'The grant and the extra time asked for.' }) input: RequestAccessExtensionInput) {
    return extensionPayload(RequestAccessExtensionPayload, await requestAccessExtension(ctx, input));
  }

  @Requires(Policies.can('check', 'AccessExtension'))
  @Mutation(() => SupportAccessExtensionPayload, { description: "The grantee's team leader passes the extension request to FLLS." })
  async supportAccessExtension(@Ctx() ctx: RequestContext, @Arg('input', () => SupportAccessExtensionInput, { description: 'The extension to support; it must be REQUESTED.' }) input: SupportAccessExtensionInput) {
    return extensionPayload(SupportAccessExtensionPayload, await supportAccessExtension(ctx, input.extensionId));
  }

  @Requires(Policies.can('grant', 'AccessExtension'))
  @Mutation(() => GrantAccessExtensionPayload, { description: 'FLLS sets the new expiry of a supported extension.' })
  async grantAccessExtension(@Ctx() ctx: RequestContext, @Arg('input', () => GrantAccessExtensionInput, { description: 'The extension and the new expiry.' }) input: GrantAccessExtensionInput) {
    return extensionPayload(GrantAccessExtensionPayload, await grantAccessExtension(ctx, input));
  }

  @Requires(Policies.can('reject', 'AccessExtension'))
  @Mutation(() => RejectAccessExtensionPayload, { description: 'TL (at REQUESTED) or FLLS (at TL_SUPPORTED) rejects an extension with a reason.' })
  async rejectAccessExtension(@Ctx() ctx: RequestContext, @Arg('input', () => RejectAccessExtensionInput, { description: 'The extension and why it is rejected.' }) input: RejectAccessExtensionInput) {
    return extensionPayload(RejectAccessExtensionPayload, await rejectAccessExtension(ctx, input));
  }

  @Requires(Policies.can('remove', 'AccessGrant'))
  @Mutation(() => RemoveAccessGrantPayload, { description: "FLLS removes a grant before expiry, at the TL's request or when the work is done (TAR-6)." })
  async removeAccessGrant(@Ctx() ctx: RequestContext, @Arg('input', () => RemoveAccessGrantInput, { description: 'The grant and why it is removed early.' }) input: RemoveAccessGrantInput) {
    return grantPayload(RemoveAccessGrantPayload, await removeAccessGrant(ctx, input));
  }

  @Requires(Policies.can('askRemoval', 'AccessGrant'))
  @Mutation(() => AskAccessGrantRemovalPayload, { description: "The grantee's team leader asks FLLS to remove a live grant early (TAR-6); FLLS then calls removeAccessGrant. Repeating it notifies no one twice." })
  async askAccessGrantRemoval(@Ctx() ctx: RequestContext, @Arg('input', () => AskAccessGrantRemovalInput, { description: 'The live grant, of a member of the caller\'s team, to remove early.' }) input: AskAccessGrantRemovalInput) {
    return grantPayload(AskAccessGrantRemovalPayload, await askAccessGrantRemoval(ctx, input.grantId));
  }

  @Requires(Policies.can('reportDone', 'AccessGrant'))
  @Mutation(() => ReportAccessWorkDonePayload, { description: 'The grantee says the work is done (TAR-6): FLLS and their team leader are told, so FLLS can remove it. Repeating it notifies no one twice.' })
  async reportAccessWorkDone(@Ctx() ctx: RequestContext, @Arg('input', () => ReportAccessWorkDoneInput, { description: 'The caller\'s own live grant whose work is done.' }) input: ReportAccessWorkDoneInput) {
    return grantPayload(ReportAccessWorkDonePayload, await reportAccessWorkDone(ctx, input.grantId));
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
