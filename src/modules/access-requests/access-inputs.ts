import { Field, ID, InputType, Int } from 'type-graphql';
import { AccessRequestStatus, GrantRemovalReason, GrantState } from './access-enums';
import { AccessPurpose } from '../../authorization/grant-purpose';

@InputType({ description: 'Form CSUA150. Every field is checked and all problems are answered together (TAR-1).' })
export class SubmitAccessRequestInput {
  @Field({ description: "The requester's own staff number." })
  staffNumber: string;

  @Field()
  team: string;

  @Field()
  grade: string;

  @Field()
  area: string;

  @Field(() => Int, { description: 'Requested duration of access, in hours.' })
  requestedHours: number;

  @Field(() => AccessPurpose)
  purpose: AccessPurpose;

  @Field(() => ID, { description: 'The service request the access is for.' })
  serviceRequestId: string;

  @Field(() => ID, { nullable: true, description: "The contact to view; defaults to the SR's subject." })
  contactId?: string | null;

  @Field(() => String, { nullable: true })
  clientName?: string | null;

  @Field(() => String, { nullable: true })
  scin?: string | null;

  @Field(() => String, { nullable: true })
  nino?: string | null;

  @Field(() => String, { nullable: true, description: 'Further identifiable details.' })
  furtherDetails?: string | null;

  @Field({ description: 'Justification / reason for access.' })
  justification: string;
}

@InputType()
export class CheckAccessRequestInput {
  @Field(() => ID)
  id: string;

  @Field(() => String, { nullable: true, description: "The team leader's contact details; defaults to their work phone." })
  contactDetails?: string | null;
}

@InputType()
export class GrantAccessRequestInput {
  @Field(() => ID)
  id: string;

  @Field(() => Int, { description: 'Hours actually granted: at most the requested duration and the configured maximum.' })
  grantedHours: number;
}

@InputType()
export class RejectAccessRequestInput {
  @Field(() => ID)
  id: string;

  @Field({ description: 'Mandatory; shown to the requester.' })
  reason: string;
}

@InputType({ description: 'Only requests the caller may see are matched.' })
export class AccessRequestFilter {
  @Field(() => [AccessRequestStatus], { nullable: true })
  status?: AccessRequestStatus[] | null;

  @Field(() => Boolean, { nullable: true, description: "Only requests at the stage the caller decides (TL: their team's SUBMITTED; SCR manager: TL_CHECKED; FLLS: SCR_APPROVED), excluding their own." })
  awaitingMyDecision?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: "Only the caller's own requests." })
  mine?: boolean | null;
}

@InputType()
export class RequestExtensionInput {
  @Field(() => ID)
  grantId: string;

  @Field(() => Int, { description: 'Additional hours asked for.' })
  requestedHours: number;

  @Field()
  reason: string;
}

@InputType()
export class GrantExtensionInput {
  @Field(() => ID)
  extensionId: string;

  @Field({ description: 'The new expiry, later than the current one and within the configured maximum from now.' })
  newExpiresAt: Date;
}

@InputType()
export class RejectExtensionInput {
  @Field(() => ID)
  extensionId: string;

  @Field()
  reason: string;
}

@InputType()
export class RemoveGrantInput {
  @Field(() => ID)
  grantId: string;

  @Field(() => GrantRemovalReason)
  reason: GrantRemovalReason;
}

@InputType({ description: 'Only grants the caller may see are matched.' })
export class AccessGrantFilter {
  @Field(() => GrantState, { nullable: true })
  state?: GrantState | null;

  @Field(() => ID, { nullable: true })
  contactId?: string | null;
}
