import { Field, ObjectType } from 'type-graphql';
import { Activity } from './activity.entity';
import { ServiceRequest } from './service-request.entity';

// One payload per mutation (contract point 10): each can grow a field without touching the others.

@ObjectType({ description: 'Base of the payloads that carry a service request (not in the schema on its own).' })
export class ServiceRequestPayload {
  @Field(() => ServiceRequest, { description: 'The service request as it is after the mutation.' })
  serviceRequest: ServiceRequest;
}

/** `void` only in the type: actOnServiceRequest answers the saved SR when its act returns nothing. */
export function srPayload<T extends ServiceRequestPayload>(Type: new () => T, serviceRequest: ServiceRequest | void): T {
  return Object.assign(new Type(), { serviceRequest: serviceRequest as ServiceRequest });
}

@ObjectType({ description: 'The service request just raised (createServiceRequest).' })
export class CreateServiceRequestPayload extends ServiceRequestPayload {}

@ObjectType({ description: 'The service request now IN_PROGRESS, with its activity plan (startServiceRequest).' })
export class StartServiceRequestPayload extends ServiceRequestPayload {}

@ObjectType({ description: 'The service request with the note added (addServiceRequestNote).' })
export class AddServiceRequestNotePayload extends ServiceRequestPayload {}

@ObjectType({ description: 'The service request routed to a hopper (routeServiceRequest).' })
export class RouteServiceRequestPayload extends ServiceRequestPayload {}

@ObjectType({ description: 'The service request assigned from the hopper (assignFromHopper).' })
export class AssignFromHopperPayload extends ServiceRequestPayload {}

@ObjectType({ description: 'The service request handed to the SCR hopper for the finance work (routeServiceRequestForFinanceAction).' })
export class RouteServiceRequestForFinanceActionPayload extends ServiceRequestPayload {}

@ObjectType({ description: 'The activity with its outcome recorded (recordActivityOutcome).' })
export class RecordActivityOutcomePayload {
  @Field(() => Activity, { description: 'The activity as it is after the outcome was recorded.' })
  activity: Activity;
}
