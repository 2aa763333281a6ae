import { Field, InputType, ObjectType } from 'type-graphql';
import { SrActionInput } from '../service-requests/sr-inputs';
import { ServiceRequestPayload } from '../service-requests/sr-payloads';
import { SecurityChallenge } from './security-types';

// One input and one payload per mutation (contract point 10); the richer inputs live in security-types.ts.

@InputType({ description: 'SEC-6 steps 5-6: the CHANGE_SECURITY_DETAILS service request to start.' })
export class StartSecurityDetailsChangeInput extends SrActionInput {}

@InputType({ description: 'SEC-6 step 8: the CHANGE_SECURITY_DETAILS service request waiting 7 days without a reply.' })
export class SendSecurityDetailsReminderInput extends SrActionInput {}

@ObjectType({ description: 'SEC-4: the challenge to put to the client (startSecurityCheck).' })
export class StartSecurityCheckPayload {
  @Field(() => SecurityChallenge, { description: 'What to ask; the answers stay on the server.' })
  challenge: SecurityChallenge;
}

@ObjectType({ description: 'The SECURITY_SET_UP service request, now closed (setUpSecurity, SEC-1).' })
export class SetUpSecurityPayload extends ServiceRequestPayload {}

@ObjectType({ description: 'The SECURITY_SET_UP service request, now closed on defaults (applySecurityDefaults, SEC-2).' })
export class ApplySecurityDefaultsPayload extends ServiceRequestPayload {}

@ObjectType({ description: 'The new CHANGE_SECURITY_DETAILS service request raised by the client (requestSecurityDetailsChange, SEC-7).' })
export class RequestSecurityDetailsChangePayload extends ServiceRequestPayload {}

@ObjectType({ description: 'The CHANGE_SECURITY_DETAILS service request, now IN_PROGRESS with its plan (startSecurityDetailsChange).' })
export class StartSecurityDetailsChangePayload extends ServiceRequestPayload {}

@ObjectType({ description: 'The CHANGE_SECURITY_DETAILS service request, waiting for the form CMSL9800 (sendSecurityDetailsForm).' })
export class SendSecurityDetailsFormPayload extends ServiceRequestPayload {}

@ObjectType({ description: 'The CHANGE_SECURITY_DETAILS service request, waiting after the reminder CMSL9801 (sendSecurityDetailsReminder).' })
export class SendSecurityDetailsReminderPayload extends ServiceRequestPayload {}

@ObjectType({ description: 'The CHANGE_SECURITY_DETAILS service request with the change accepted (acceptSecurityDetailsChange, SEC-6).' })
export class AcceptSecurityDetailsChangePayload extends ServiceRequestPayload {}

@ObjectType({ description: 'The CHANGE_SECURITY_DETAILS service request, now CLOSED / COMPLETE (completeSecurityDetailsChange).' })
export class CompleteSecurityDetailsChangePayload extends ServiceRequestPayload {}

@ObjectType({ description: 'The CHANGE_SECURITY_DETAILS service request, now declined and CLOSED (declineSecurityDetailsChange).' })
export class DeclineSecurityDetailsChangePayload extends ServiceRequestPayload {}
