import { Field, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { ServiceRequest } from '../service-requests/service-request.entity';

/** Why an SR is in the due-work list. */
export enum DueReason {
  /** SR-4 / SEC-7: raised through self service, due within 24 hours of being raised. */
  SELF_SERVICE = 'SELF_SERVICE',
  /** A waiting period (e.g. the 7 days after CMSL9800 / CMSL9801) has run out. */
  WAIT_OVER = 'WAIT_OVER',
  /** Any other next action date that has passed. */
  NEXT_ACTION = 'NEXT_ACTION',
}

registerEnumType(DueReason, {
  name: 'DueReason', description: 'Why a service request is in the due-work list.',
  valuesConfig: {
    SELF_SERVICE: { description: 'Raised through self service: due within 24 hours of being raised (SR-4, SEC-7).' },
    WAIT_OVER: { description: 'A waiting period (for example the 7 days after letter CMSL9800 or CMSL9801) has run out.' },
    NEXT_ACTION: { description: 'Any other next action date that has passed.' },
  },
});

@ObjectType({ description: 'An open SR whose next action date has passed, or a self-service SR nearing its 24 hours (SR-4).' })
export class DueWorkItem {
  @Field(() => ServiceRequest, { description: 'The service request that is due.' })
  serviceRequest: ServiceRequest;

  @Field({ description: 'The next action date of the SR.' })
  dueAt: Date;

  @Field({ description: 'True when the due date has passed; false for a self-service SR due within the warning window.' })
  overdue: boolean;

  @Field(() => DueReason, { description: 'Why it is in the list.' })
  reason: DueReason;
}

@InputType({ description: 'Narrows the due-work list.' })
export class DueWorkFilter {
  @Field(() => Boolean, { nullable: true, description: 'Only SRs owned by the caller (unowned self-service SRs are left out).' })
  mine?: boolean | null;
}
