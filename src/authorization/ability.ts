import { AbilityBuilder, createMongoAbility, type MongoAbility, type MongoQuery } from '@casl/ability';
import type { Principal } from '../auth/principal';
import { AccessPurpose } from '../modules/access-requests/access-purpose';
import { StaffRole } from '../modules/staff/staff-role';

export type Action = 'read' | 'manage';
export type SubjectType = 'Contact' | 'Case' | 'Staff' | 'Team';
export type AppAbility = MongoAbility<[Action, SubjectType | Record<string, unknown>], MongoQuery>;

/** A grant as the ability needs it: only live grants (granted, unexpired, not removed) are passed in. */
export interface LiveGrant {
  id: string;
  purpose: AccessPurpose;
  contactId: string | null;
  serviceRequestId: string | null;
  expiresAt: Date;
}

type Builder = AbilityBuilder<AppAbility>;
type RoleRules = (builder: Builder) => void;

/** Why a rule exists; shown by explainAccess and whoCanSeeContact, so keep them stable. */
export const RuleReason = {
  nonSensitiveContacts: 'staff role: contacts not flagged sensitive',
  allContacts: 'SCR team role: every contact, sensitive included',
  grant: 'temporary access grant',
  ownRecord: 'self service: own record only',
  cases: 'staff role: every case (parties filtered by contact visibility)',
  ownCases: 'self service: cases the client is party to',
  directory: 'staff role: staff directory and teams',
} as const;

const readNonSensitiveContacts: RoleRules = ({ can }) => {
  can('read', 'Contact', { sensitive: false }).because(RuleReason.nonSensitiveContacts);
};
const readAllContacts: RoleRules = ({ can }) => {
  can('read', 'Contact').because(RuleReason.allContacts);
};
const readCases: RoleRules = ({ can }) => {
  can('read', 'Case').because(RuleReason.cases);
};
const readDirectory: RoleRules = ({ can }) => {
  can('read', 'Staff').because(RuleReason.directory);
  can('read', 'Team').because(RuleReason.directory);
};

/**
 * The role table (CASL cookbook): each role's rules in one place. A role missing here
 * makes buildAbility throw, so a new role cannot silently inherit anything.
 * SECURITY_REVIEWER reads policies, grants and the audit trail, never client records.
 */
export const ROLE_RULES: Record<StaffRole, RoleRules[]> = {
  [StaffRole.CASEWORKER]: [readNonSensitiveContacts, readCases, readDirectory],
  [StaffRole.TEAM_LEADER]: [readNonSensitiveContacts, readCases, readDirectory],
  [StaffRole.FLLS]: [readNonSensitiveContacts, readCases, readDirectory],
  [StaffRole.SCR_CASEWORKER]: [readAllContacts, readCases, readDirectory],
  [StaffRole.SCR_MANAGER]: [readAllContacts, readCases, readDirectory],
  [StaffRole.SECURITY_REVIEWER]: [readDirectory],
};

/** Builds the ability of one request from the principal and their live grants. */
export function buildAbility(principal: Principal | null, liveGrants: LiveGrant[] = []): AppAbility {
  const builder = new AbilityBuilder<AppAbility>(createMongoAbility);
  if (principal?.kind === 'staff') {
    const rules = ROLE_RULES[principal.staff.role];
    if (!rules) throw new Error(`no rules for role ${String(principal.staff.role)}`);
    for (const define of rules) define(builder);
    const grantedContacts = liveGrants
      .filter((grant) => grant.purpose === AccessPurpose.VIEW_CONTACT && grant.contactId)
      .map((grant) => grant.contactId as string);
    if (grantedContacts.length > 0) {
      builder.can('read', 'Contact', { id: { $in: [...new Set(grantedContacts)] } }).because(RuleReason.grant);
    }
  } else if (principal?.kind === 'client') {
    builder.can('read', 'Contact', { id: principal.contactId }).because(RuleReason.ownRecord);
    builder
      .can('read', 'Case', { parties: { $elemMatch: { contactId: principal.contactId } } })
      .because(RuleReason.ownCases);
  }
  return builder.build();
}
