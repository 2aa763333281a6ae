import { Field, ID, InputType, Int } from 'type-graphql';
import { AccessRequestStatus, GrantRemovalReason, GrantState } from './access-enums';
import { AccessPurpose } from '../../authorization/grant-purpose';

@InputType({ description: 'Form CSUA150. Every field is checked and all problems are answered together (TAR-1).' })
export class SubmitAccessRequestInput {
  @Field({ description: "The requester's own staff number." })
  staffNumber: string;

  @Field(() => String, { nullable: true, description: "Team name; prefilled from the requester's staff record when left out, and must match it when given." })
  team?: string | null;

  @Field(() => String, { nullable: true, description: "Grade; prefilled from the requester's staff record when left out, and must match it when given." })
  grade?: string | null;

  @Field(() => String, { nullable: true, description: "Area; prefilled from the requester's staff record when left out, and must match it when given." })
  area?: string | null;

  @Field(() => Int, { description: 'Requested duration of access, in hours.' })
  requestedHours: number;

  @Field(() => AccessPurpose, { description: 'What the access is for; a grant covers only this purpose (TAR-5).' })
  purpose: AccessPurpose;

  @Field(() => ID, { description: 'The service request the access is for.' })
  serviceRequestId: string;

  @Field(() => ID, { nullable: true, description: "The contact to view; defaults to the SR's subject." })
  contactId?: string | null;

  @Field(() => String, { nullable: true, description: "The client's name, if required; at most 200 characters." })
  clientName?: string | null;

  @Field(() => String, { nullable: true, description: "The client's scheme client identification number (SCIN), if required; at most 20 characters." })
  scin?: string | null;

  @Field(() => String, { nullable: true, description: "The client's national insurance number (NINO), if required; spaces and case are ignored." })
  nino?: string | null;

  @Field(() => String, { nullable: true, description: 'Further identifiable details.' })
  furtherDetails?: string | null;

  @Field({ description: 'Justification / reason for access.' })
  justification: string;
}

@InputType({ description: "The requester's team leader checks a SUBMITTED form (TAR-2)." })
export class CheckAccessRequestInput {
  @Field(() => ID, { description: 'The access request to check.' })
  id: string;

  @Field(() => String, { nullable: true, description: "The team leader's contact details; defaults to their work phone." })
  contactDetails?: string | null;
}

@InputType({ description: 'FLLS grants an SCR_APPROVED request, setting the hours actually granted (TAR-2).' })
export class GrantAccessRequestInput {
  @Field(() => ID, { description: 'The access request to grant.' })
  id: string;

  @Field(() => Int, { description: 'Hours actually granted: at most the requested duration and the configured maximum.' })
  grantedHours: number;
}

@InputType({ description: 'The decider of the current stage rejects a request, with a reason (TAR-2).' })
export class RejectAccessRequestInput {
  @Field(() => ID, { description: 'The access request to reject.' })
  id: string;

  @Field({ description: 'Mandatory; shown to the requester.' })
  reason: string;
}

@InputType({ description: 'Only requests the caller may see are matched.' })
export class AccessRequestFilter {
  @Field(() => [AccessRequestStatus], { nullable: true, description: 'Only requests at any of these stages; all stages when left out or empty.' })
  status?: AccessRequestStatus[] | null;

  @Field(() => Boolean, { nullable: true, description: "Only requests at the stage the caller decides (TL: their team's SUBMITTED; SCR manager: TL_CHECKED; FLLS: SCR_APPROVED), excluding their own." })
  awaitingMyDecision?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: "Only the caller's own requests." })
  mine?: boolean | null;
}

@InputType({ description: 'The grantee asks for more time on their live grant, before it expires (TAR-6).' })
export class RequestAccessExtensionInput {
  @Field(() => ID, { description: 'The grant to extend; it must still be active.' })
  grantId: string;

  @Field(() => Int, { description: 'Additional hours asked for.' })
  requestedHours: number;

  @Field({ description: 'Why more time is needed; required, at most 1000 characters.' })
  reason: string;
}

@InputType({ description: 'FLLS grants a TL_SUPPORTED extension by setting the new expiry (TAR-6).' })
export class GrantAccessExtensionInput {
  @Field(() => ID, { description: 'The extension to grant.' })
  extensionId: string;

  @Field({ description: 'The new expiry: later than the current one, at most the requested hours after it, and within the configured maximum from now.' })
  newExpiresAt: Date;
}

@InputType({ description: 'The team leader (at REQUESTED) or FLLS (at TL_SUPPORTED) rejects an extension (TAR-6).' })
export class RejectAccessExtensionInput {
  @Field(() => ID, { description: 'The extension to reject.' })
  extensionId: string;

  @Field({ description: 'Why it is rejected; required, at most 1000 characters; the grantee is told it.' })
  reason: string;
}

@InputType({ description: 'FLLS removes a live grant before its expiry (TAR-6).' })
export class RemoveAccessGrantInput {
  @Field(() => ID, { description: 'The grant to remove; it must still be active.' })
  grantId: string;

  @Field(() => GrantRemovalReason, { description: 'Why it is removed early.' })
  reason: GrantRemovalReason;
}

@InputType({ description: 'Only grants the caller may see are matched.' })
export class AccessGrantFilter {
  @Field(() => GrantState, { nullable: true, description: 'Only grants in this state at the moment of the request.' })
  state?: GrantState | null;

  @Field(() => ID, { nullable: true, description: 'Only grants covering this contact.' })
  contactId?: string | null;
}

@InputType({ description: 'An SCR manager approves a TL_CHECKED request (TAR-2).' })
export class ApproveAccessRequestInput {
  @Field(() => ID, { description: 'The TL_CHECKED access request to approve.' })
  id: string;
}

@InputType({ description: "The grantee's team leader supports an extension request and passes it to FLLS (TAR-6)." })
export class SupportAccessExtensionInput {
  @Field(() => ID, { description: 'The extension to support; it must be REQUESTED.' })
  extensionId: string;
}

@InputType({ description: "The grantee's team leader asks FLLS to remove a live grant early (TAR-6)." })
export class AskAccessGrantRemovalInput {
  @Field(() => ID, { description: "The live grant, of a member of the caller's team, to remove early." })
  grantId: string;
}

@InputType({ description: 'The grantee says the work the grant was for is done (TAR-6).' })
export class ReportAccessWorkDoneInput {
  @Field(() => ID, { description: "The caller's own live grant whose work is done." })
  grantId: string;
}
