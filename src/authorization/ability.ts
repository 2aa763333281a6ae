import { AbilityBuilder, createMongoAbility, type MongoAbility, type MongoQuery } from '@casl/ability';
import type { Principal } from '../auth/principal';
import { AccessPurpose } from '../modules/access-requests/access-purpose';
import { Segment, StaffRole } from '../modules/staff/staff-role';
import type { Staff } from '../modules/staff/staff.entity';

/**
 * read: see rows; work: change an SR (SR-5); assign: give an SR from a hopper (SR-6);
 * route: send an SR with a sensitive subject to the SCR hopper (needs a ROUTE_SR_TO_SCR grant);
 * financeAction: finance work on an SR of a sensitive contact (FINANCE_ACTION grant).
 */
export type Action = 'read' | 'work' | 'assign' | 'route' | 'financeAction';
export type SubjectType =
  | 'Contact'
  | 'Case'
  | 'Staff'
  | 'Team'
  | 'ServiceRequest'
  | 'AccessRequest'
  | 'AccessGrant'
  | 'AuditEvent'
  | 'Policy';
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
type RoleRules = (builder: Builder, staff: Staff) => void;

/** Why a rule exists; shown by explainAccess and whoCanSeeContact, so keep them stable. */
export const RuleReason = {
  nonSensitiveContacts: 'staff role: contacts not flagged sensitive',
  allContacts: 'SCR team role: every contact, sensitive included',
  grant: 'temporary access grant',
  ownRecord: 'self service: own record only',
  cases: 'staff role: every case (parties filtered by contact visibility)',
  ownCases: 'self service: cases the client is party to',
  directory: 'staff role: staff directory and teams',
  segmentSrs: "SR-5: service requests of the caller's own segment",
  allSrsForScr: 'SCR manager: reads every service request to judge access requests',
  hopper: "SR-6: assigns from the hopper of the caller's own segment",
  ownSrs: 'self service: service requests about the client',
  ownAccess: 'own access requests and grants',
  teamAccess: "team leader: their team's access requests and grants",
  scrStage: 'SCR manager: requests checked by a team leader, and all grants',
  fllsStage: 'FLLS: requests approved by the SCR manager, and all grants',
  reviewer: 'security reviewer: read-only policies, requests, grants and audit trail',
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
  can('read', ['Staff', 'Team']).because(RuleReason.directory);
};
const workOwnSegment: RoleRules = ({ can }, staff) => {
  can(['read', 'work'], 'ServiceRequest', { segment: staff.segment }).because(RuleReason.segmentSrs);
};
const assignOwnSegment: RoleRules = ({ can }, staff) => {
  can('assign', 'ServiceRequest', { segment: staff.segment }).because(RuleReason.hopper);
};
const ownAccess: RoleRules = ({ can }, staff) => {
  can('read', 'AccessRequest', { requesterId: staff.id }).because(RuleReason.ownAccess);
  can('read', 'AccessGrant', { staffId: staff.id }).because(RuleReason.ownAccess);
};
const teamAccess: RoleRules = ({ can }, staff) => {
  if (!staff.teamId) return;
  can('read', ['AccessRequest', 'AccessGrant'], { teamId: staff.teamId }).because(RuleReason.teamAccess);
};

/**
 * The role table (CASL cookbook): each role's rules in one place. A role missing here makes
 * buildAbility throw, so a new role cannot silently inherit anything.
 * SECURITY_REVIEWER reads policies, requests, grants and the audit trail, never client records.
 */
export const ROLE_RULES: Record<StaffRole, RoleRules[]> = {
  [StaffRole.CASEWORKER]: [readNonSensitiveContacts, readCases, readDirectory, workOwnSegment, ownAccess],
  [StaffRole.TEAM_LEADER]: [readNonSensitiveContacts, readCases, readDirectory, workOwnSegment, assignOwnSegment, ownAccess, teamAccess],
  [StaffRole.SCR_CASEWORKER]: [readAllContacts, readCases, readDirectory, workOwnSegment, ownAccess],
  [StaffRole.SCR_MANAGER]: [
    readAllContacts, readCases, readDirectory, workOwnSegment, ownAccess,
    ({ can }) => {
      can('read', 'ServiceRequest').because(RuleReason.allSrsForScr);
      can('assign', 'ServiceRequest', { segment: Segment.SCR }).because(RuleReason.hopper);
      can('read', 'AccessRequest', { tlCheckedById: { $ne: null } }).because(RuleReason.scrStage);
      can('read', 'AccessGrant').because(RuleReason.scrStage);
    },
  ],
  [StaffRole.FLLS]: [
    readNonSensitiveContacts, readCases, readDirectory, ownAccess,
    ({ can }) => {
      can('read', 'AccessRequest', { scrApprovedById: { $ne: null } }).because(RuleReason.fllsStage);
      can('read', 'AccessGrant').because(RuleReason.fllsStage);
    },
  ],
  [StaffRole.SECURITY_REVIEWER]: [
    readDirectory,
    ({ can }) => {
      can('read', ['AccessRequest', 'AccessGrant', 'AuditEvent', 'Policy']).because(RuleReason.reviewer);
    },
  ],
};

const idsFor = (grants: LiveGrant[], purpose: AccessPurpose, key: 'contactId' | 'serviceRequestId') => [
  ...new Set(grants.filter((grant) => grant.purpose === purpose && grant[key]).map((grant) => grant[key] as string)),
];

/**
 * Builds the ability of one request from the principal and their live grants (TAR-5): each
 * grant covers only what its form named, for its purpose.
 */
export function buildAbility(principal: Principal | null, liveGrants: LiveGrant[] = []): AppAbility {
  const builder = new AbilityBuilder<AppAbility>(createMongoAbility);
  if (principal?.kind === 'staff') {
    const rules = ROLE_RULES[principal.staff.role];
    if (!rules) throw new Error(`no rules for role ${String(principal.staff.role)}`);
    for (const define of rules) define(builder, principal.staff);
    const contacts = idsFor(liveGrants, AccessPurpose.VIEW_CONTACT, 'contactId');
    if (contacts.length > 0) builder.can('read', 'Contact', { id: { $in: contacts } }).because(RuleReason.grant);
    const routable = idsFor(liveGrants, AccessPurpose.ROUTE_SR_TO_SCR, 'serviceRequestId');
    if (routable.length > 0) builder.can('route', 'ServiceRequest', { id: { $in: routable } }).because(RuleReason.grant);
    const finance = idsFor(liveGrants, AccessPurpose.FINANCE_ACTION, 'serviceRequestId');
    if (finance.length > 0) builder.can('financeAction', 'ServiceRequest', { id: { $in: finance } }).because(RuleReason.grant);
  } else if (principal?.kind === 'client') {
    builder.can('read', 'Contact', { id: principal.contactId }).because(RuleReason.ownRecord);
    builder
      .can('read', 'Case', { parties: { $elemMatch: { contactId: principal.contactId } } })
      .because(RuleReason.ownCases);
    builder.can('read', 'ServiceRequest', { subjectContactId: principal.contactId }).because(RuleReason.ownSrs);
  }
  return builder.build();
}
