import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Policies, Requires } from '../../authorization/policy';
import { ConnectionType, PageArgs, pageSize } from '../../common/connection';
import type { RequestContext } from '../../request/context';
import { Case } from '../cases/case.entity';
import { Contact } from '../contacts/contact.entity';
import { Staff } from '../staff/staff.entity';
import { Activity } from './activity.entity';
import {
  AddServiceRequestNoteInput, AssignFromHopperInput, CreateServiceRequestInput, RecordActivityOutcomeInput, RouteServiceRequestInput,
  ServiceRequestFilter, StartServiceRequestInput,
} from './sr-inputs';
import {
  AddServiceRequestNotePayload, AssignFromHopperPayload, CreateServiceRequestPayload, RecordActivityOutcomePayload,
  RouteServiceRequestPayload, srPayload, StartServiceRequestPayload,
} from './sr-payloads';
import { SrNote } from './sr-note.entity';
import { assignFromHopper, routeServiceRequest } from './sr-routing.service';
import { ServiceRequest } from './service-request.entity';
import {
  addServiceRequestNote, createServiceRequest, findVisibleServiceRequest, listServiceRequests, recordActivityOutcome,
  startServiceRequest,
} from './service-request.service';
import { activitiesBySrId, casesBySrId, notesBySrId, rememberSubject, statusHistoryBySrId } from './sr.loaders';
import { SrStatusChange } from './sr-status-change.entity';
import { contactById } from '../contacts/contact.loaders';
import { staffById } from '../staff/staff.loaders';

export const ServiceRequestConnection = ConnectionType(ServiceRequest, 'ServiceRequest');


@Resolver(() => ServiceRequest)
export class ServiceRequestResolver {
  @Requires(Policies.can('read', 'ServiceRequest'))
  @Query(() => ServiceRequest, { nullable: true, description: 'An SR by id; null when missing or not visible.' })
  serviceRequest(@Ctx() ctx: RequestContext, @Arg('id', () => ID, { description: 'Identifier of the service request.' }) id: string) {
    return findVisibleServiceRequest(ctx, id);
  }

  @Requires(Policies.can('read', 'ServiceRequest'))
  @Query(() => ServiceRequestConnection, {
    description: 'SRs the caller may see, newest first. The hopper of a segment: filter { status: [PENDING_ASSIGNMENT], segment }.',
  })
  async serviceRequests(
    @Ctx() ctx: RequestContext,
    @Args(() => PageArgs) page: PageArgs,
    @Arg('filter', () => ServiceRequestFilter, { nullable: true, description: 'Narrows the list; omit it for every row the caller may see.' }) filter?: ServiceRequestFilter | null,
  ) {
    return ServiceRequestConnection.from(await listServiceRequests(ctx, filter, pageSize(page), page.after));
  }

  @Requires(Policies.can('create', 'ServiceRequest'))
  @Mutation(() => CreateServiceRequestPayload, { description: 'Raise an SR in the caller\'s segment, owned by the caller (status OPEN).' })
  async createServiceRequest(@Ctx() ctx: RequestContext, @Arg('input', () => CreateServiceRequestInput, { description: 'What the new service request is for, about whom, and who reported it.' }) input: CreateServiceRequestInput) {
    return srPayload(CreateServiceRequestPayload, await createServiceRequest(ctx, input));
  }

  @Requires(Policies.can('work', 'ServiceRequest'))
  @Mutation(() => StartServiceRequestPayload, { description: 'OPEN -> IN_PROGRESS; generates the activity plan (SR-3).' })
  async startServiceRequest(@Ctx() ctx: RequestContext, @Arg('input', () => StartServiceRequestInput, { description: 'The service request to act on.' }) input: StartServiceRequestInput) {
    return srPayload(StartServiceRequestPayload, await startServiceRequest(ctx, input));
  }

  @Requires(Policies.can('work', 'ServiceRequest'))
  @Mutation(() => AddServiceRequestNotePayload, { description: 'Adds a note to a service request the caller may work; returns the service request.' })
  async addServiceRequestNote(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => AddServiceRequestNoteInput, { description: 'The service request to act on and the text of the note.' }) input: AddServiceRequestNoteInput,
  ) {
    return srPayload(AddServiceRequestNotePayload, await addServiceRequestNote(ctx, input, input.text));
  }

  @Requires(Policies.can('work', 'ServiceRequest'))
  @Mutation(() => RecordActivityOutcomePayload, { description: 'Records the outcome of a step of the activity plan.' })
  async recordActivityOutcome(@Ctx() ctx: RequestContext, @Arg('input', () => RecordActivityOutcomeInput, { description: 'The activity and its outcome.' }) input: RecordActivityOutcomeInput) {
    return Object.assign(new RecordActivityOutcomePayload(), { activity: await recordActivityOutcome(ctx, input) });
  }

  @Requires(Policies.can('route', 'ServiceRequest'))
  @Mutation(() => RouteServiceRequestPayload, {
    description: 'Sets PENDING_ASSIGNMENT (routing to a hopper). A sensitive subject sends it to the SCR hopper and needs a ROUTE_SR_TO_SCR grant (SR-6).',
  })
  async routeServiceRequest(@Ctx() ctx: RequestContext, @Arg('input', () => RouteServiceRequestInput, { description: 'The service request to act on.' }) input: RouteServiceRequestInput) {
    return srPayload(RouteServiceRequestPayload, await routeServiceRequest(ctx, input));
  }

  @Requires(Policies.can('assign', 'ServiceRequest'))
  @Mutation(() => AssignFromHopperPayload, { description: "Assigns an SR from a hopper: a TL from their segment's, the SCR manager from the SCR hopper (SR-6)." })
  async assignFromHopper(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => AssignFromHopperInput, { description: 'The service request to act on and who takes it.' }) input: AssignFromHopperInput,
  ) {
    return srPayload(AssignFromHopperPayload, await assignFromHopper(ctx, input, input.assigneeStaffNumber));
  }

  @FieldResolver(() => Contact, { nullable: true, description: 'The subject; null when the caller may not see that contact (SCR-3).' })
  subject(@Ctx() ctx: RequestContext, @Root() sr: ServiceRequest) {
    return contactById(ctx).load(sr.subjectContactId);
  }

  @FieldResolver(() => String, { nullable: true, description: "Reporting person's name; hidden with a hidden subject (SCR-3)." })
  sourceName(@Root() sr: ServiceRequest) {
    return [sr.sourceFirstName, sr.sourceLastName].filter(Boolean).join(' ') || null;
  }

  @FieldResolver(() => String, { nullable: true, description: "Reporting person's role; hidden with a hidden subject (SCR-3)." })
  sourceRole(@Root() sr: ServiceRequest) {
    return sr.sourceRole;
  }

  @FieldResolver(() => [Case], { description: 'The linked cases the caller may see.' })
  cases(@Ctx() ctx: RequestContext, @Root() sr: ServiceRequest) {
    return casesBySrId(ctx).load(sr.id);
  }

  @FieldResolver(() => Staff, { nullable: true, description: 'The member of staff who owns it; null while unassigned (for example in a hopper).' })
  owner(@Ctx() ctx: RequestContext, @Root() sr: ServiceRequest) {
    return sr.ownerId ? staffById(ctx).load(sr.ownerId) : null;
  }

  @FieldResolver(() => [SrStatusChange], {
    description: 'Every status and sub status the SR went through, oldest first: who, when, from, to (SR-8).',
  })
  statusHistory(@Ctx() ctx: RequestContext, @Root() sr: ServiceRequest) {
    return statusHistoryBySrId(ctx).load(sr.id);
  }

  @FieldResolver(() => [Activity], { description: 'The activity plan, in order (preferred call times first).' })
  activities(@Ctx() ctx: RequestContext, @Root() sr: ServiceRequest) {
    rememberSubject(ctx, sr);
    return activitiesBySrId(ctx).load(sr.id);
  }

  @FieldResolver(() => [SrNote], { description: 'Notes on the service request, oldest first.' })
  notes(@Ctx() ctx: RequestContext, @Root() sr: ServiceRequest) {
    rememberSubject(ctx, sr);
    return notesBySrId(ctx).load(sr.id);
  }
}
