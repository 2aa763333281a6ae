import { ACTIONS, type Action } from '../../authorization/ability';
import { Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { StaffRole } from '../../authorization/roles';
import { Staff } from '../staff/staff.entity';

@InputType({ description: 'All given criteria must match.' })
export class AuditEventFilter {
  @Field(() => [String], { nullable: true, description: 'Actions, e.g. CONTACT_READ_UNDER_GRANT.' })
  actions?: string[] | null;

  @Field(() => ID, { nullable: true })
  actorId?: string | null;

  @Field(() => String, { nullable: true, description: 'e.g. Contact, AccessRequest, AccessGrant, ServiceRequest.' })
  subjectType?: string | null;

  @Field(() => ID, { nullable: true })
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
registerEnumType(AccessVia, { name: 'AccessVia' });

/** Every action of the role table, derived from it (READ = 'read', REQUEST_EXTENSION = 'requestExtension', ...). */
export const PolicyAction = Object.fromEntries(
  (Object.keys(ACTIONS) as Action[]).map((action) => [action.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase(), action]),
) as Record<string, Action>;
export type PolicyAction = Action;
registerEnumType(PolicyAction, {
  name: 'PolicyAction',
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
registerEnumType(PolicySubject, { name: 'PolicySubject' });

@ObjectType({ description: 'A role whose rules let it see the contact.' })
export class RoleAccess {
  @Field(() => StaffRole)
  role: StaffRole;

  @Field()
  reason: string;
}

@ObjectType({ description: 'A person who can see the contact now, and why.' })
export class PersonAccess {
  @Field(() => Staff)
  staff: Staff;

  @Field(() => AccessVia)
  via: AccessVia;

  @Field()
  reason: string;

  @Field(() => ID, { nullable: true })
  grantId: string | null;

  @Field(() => Date, { nullable: true, description: 'When the grant ends.' })
  expiresAt: Date | null;
}

@ObjectType({ description: 'Who can see a contact now (AUD-2). Holds no personal data of the contact.' })
export class ContactAccessReport {
  @Field(() => ID)
  contactId: string;

  @Field()
  sensitive: boolean;

  @Field(() => [RoleAccess], { description: 'Roles that see it by their rules.' })
  roles: RoleAccess[];

  @Field(() => [PersonAccess], {
    description: 'For a sensitive contact: every active member of staff who sees it by role, and every live grant holder.',
  })
  people: PersonAccess[];

  @Field({ description: 'The instant the report is true for.' })
  asOf: Date;
}

@ObjectType({ description: 'Whether a member of staff may act on a subject now, and which rule decided (AUD-2).' })
export class AccessExplanation {
  @Field()
  allowed: boolean;

  @Field({ description: 'The deciding rule, or why nothing allowed it.' })
  reason: string;

  @Field(() => StaffRole)
  role: StaffRole;

  @Field({ description: 'Live grants the member of staff holds now.' })
  liveGrants: number;

  @Field()
  asOf: Date;
}
