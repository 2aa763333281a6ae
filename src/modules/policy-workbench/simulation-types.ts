import { Field, InputType, ObjectType, registerEnumType } from 'type-graphql';
import type { Action } from '../../authorization/ability';
import { AccessPurpose } from '../../authorization/grant-purpose';
import { Segment } from '../../authorization/roles';
import { PolicyAction } from '../audit/audit-types';
import { SrStatus } from '../service-requests/sr-enums';
import { SIMULATED_ROLES, SimulatedOutcome, SUBJECTS } from './policy-case';

/**
 * simulateAccess takes one case of a policy suite (POL-2), field for field: a reviewer can paste a
 * case from a suite file (as JSON variables) or send one made up here. Rows are named by labels;
 * "me" is the principal. Instants are ISO 8601, or hours from `at` ("+4h", "-1h").
 */
export const SimulatedRole = Object.fromEntries(SIMULATED_ROLES.map((role) => [role, role]));
const ROLE_MEANINGS: Record<string, string> = {
  CASEWORKER: 'A caseworker of a segment.',
  TEAM_LEADER: 'A team leader.',
  SCR_CASEWORKER: 'A caseworker of the SCR segment (sees sensitive contacts).',
  SCR_MANAGER: 'The SCR manager.',
  FLLS: 'Front line live support (grants temporary access).',
  SECURITY_REVIEWER: 'A security reviewer (reads the audit trail).',
  CLIENT: 'A client signed in to self service.',
};
registerEnumType(SimulatedRole, {
  name: 'SimulatedRole',
  description: 'A staff role, or CLIENT (self service).',
  valuesConfig: Object.fromEntries(SIMULATED_ROLES.map((role) => [role, { description: ROLE_MEANINGS[role] ?? `The ${role} role.` }])),
});
export const SimulatedSubject = Object.fromEntries(SUBJECTS.map((subject) => [subject, subject]));
const SUBJECT_MEANINGS: Record<string, string> = {
  AccessExtension: 'A request to extend a grant.',
  AccessGrant: 'A temporary access grant.',
  AccessRequest: 'A request for temporary access (form CSUA150).',
  Activity: 'A step of the activity plan of a service request.',
  AuditEvent: 'An audit event.',
  Case: 'A case.',
  Contact: 'A contact (client or representative).',
  Letter: 'A letter.',
  Notification: 'A notification to a member of staff.',
  Policy: 'The role table itself (reports and simulations about access).',
  PreferenceChange: "A change of a contact's preferences.",
  ServiceRequest: 'A service request.',
  SrNote: 'A note on a service request.',
  Staff: 'A member of staff.',
  Team: 'A team.',
};
registerEnumType(SimulatedSubject, {
  name: 'SimulatedSubject',
  description: 'A subject of the role table.',
  valuesConfig: Object.fromEntries(SUBJECTS.map((subject) => [subject, { description: SUBJECT_MEANINGS[subject] ?? `A ${subject} row.` }])),
});
registerEnumType(SimulatedOutcome, {
  name: 'SimulatedOutcome',
  description: 'How the API would answer a call acting on that row.',
  valuesConfig: {
    ALLOWED: { description: 'The call would go through.' },
    NOT_FOUND: { description: 'The caller may not read the row: answered exactly as for a missing id (SCR-1, SCR-6).' },
    FORBIDDEN: { description: 'The role never may, or the row is readable but the rule of the action does not hold.' },
    UNAUTHENTICATED: { description: 'Inactive member of staff, or a client not active on self service: every request is refused.' },
  },
});

const INSTANT = 'ISO 8601 instant, or hours from `at` ("+4h", "-1h").';

@InputType({ description: 'A hypothetical contact, named by a label; what is not said takes its default.' })
export class SimulatedContactInput {
  @Field(() => String, { nullable: true, description: 'Label; default "contact".' })
  id?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Flagged sensitive (SCR); default false, true when only a grant names it.' })
  sensitive?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'A client representative; default false.' })
  representative?: boolean | null;
}

@InputType({ description: 'A hypothetical service request.' })
export class SimulatedServiceRequestInput {
  @Field(() => String, { nullable: true, description: 'Label; default "sr".' })
  id?: string | null;

  @Field(() => Segment, { nullable: true, description: "Default: the principal's segment." })
  segment?: Segment | null;

  @Field(() => SrStatus, { nullable: true, description: 'Default OPEN.' })
  status?: SrStatus | null;

  @Field(() => SimulatedContactInput, { nullable: true, description: 'Default: the contact labelled "contact".' })
  subject?: SimulatedContactInput | null;
}

@InputType({ description: 'A grant the principal holds (it acts only while live at `at`: SCR-4).' })
export class SimulatedGrantInput {
  @Field(() => AccessPurpose, { nullable: true, description: 'Default VIEW_CONTACT.' })
  purpose?: AccessPurpose | null;

  @Field(() => SimulatedContactInput, { nullable: true, description: 'The contact the grant covers; default: the contact labelled "contact".' })
  contact?: SimulatedContactInput | null;

  @Field(() => SimulatedServiceRequestInput, { nullable: true, description: 'The service request the grant covers, if any.' })
  serviceRequest?: SimulatedServiceRequestInput | null;

  @Field(() => String, { nullable: true, description: `Granted at; default "-1h". ${INSTANT}` })
  from?: string | null;

  @Field(() => String, { nullable: true, description: `Expires at; default "+4h". ${INSTANT}` })
  until?: string | null;

  @Field(() => String, { nullable: true, description: `Removed at, if removed. ${INSTANT}` })
  removedAt?: string | null;
}

@InputType({ description: 'A grant row as the resource (AccessGrant) or under an extension: whose, and which team.' })
export class SimulatedGrantRowInput extends SimulatedGrantInput {
  @Field(() => String, { nullable: true, description: 'Label of the grantee; default "grantee" ("me" is the principal).' })
  staff?: string | null;

  @Field(() => String, { nullable: true, description: 'Label of the grantee\'s team; default "my-team".' })
  team?: string | null;
}

@InputType({ description: 'A hypothetical principal, built as a request of theirs would be (role, led teams, live grants).' })
export class SimulatedPrincipalInput {
  @Field(() => SimulatedRole, { description: 'Their role.' })
  role: string;

  @Field(() => Segment, { nullable: true, description: 'Default MAINTENANCE.' })
  segment?: Segment | null;

  @Field(() => String, { nullable: true, description: 'Label of their team; default "my-team".' })
  team?: string | null;

  @Field(() => [String], { nullable: true, description: 'Teams they lead; a TEAM_LEADER leads their own team by default.' })
  leads?: string[] | null;

  @Field(() => Boolean, { nullable: true, description: 'Default true; false: refused at sign-in.' })
  active?: boolean | null;

  @Field(() => String, { nullable: true, description: 'CLIENT only: the label of their own contact; default "me".' })
  contact?: string | null;

  @Field(() => [SimulatedGrantInput], { nullable: true, description: 'Grants they hold; none by default.' })
  grants?: SimulatedGrantInput[] | null;
}

@InputType({ description: 'The hypothetical row acted on. Give only the fields of its type (others are refused).' })
export class SimulatedResourceInput {
  @Field(() => SimulatedSubject, { description: 'What kind of row it is.' })
  type: string;

  @Field(() => String, { nullable: true, description: 'Label of the row.' })
  id?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Contact.' })
  sensitive?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'Contact.' })
  representative?: boolean | null;

  @Field(() => Segment, { nullable: true, description: 'Case, ServiceRequest.' })
  segment?: Segment | null;

  @Field(() => String, { nullable: true, description: 'ServiceRequest, Letter, AccessRequest, AccessExtension: a status of that type.' })
  status?: string | null;

  @Field(() => SimulatedContactInput, { nullable: true, description: 'ServiceRequest: its subject.' })
  subject?: SimulatedContactInput | null;

  @Field(() => SimulatedContactInput, { nullable: true, description: 'Letter, AccessGrant.' })
  contact?: SimulatedContactInput | null;

  @Field(() => SimulatedServiceRequestInput, { nullable: true, description: 'Activity, SrNote, PreferenceChange, Letter, AccessRequest, AccessGrant.' })
  serviceRequest?: SimulatedServiceRequestInput | null;

  @Field(() => [SimulatedContactInput], { nullable: true, description: 'Case.' })
  parties?: SimulatedContactInput[] | null;

  @Field(() => String, { nullable: true, description: 'AccessRequest: label of the requester; default "requester".' })
  requester?: string | null;

  @Field(() => String, { nullable: true, description: 'AccessRequest.' })
  tlCheckedBy?: string | null;

  @Field(() => String, { nullable: true, description: 'AccessRequest.' })
  scrApprovedBy?: string | null;

  @Field(() => String, { nullable: true, description: 'AccessExtension.' })
  requestedBy?: string | null;

  @Field(() => String, { nullable: true, description: 'AccessExtension.' })
  tlSupportedBy?: string | null;

  @Field(() => String, { nullable: true, description: 'Notification: label of the recipient; default "me".' })
  recipient?: string | null;

  @Field(() => String, { nullable: true, description: 'AccessRequest, AccessGrant: label of the team.' })
  team?: string | null;

  @Field(() => AccessPurpose, { nullable: true, description: 'AccessRequest, AccessGrant.' })
  purpose?: AccessPurpose | null;

  @Field(() => String, { nullable: true, description: 'AccessGrant: label of the grantee.' })
  staff?: string | null;

  @Field(() => String, { nullable: true, description: `AccessGrant. ${INSTANT}` })
  from?: string | null;

  @Field(() => String, { nullable: true, description: `AccessGrant. ${INSTANT}` })
  until?: string | null;

  @Field(() => String, { nullable: true, description: `AccessGrant. ${INSTANT}` })
  removedAt?: string | null;

  @Field(() => SimulatedGrantRowInput, { nullable: true, description: 'AccessExtension: the grant it extends.' })
  grant?: SimulatedGrantRowInput | null;
}

@InputType({ description: 'One policy case: who, on what, doing what, when (POL-2).' })
export class SimulateAccessInput {
  @Field(() => SimulatedPrincipalInput, { description: 'Who makes the call.' })
  principal: SimulatedPrincipalInput;

  @Field(() => SimulatedResourceInput, { description: 'The row the call acts on.' })
  resource: SimulatedResourceInput;

  @Field(() => PolicyAction, { description: 'What the call would do to the row.' })
  action: Action;

  @Field(() => Date, { nullable: true, description: 'The decision instant; default now.' })
  at?: Date | null;
}

@ObjectType({ description: 'A simulated decision (POL-2): the same decision and deciding rule as `npm run policy:test`. Nothing is written.' })
export class AccessSimulation {
  @Field({ description: 'The API would allow the call (outcome ALLOWED).' })
  allowed: boolean;

  @Field(() => SimulatedOutcome, { description: 'How the API would answer.' })
  outcome: SimulatedOutcome;

  @Field(() => String, { nullable: true, description: 'The deciding rule by its name in the role table (e.g. "grant", "segmentWork"); null when none allows it.' })
  rule: string | null;

  @Field({ description: "The deciding rule's reason, or why nothing allowed it." })
  reason: string;

  @Field({ description: 'The read rule holds on the row (otherwise an action on it answers NOT_FOUND).' })
  readable: boolean;

  @Field(() => Boolean, { nullable: true, description: "SCR-3: the contact the row carries may be seen, so its personal fields are shown; null when the row carries none." })
  personalDataShown: boolean | null;

  @Field(() => [String], { description: 'Every rule of this principal for the action and subject: what was tried.' })
  consideredRules: string[];

  @Field({ description: 'The SQL form and the in-memory form of the rules agreed (SCR-2); false would be a defect.' })
  sqlAgreesWithMemory: boolean;

  @Field({ description: 'False for subjects without a table (Policy, AuditEvent): decided in memory only.' })
  sqlChecked: boolean;

  @Field({ description: 'The instant decided at.' })
  at: Date;
}
