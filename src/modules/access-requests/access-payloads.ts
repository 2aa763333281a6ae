import { Field, ObjectType } from 'type-graphql';
import { AccessExtension } from './access-extension.entity';
import { AccessGrant } from './access-grant.entity';
import { AccessRequest } from './access-request.entity';

// One payload per mutation (contract point 10): each can grow a field without touching the others.

@ObjectType({ description: 'Base of the payloads that carry an access request (not in the schema on its own).' })
export class AccessRequestPayload {
  @Field(() => AccessRequest, { description: 'The access request as it is after the mutation.' })
  accessRequest: AccessRequest;
}

@ObjectType({ description: 'Base of the payloads that carry an access extension (not in the schema on its own).' })
export class AccessExtensionPayload {
  @Field(() => AccessExtension, { description: 'The extension request as it is after the mutation.' })
  accessExtension: AccessExtension;
}

@ObjectType({ description: 'Base of the payloads that carry an access grant (not in the schema on its own).' })
export class AccessGrantPayload {
  @Field(() => AccessGrant, { description: 'The grant as it is after the mutation.' })
  accessGrant: AccessGrant;
}

export const requestPayload = <T extends AccessRequestPayload>(Type: new () => T, accessRequest: AccessRequest): T =>
  Object.assign(new Type(), { accessRequest });
export const extensionPayload = <T extends AccessExtensionPayload>(Type: new () => T, accessExtension: AccessExtension): T =>
  Object.assign(new Type(), { accessExtension });
export const grantPayload = <T extends AccessGrantPayload>(Type: new () => T, accessGrant: AccessGrant): T =>
  Object.assign(new Type(), { accessGrant });

@ObjectType({ description: 'The submitted access request, now SUBMITTED to the requester\'s team leader (submitAccessRequest).' })
export class SubmitAccessRequestPayload extends AccessRequestPayload {}

@ObjectType({ description: 'The access request, now TL_CHECKED (checkAccessRequest).' })
export class CheckAccessRequestPayload extends AccessRequestPayload {}

@ObjectType({ description: 'The access request, now SCR_APPROVED (approveAccessRequest).' })
export class ApproveAccessRequestPayload extends AccessRequestPayload {}

@ObjectType({ description: 'The access request, now GRANTED, with its grant (grantAccessRequest).' })
export class GrantAccessRequestPayload extends AccessRequestPayload {}

@ObjectType({ description: 'The access request, now REJECTED (rejectAccessRequest).' })
export class RejectAccessRequestPayload extends AccessRequestPayload {}

@ObjectType({ description: 'The new extension request, REQUESTED of the grantee\'s team leader (requestAccessExtension).' })
export class RequestAccessExtensionPayload extends AccessExtensionPayload {}

@ObjectType({ description: 'The extension request, now TL_SUPPORTED and with FLLS (supportAccessExtension).' })
export class SupportAccessExtensionPayload extends AccessExtensionPayload {}

@ObjectType({ description: 'The extension request, now GRANTED, with the grant\'s new expiry (grantAccessExtension).' })
export class GrantAccessExtensionPayload extends AccessExtensionPayload {}

@ObjectType({ description: 'The extension request, now REJECTED (rejectAccessExtension).' })
export class RejectAccessExtensionPayload extends AccessExtensionPayload {}

@ObjectType({ description: 'The grant, now removed before its expiry (removeAccessGrant).' })
export class RemoveAccessGrantPayload extends AccessGrantPayload {}

@ObjectType({ description: 'The grant whose early removal was asked of FLLS (askAccessGrantRemoval).' })
export class AskAccessGrantRemovalPayload extends AccessGrantPayload {}

@ObjectType({ description: 'The grant whose work was reported done (reportAccessWorkDone).' })
export class ReportAccessWorkDonePayload extends AccessGrantPayload {}
