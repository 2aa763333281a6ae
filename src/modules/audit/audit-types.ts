import { ACTIONS, type Action } from '../../authorization/ability';
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { StaffRole } from '../../authorization/roles';
import { Staff } from '../staff/staff.entity';
import { AuditAction, AuditSubject } from '../../audit-trail/audit-enums';

@InputType({ description: 'All given criteria must match.' })
export class AuditEventFilter {
  @Field(() => [AuditAction], { nullable: true, description: 'Any of these actions, e.g. [CONTACT_READ_UNDER_GRANT].' })
  actions?: AuditAction[] | null;

  @Field(() => ID, { nullable: true, description: 'Only events by this member of staff (staff id).' })
  actorId?: string | null;

  @Field(() => AuditSubject, { nullable: true, description: 'Only events about this kind of row.' })
  subjectType?: AuditSubject | null;

  @Field(() => ID, { nullable: true, description: 'Only events about this row (use with subjectType).' })
  subjectId?: string | null;

  @Field(() => Date, { nullable: true, description: 'From this instant (inclusive).' })
  from?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Before this instant (exclusive).' })
  to?: Date | null;
}

export enum AccessVia {
  ROLE = 'ROLE',
  GRANT = 'GRANT',
}
registerEnumType(AccessVia, {
  name: 'AccessVia', description: 'How someone can see a contact: by the rules of their role, or through a temporary grant.',
  valuesConfig: {
    ROLE: { description: 'By the rules of their role.' },
    GRANT: { description: 'Through a temporary access grant.' },
  },
});

/** Every action of the role table, derived from it (READ = 'read', REQUEST_EXTENSION = 'requestExtension', ...). */
export const PolicyAction = Object.fromEntries(
  (Object.keys(ACTIONS) as Action[]).map((action) => [action.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase(), action]),
) as Record<string, Action>;
export type PolicyAction = Action;
registerEnumType(PolicyAction, {
  name: 'PolicyAction',
  description: 'Something a caller may do to a row: every action of the role table.',
  valuesConfig: Object.fromEntries(Object.entries(PolicyAction).map(([name, action]) => [name, { description: ACTIONS[action] }])),
});

export enum PolicySubject {
  CONTACT = 'Contact',
  CASE = 'Case',
  SERVICE_REQUEST = 'ServiceRequest',
  ACCESS_REQUEST = 'AccessRequest',
  ACCESS_GRANT = 'AccessGrant',
  ACCESS_EXTENSION = 'AccessExtension',
  LETTER = 'Letter',
}
registerEnumType(PolicySubject, {
  name: 'PolicySubject', description: 'A kind of row an access question can be about.',
  valuesConfig: {
    CONTACT: { description: 'A contact (a client or a representative).' },
    CASE: { description: 'A case.' },
    SERVICE_REQUEST: { description: 'A service request.' },
    ACCESS_REQUEST: { description: 'A request for temporary access.' },
    ACCESS_GRANT: { description: 'A temporary access grant.' },
    ACCESS_EXTENSION: { description: 'A request to extend a grant.' },
    LETTER: { description: 'A letter.' },
  },
});

/** AUD-5: what a report for a past instant cannot rebuild, so a reviewer knows what it rests on. */
export enum HistoryLimitation {
  SUBJECT_AS_OF_NOW = 'SUBJECT_AS_OF_NOW',
  ROLE_RULES_AS_OF_NOW = 'ROLE_RULES_AS_OF_NOW',
}
registerEnumType(HistoryLimitation, {
  name: 'HistoryLimitation',
  description: 'What an answer for a past instant takes as it is now, because it has no history.',
  valuesConfig: {
    SUBJECT_AS_OF_NOW: {
      description: "The subject row is judged as it is now: a contact's sensitive flag, an SR's segment or status have no history.",
    },
    ROLE_RULES_AS_OF_NOW: { description: "Role rules are today's role table; a rule changed since is not replayed." },
  },
});

@ObjectType({ description: 'A role whose rules let it see the contact.' })
export class RoleAccess {
  @Field(() => StaffRole, { description: 'The role.' })
  role: StaffRole;

  @Field({ description: 'Which rule of the role table lets it see the contact, in words.' })
  reason: string;
}

@ObjectType({ description: 'A person who can (or, for a past instant, could) see the contact, and why.' })
export class PersonAccess {
  @Field(() => Staff, { description: 'The member of staff as they are now (names, number).' })
  staff: Staff;

  @Field(() => StaffRole, { description: 'Their role at the instant of the report (staff history, AUD-5).' })
  role: StaffRole;

  @Field(() => AccessVia, { description: 'Whether they see it through their role or through a grant.' })
  via: AccessVia;

  @Field({ description: 'Why they can see it, in words.' })
  reason: string;

  @Field(() => ID, { nullable: true, description: 'The grant that lets them see it; null when they see it by role.' })
  grantId: string | null;

  @Field(() => Date, { nullable: true, description: 'When the grant ends, as its expiry stood at the instant of the report.' })
  expiresAt: Date | null;
}

@ObjectType({ description: 'Who can see a contact now (AUD-2), or could at a past instant (AUD-5). Holds no personal data of the contact.' })
export class ContactAccessReport {
  @Field(() => ID, { description: 'The contact the report is about.' })
  contactId: string;

  @Field({ description: 'Whether the contact is sensitive (seen only by the SCR team and grant holders).' })
  sensitive: boolean;

  @Field(() => [RoleAccess], { description: 'Roles that see it by their rules.' })
  roles: RoleAccess[];

  @Field(() => [PersonAccess], {
    description: 'For a sensitive contact: every active member of staff who sees it by role, and every live grant holder.',
  })
  people: PersonAccess[];

  @Field({ description: 'The instant the report is true for.' })
  asOf: Date;

  @Field(() => [HistoryLimitation], { description: 'For a past instant: what was taken as it is now (empty for now).' })
  limitations: HistoryLimitation[];
}

@ObjectType({ description: 'Whether a member of staff may act on a subject now (AUD-2) or might at a past instant (AUD-5), and which rule decided.' })
export class AccessExplanation {
  @Field({ description: 'True when the member of staff may do it.' })
  allowed: boolean;

  @Field({ description: 'The deciding rule, or why nothing allowed it.' })
  reason: string;

  @Field(() => StaffRole, { description: 'Their role at the instant asked.' })
  role: StaffRole;

  @Field(() => Int, { description: 'Live grants the member of staff holds at the instant (now, or the past instant asked).' })
  liveGrants: number;

  @Field({ description: 'The instant the answer is true for.' })
  asOf: Date;

  @Field(() => [HistoryLimitation], { description: 'For a past instant: what was taken as it is now (empty for now).' })
  limitations: HistoryLimitation[];
}

@ObjectType({ description: 'One recorded read of a contact (AUD-2, AUD-5): who, when, and under which rule and grant.' })
export class ContactRead {
  @Field(() => ID, { description: 'The audit event that recorded the read.' })
  eventId: string;

  @Field({ description: 'When the contact was read.' })
  occurredAt: Date;

  @Field({ description: 'The audit action, e.g. CONTACT_READ_UNDER_GRANT.' })
  action: string;

  @Field(() => ID, { nullable: true, description: 'Staff id of the reader.' })
  readerId: string | null;

  @Field(() => Staff, { nullable: true, description: 'The reader as they are now (names, number).' })
  reader: Staff | null;

  @Field(() => StaffRole, { nullable: true, description: 'The reader\'s role at the instant of the read (staff history).' })
  readerRole: StaffRole | null;

  @Field(() => AccessVia, { description: 'Whether the read was allowed by role or by a grant.' })
  via: AccessVia;

  @Field({ description: 'The rule that let the read through.' })
  reason: string;

  @Field(() => [ID], { description: "The reader's grants covering the contact that were live at the instant of the read (grant history)." })
  grantIds: string[];
}
