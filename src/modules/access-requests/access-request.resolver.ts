import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Policies, Requires } from '../../authorization/policy';
import { ConnectionType, PageArgs, pageSize } from '../../common/connection';
import type { RequestContext } from '../../request/context';
import { Contact } from '../contacts/contact.entity';
import { ServiceRequest } from '../service-requests/service-request.entity';
import { serviceRequestById } from '../service-requests/sr.loaders';
import { Staff } from '../staff/staff.entity';
import {
  AccessRequestFilter, ApproveAccessRequestInput, CheckAccessRequestInput, GrantAccessRequestInput, RejectAccessRequestInput, SubmitAccessRequestInput,
} from './access-inputs';
import { AccessRequest } from './access-request.entity';
import {
  ApproveAccessRequestPayload, CheckAccessRequestPayload, GrantAccessRequestPayload, RejectAccessRequestPayload, requestPayload,
  SubmitAccessRequestPayload,
} from './access-payloads';
import { AccessRequestStatus } from './access-enums';
import {
  approveAccessRequest, checkAccessRequest, findVisibleAccessRequest, grantAccessRequest, listAccessRequests, rejectAccessRequest,
  submitAccessRequest,
} from './access-request.service';
import { contactById } from '../contacts/contact.loaders';
import { staffById } from '../staff/staff.loaders';
import { AccessGrant } from './access-grant.entity';
import { grantByRequestId } from './access.loaders';

export const AccessRequestConnection = ConnectionType(AccessRequest, 'AccessRequest');


@Resolver(() => AccessRequest)
export class AccessRequestResolver {
  @Requires(Policies.can('read', 'AccessRequest'))
  @Query(() => AccessRequest, { nullable: true, description: 'An access request by id; null when missing or not visible.' })
  accessRequest(@Ctx() ctx: RequestContext, @Arg('id', () => ID, { description: 'Identifier of the access request.' }) id: string) {
    return findVisibleAccessRequest(ctx, id);
  }

  @Requires(Policies.can('read', 'AccessRequest'))
  @Query(() => AccessRequestConnection, {
    description: 'Access requests the caller may see, newest first: the requester their own, a TL their team\'s, the SCR manager those checked by a TL, FLLS those approved, a reviewer all. `awaitingMyDecision` gives the caller\'s queue.',
  })
  async accessRequests(
    @Ctx() ctx: RequestContext,
    @Args(() => PageArgs) page: PageArgs,
    @Arg('filter', () => AccessRequestFilter, { nullable: true, description: 'Narrows the list; every visible request when left out.' }) filter?: AccessRequestFilter | null,
  ) {
    return AccessRequestConnection.from(await listAccessRequests(ctx, filter, pageSize(page), page.after));
  }

  @Requires(Policies.can('submit', 'AccessRequest'))
  @Mutation(() => SubmitAccessRequestPayload, { description: 'Submits form CSUA150 (TAR-1). The request goes to the requester\'s team leader.' })
  async submitAccessRequest(@Ctx() ctx: RequestContext, @Arg('input', () => SubmitAccessRequestInput, { description: 'The filled-in form.' }) input: SubmitAccessRequestInput) {
    return requestPayload(SubmitAccessRequestPayload, await submitAccessRequest(ctx, input));
  }

  @Requires(Policies.can('check', 'AccessRequest'))
  @Mutation(() => CheckAccessRequestPayload, { description: "SUBMITTED -> TL_CHECKED by the requester's own team leader, adding their name and contact details." })
  async checkAccessRequest(@Ctx() ctx: RequestContext, @Arg('input', () => CheckAccessRequestInput, { description: 'The request and the team leader\'s contact details.' }) input: CheckAccessRequestInput) {
    return requestPayload(CheckAccessRequestPayload, await checkAccessRequest(ctx, input));
  }

  @Requires(Policies.can('approve', 'AccessRequest'))
  @Mutation(() => ApproveAccessRequestPayload, { description: 'TL_CHECKED -> SCR_APPROVED by an SCR manager.' })
  async approveAccessRequest(@Ctx() ctx: RequestContext, @Arg('input', () => ApproveAccessRequestInput, { description: 'The TL_CHECKED access request to approve.' }) input: ApproveAccessRequestInput) {
    return requestPayload(ApproveAccessRequestPayload, await approveAccessRequest(ctx, input.id));
  }

  @Requires(Policies.can('grant', 'AccessRequest'))
  @Mutation(() => GrantAccessRequestPayload, { description: 'SCR_APPROVED -> GRANTED by FLLS: creates the grant, from now, for the hours granted.' })
  async grantAccessRequest(@Ctx() ctx: RequestContext, @Arg('input', () => GrantAccessRequestInput, { description: 'The request and the hours granted.' }) input: GrantAccessRequestInput) {
    return requestPayload(GrantAccessRequestPayload, await grantAccessRequest(ctx, input));
  }

  @Requires(Policies.can('reject', 'AccessRequest'))
  @Mutation(() => RejectAccessRequestPayload, { description: "Rejects at the current stage (by that stage's decider) with a mandatory reason; final." })
  async rejectAccessRequest(@Ctx() ctx: RequestContext, @Arg('input', () => RejectAccessRequestInput, { description: 'The request and why it is rejected.' }) input: RejectAccessRequestInput) {
    return requestPayload(RejectAccessRequestPayload, await rejectAccessRequest(ctx, input));
  }

  @FieldResolver(() => Staff, { nullable: true, description: 'The member of staff who submitted the form.' })
  requester(@Ctx() ctx: RequestContext, @Root() request: AccessRequest) {
    return staffById(ctx).load(request.requesterId);
  }

  @FieldResolver(() => Contact, { nullable: true, description: 'The contact, when the caller may see it (e.g. once a VIEW_CONTACT grant is live).' })
  contact(@Ctx() ctx: RequestContext, @Root() request: AccessRequest) {
    return request.contactId ? contactById(ctx).load(request.contactId) : null;
  }

  @FieldResolver(() => ID, { description: 'The SR the access is for.' })
  serviceRequestId(@Root() request: AccessRequest) {
    return request.serviceRequestId;
  }

  @FieldResolver(() => AccessGrant, { nullable: true, description: 'The grant it led to (id, expiry, state) once GRANTED, when the caller may see grants of it.' })
  grant(@Ctx() ctx: RequestContext, @Root() request: AccessRequest) {
    return request.status === AccessRequestStatus.GRANTED ? grantByRequestId(ctx).load(request.id) : null;
  }

  @FieldResolver(() => ServiceRequest, { nullable: true, description: 'The SR, when the caller may see it.' })
  serviceRequest(@Ctx() ctx: RequestContext, @Root() request: AccessRequest) {
    return serviceRequestById(ctx).load(request.serviceRequestId);
  }
}
