import { Field, ID, InputType, Int } from 'type-graphql';
import { SrSubStatus } from './sr-classification';
import { ActivityOutcome } from './activity-outcome';
import { Segment } from '../../authorization/roles';
import { ActivityStatus, SrKind, SrSourceType, SrStatus, SubjectType } from './sr-enums';

@InputType({ description: 'Who reported the change.' })
export class SrSourceInput {
  @Field(() => SrSourceType, { description: 'Who reported the change.' })
  type: SrSourceType;

  @Field(() => String, { nullable: true, description: 'Reporting person: required for REPORTING_PERSON.' })
  firstName?: string | null;

  @Field(() => String, { nullable: true, description: 'Reporting person: required for REPORTING_PERSON.' })
  lastName?: string | null;

  @Field(() => SubjectType, { nullable: true, description: "Reporting person's role: required for REPORTING_PERSON." })
  role?: SubjectType | null;
}

@InputType({ description: 'A new service request: what it is for, about whom, on which cases, and who reported it.' })
export class CreateServiceRequestInput {
  @Field(() => SrKind, { description: 'What the service request is for.' })
  kind: SrKind;

  @Field(() => ID, { description: 'The person the change is about.' })
  subjectContactId: string;

  @Field(() => [ID], {
    description: 'Linked case(s); at least one, all of one segment, each with the subject as a party (or represented). ' +
      "The SR's segment and subject type come from them (SR-7).",
  })
  caseIds: string[];

  @Field(() => SrSourceInput, { description: 'Who reported the change.' })
  source: SrSourceInput;

  @Field(() => String, { nullable: true, description: 'A first note to add, if any.' })
  note?: string | null;
}

@InputType({ description: 'All given criteria must match; only SRs the caller may see are matched.' })
export class ServiceRequestFilter {
  @Field(() => [SrStatus], { nullable: true, description: 'Only service requests in one of these statuses.' })
  status?: SrStatus[] | null;

  @Field(() => SrSubStatus, { nullable: true, description: 'Only service requests with this sub status.' })
  subStatus?: SrSubStatus | null;

  @Field(() => Segment, { nullable: true, description: 'Only service requests owned by this segment.' })
  segment?: Segment | null;

  @Field(() => ID, { nullable: true, description: 'Owner staff id.' })
  ownerId?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Only SRs owned by the caller.' })
  mine?: boolean | null;

  @Field(() => ID, { nullable: true, description: 'Subject contact id (matches only subjects the caller may see).' })
  subjectContactId?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Open SRs whose next action date has passed.' })
  overdue?: boolean | null;

  @Field(() => Date, { nullable: true, description: 'Open SRs whose next action is due before this instant.' })
  dueBefore?: Date | null;
}

@InputType({ description: 'Names the service request to act on, with the version the caller last saw.' })
export class SrActionInput {
  @Field(() => ID, { description: 'Identifier of the service request.' })
  id: string;

  @Field(() => Int, { nullable: true, description: 'The version the caller last saw; a different current version is a CONFLICT.' })
  expectedVersion?: number | null;
}

@InputType({ description: 'The outcome of one activity of a service request plan.' })
export class RecordActivityOutcomeInput {
  @Field(() => ID, { description: 'Identifier of the activity.' })
  activityId: string;

  @Field(() => ActivityStatus, { description: 'DONE or NOT_REQUIRED.' })
  status: ActivityStatus;

  @Field(() => ActivityOutcome, { nullable: true, description: 'What came of the step; OTHER needs an outcomeNote.' })
  outcome?: ActivityOutcome | null;

  @Field(() => String, { nullable: true, description: 'Detail of the outcome in words, at most 500 characters (e.g. why a change is declined).' })
  outcomeNote?: string | null;
}

// One input per mutation (contract point 10), most of them naming the SR like SrActionInput.

@InputType({ description: 'The OPEN service request to start (SR-3).' })
export class StartServiceRequestInput extends SrActionInput {}

@InputType({ description: 'The service request to note and the note.' })
export class AddServiceRequestNoteInput extends SrActionInput {
  @Field({ description: 'The text of the note.' })
  text: string;
}

@InputType({ description: 'The service request to route to a hopper (SR-6).' })
export class RouteServiceRequestInput extends SrActionInput {}

@InputType({ description: 'The service request in a hopper and who takes it (SR-6).' })
export class AssignFromHopperInput extends SrActionInput {
  @Field({ description: 'Staff number of the member of staff who takes the service request.' })
  assigneeStaffNumber: string;
}

@InputType({ description: 'The granted SR to hand to the SCR team for finance actions (seed 003, FINANCE_ACTION).' })
export class RouteServiceRequestForFinanceActionInput extends SrActionInput {
  @Field(() => String, { nullable: true, description: 'What the SCR team should do, e.g. "reassign payment"; at most 500 characters, noted on the SR.' })
  financeWork?: string | null;
}
