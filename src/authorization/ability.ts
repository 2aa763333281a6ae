import { AbilityBuilder, createMongoAbility, type MongoAbility, type MongoQuery } from '@casl/ability';
import { AccessPurpose } from './grant-purpose';
import { liveGrantConditions, type LiveGrant } from './grants';
import type { Principal, StaffPrincipal } from './principal';
import { Segment, StaffRole } from './roles';

/**
 * Every action of the API, on the subject it acts on. Services ask the ability; they never
 * list roles. Reads and writes alike are rules below, so the policy table covers both.
 */
export const ACTIONS = {
  read: 'see rows (lists, single rows, nested fields)',
  create: 'raise a service request (SR-5, SR-7)',
  work: 'work a service request: its steps, notes, activities, security and preference changes (SR-5)',
  verify: 'run a security check with a contact (SEC-4)',
  selfServe: 'self service: act on their own record and SRs (SCR-5, PREF-3, SEC-7)',
  assign: 'give an SR from a hopper to a caseworker (SR-6)',
  route: 'set an SR to PENDING_ASSIGNMENT; a sensitive subject sends it to the SCR hopper (SR-6)',
  financeAction: 'route the granted SR to the SCR team for finance work on a sensitive contact (FINANCE_ACTION grant, seed 003)',
  cancel: 'cancel a generated letter (LET-2)',
  reissue: 'reissue a sent letter (LET-3)',
  runBatch: 'run the end-of-day letter batch now (LET-2)',
  submit: 'submit a CSUA150 form (TAR-1)',
  check: 'team leader check of a form or an extension (TAR-2, TAR-6)',
  approve: 'SCR manager approval of a form (TAR-2)',
  grant: 'FLLS grant of a form or an extension (TAR-2, TAR-6)',
  reject: 'reject a form or an extension at the stage the caller decides (TAR-2, TAR-6)',
  requestExtension: 'the grantee asks for more time on a live grant (TAR-6)',
  remove: 'FLLS removes a live grant early (TAR-6)',
  askRemoval: "the grantee's team leader asks FLLS to remove a live grant early (TAR-6)",
  reportDone: 'the grantee says the work a live grant was for is done, so FLLS may remove it (TAR-6)',
  markRead: 'mark an own notification read',
  maintainRepresentative: "maintain a client representative's own security: unblock, new PIN and/or password (REP-3)",
  preview: 'see what a pending form would grant, at the stage the caller decides (POL-2)',
  verifyChain: "verify the audit trail's hash chain and sign checkpoints of its head (AUD-3)",
} as const;
export type Action = keyof typeof ACTIONS;

export type SubjectType =
  | 'Contact'
  | 'Case'
  | 'Staff'
  | 'Team'
  | 'ServiceRequest'
  | 'Activity'
  | 'SrNote'
  | 'PreferenceChange'
  | 'Letter'
  | 'AccessRequest'
  | 'AccessGrant'
  | 'AccessExtension'
  | 'Notification'
  | 'AuditEvent'
  | 'Policy';
export type AppAbility = MongoAbility<[Action, SubjectType | Record<string, unknown>], MongoQuery>;

type Conditions = Record<string, unknown>;
type Builder = AbilityBuilder<AppAbility>;

/** Why a rule exists; shown by explainAccess, whoCanSeeContact and the policy table, so keep them stable. */
export const RuleReason = {
  nonSensitiveContacts: 'staff role: contacts not flagged sensitive',
  allContacts: 'SCR team role: every contact, sensitive included',
  grant: 'temporary access grant',
  ownRecord: 'self service: own record only',
  cases: 'staff role: every case (parties filtered by contact visibility)',
  ownCases: 'self service: cases the client is party to',
  directory: 'staff role: staff directory and teams',
  segmentSrs: "SR-5: service requests of the caller's own segment",
  segmentWork: "SR-5: works SRs of the caller's own segment whose subject they may see",
  segmentLetters: "SR-5: letters of SRs of the caller's own segment whose contact they may see",
  contactLetters: 'letters of contacts the caller may see',
  allSrsForScr: 'SCR manager: reads every service request to judge access requests',
  hopper: "SR-6: assigns from the hopper of the caller's own segment",
  routeOwn: 'SR-6: routes SRs they work whose subject is not sensitive; the SCR team routes any it works',
  ownSrs: 'self service: service requests about the client',
  ownAccess: 'own access requests and grants',
  teamAccess: "team leader: their team's access requests and grants",
  tlStage: "TAR-2/TAR-3: the requester's own team leader checks a submitted form, never their own",
  scrStage: 'SCR manager: requests checked by a team leader, and all grants',
  scrDecides: 'TAR-2/TAR-3: the SCR manager decides a checked form not theirs and not checked by them',
  fllsStage: 'FLLS: requests approved by the SCR manager, and all grants',
  fllsDecides: 'TAR-2/TAR-3: FLLS decides an approved form not theirs and no earlier stage of theirs',
  extendOwn: 'TAR-6: the grantee asks to extend their own live grant',
  removeLive: 'TAR-6: FLLS removes a live grant of someone else',
  askRemovalTeam: "TAR-6: the team leader asks FLLS to remove a live grant of their team's, never their own",
  reportOwnDone: 'TAR-6: the grantee says the work their own live grant was for is done',
  letterBatch: 'team leader or SCR manager: runs the letter batch',
  segmentRepresentatives: "REP-3: maintains representatives of clients on cases of the caller's own segment whose record they may see",
  scrRepresentatives: 'REP-3: the SCR team maintains representatives of sensitive clients',
  ownNotifications: 'own notifications',
  reviewer: 'security reviewer: read-only policies, requests, grants and audit trail',
  chainReviewer: 'AUD-3: security reviewer verifies the audit chain and signs checkpoints of its head',
} as const;

/**
 * Who sees which contacts, as alternatives over a Contact row (CASL has no $or: each alternative
 * becomes a rule of its own). Empty: no contact at all. The single definition of SCR-1: every
 * subject that carries a contact's data reaches it through `through(...)` below.
 */
export function contactAlternatives(principal: Principal | null, grants: LiveGrant[]): Conditions[] {
  if (principal?.kind === 'client') return [{ id: principal.contactId }];
  if (principal?.kind !== 'staff') return [];
  const { role } = principal.staff;
  if (SEES_EVERY_CONTACT.has(role)) return [{}];
  // A live grant is the "otherwise entitled" of domain.md, whatever the role (a reviewer sees no
  // contact by role, only what a grant of theirs names).
  const granted = idsFor(grants, AccessPurpose.VIEW_CONTACT, 'contactId');
  const byGrant = granted.length > 0 ? [{ id: { $in: granted } }] : [];
  return role === StaffRole.SECURITY_REVIEWER ? byGrant : [{ sensitive: false }, ...byGrant];
}

/** The SCR team sees sensitive contacts by role (SCR-1); everyone else by grant. The one list of them. */
export const SEES_EVERY_CONTACT: ReadonlySet<StaffRole> = new Set([StaffRole.SCR_CASEWORKER, StaffRole.SCR_MANAGER]);

/** Staff who work cases: raise and work SRs, run security checks. */
const CASEWORK: ReadonlySet<StaffRole> = new Set([
  StaffRole.CASEWORKER, StaffRole.TEAM_LEADER, StaffRole.SCR_CASEWORKER, StaffRole.SCR_MANAGER,
]);

/** A contact alternative seen from a row that points at the contact through `relation` (foreign key `fk`). */
function through(relation: string, fk: string, alternative: Conditions): Conditions {
  const out: Conditions = {};
  for (const [field, value] of Object.entries(alternative)) out[field === 'id' ? fk : `${relation}.${field}`] = value;
  return out;
}

const idsFor = (grants: LiveGrant[], purpose: AccessPurpose, key: 'contactId' | 'serviceRequestId') => [
  ...new Set(grants.filter((grant) => grant.purpose === purpose && grant[key]).map((grant) => grant[key] as string)),
];

/** Rules shared by every member of staff. */
function staffRules({ can }: Builder, principal: StaffPrincipal, contacts: Conditions[], now: Date): void {
  const { staff } = principal;
  const me = staff.id;
  can(['read', 'markRead'], 'Notification', { recipientId: me }).because(RuleReason.ownNotifications);
  for (const alternative of contacts) {
    can('read', 'Contact', alternative).because(
      SEES_EVERY_CONTACT.has(staff.role) ? RuleReason.allContacts : 'id' in alternative ? RuleReason.grant : RuleReason.nonSensitiveContacts,
    );
    can('read', 'Letter', through('contact', 'contactId', alternative)).because(RuleReason.contactLetters);
  }
  can('read', ['Staff', 'Team']).because(RuleReason.directory);
  if (staff.role === StaffRole.SECURITY_REVIEWER) {
    can('read', ['AccessRequest', 'AccessGrant', 'AccessExtension', 'AuditEvent', 'Policy']).because(RuleReason.reviewer);
    can('verifyChain', 'AuditEvent').because(RuleReason.chainReviewer);
    return;
  }
  can('read', 'Case').because(RuleReason.cases);
  can('read', 'AccessRequest', { requesterId: me }).because(RuleReason.ownAccess);
  can('read', 'AccessGrant', { staffId: me }).because(RuleReason.ownAccess);
  can('read', 'AccessExtension', { requestedById: me }).because(RuleReason.ownAccess);
  const liveGrant = liveGrantConditions(now);
  const liveGrantOf = liveGrantConditions(now, 'grant.');

  if (CASEWORK.has(staff.role)) {
    const segment = staff.segment;
    can('read', ['ServiceRequest'], { segment }).because(RuleReason.segmentSrs);
    can('read', ['Activity', 'SrNote'], { 'serviceRequest.segment': segment }).because(RuleReason.segmentSrs);
    for (const alternative of contacts) {
      can(['create', 'work'], 'ServiceRequest', { segment, ...through('subjectContact', 'subjectContactId', alternative) })
        .because(RuleReason.segmentWork);
      can('read', 'PreferenceChange', { 'serviceRequest.segment': segment, ...through('contact', 'contactId', alternative) })
        .because(RuleReason.segmentWork);
      can(['cancel', 'reissue'], 'Letter', { 'serviceRequest.segment': segment, ...through('contact', 'contactId', alternative) })
        .because(RuleReason.segmentLetters);
      can('verify', 'Contact', alternative).because(RuleReason.segmentWork);
      // REP-3: a representative is maintained by the segment owning a case of a client they act for.
      can('maintainRepresentative', 'Contact', {
        ...alternative, kind: 'REPRESENTATIVE', representing: { $elemMatch: { 'client.parties.case.segment': segment } },
      }).because(RuleReason.segmentRepresentatives);
      if (SEES_EVERY_CONTACT.has(staff.role)) {
        can('maintainRepresentative', 'Contact', { ...alternative, kind: 'REPRESENTATIVE', representing: { $elemMatch: { 'client.sensitive': true } } })
          .because(RuleReason.scrRepresentatives);
      }
    }
    const sensitiveToo = SEES_EVERY_CONTACT.has(staff.role);
    can('route', 'ServiceRequest', (sensitiveToo ? { segment } : { segment, 'subjectContact.sensitive': false }) as Conditions).because(RuleReason.routeOwn);
    const routable = idsFor(principal.grants, AccessPurpose.ROUTE_SR_TO_SCR, 'serviceRequestId');
    if (routable.length > 0) can('route', 'ServiceRequest', { id: { $in: routable } }).because(RuleReason.grant);
    const finance = idsFor(principal.grants, AccessPurpose.FINANCE_ACTION, 'serviceRequestId');
    if (finance.length > 0) can('financeAction', 'ServiceRequest', { id: { $in: finance } }).because(RuleReason.grant);
  }
  if (staff.role === StaffRole.CASEWORKER) {
    can('submit', 'AccessRequest', { requesterId: me }).because(RuleReason.ownAccess);
    can('requestExtension', 'AccessGrant', { staffId: me, ...liveGrant }).because(RuleReason.extendOwn);
    can('reportDone', 'AccessGrant', { staffId: me, ...liveGrant }).because(RuleReason.reportOwnDone);
  }
  if (staff.role === StaffRole.TEAM_LEADER) {
    const led = principal.ledTeamIds;
    can('assign', 'ServiceRequest', { segment: staff.segment }).because(RuleReason.hopper);
    can('runBatch', 'Letter').because(RuleReason.letterBatch);
    if (led.length > 0) {
      can('read', ['AccessRequest', 'AccessGrant'], { teamId: { $in: led } }).because(RuleReason.teamAccess);
      can('read', 'AccessExtension', { 'grant.teamId': { $in: led } }).because(RuleReason.teamAccess);
      can(['check', 'reject', 'preview'], 'AccessRequest', { status: 'SUBMITTED', teamId: { $in: led }, requesterId: { $ne: me } })
        .because(RuleReason.tlStage);
      can(['check', 'reject'], 'AccessExtension', { status: 'REQUESTED', 'grant.teamId': { $in: led }, 'grant.staffId': { $ne: me }, ...liveGrantOf })
        .because(RuleReason.tlStage);
      can('askRemoval', 'AccessGrant', { teamId: { $in: led }, staffId: { $ne: me }, ...liveGrant }).because(RuleReason.askRemovalTeam);
    }
  }
  if (staff.role === StaffRole.SCR_MANAGER) {
    can('read', ['ServiceRequest', 'Activity', 'SrNote']).because(RuleReason.allSrsForScr);
    can('read', 'PreferenceChange').because(RuleReason.allSrsForScr);
    can('assign', 'ServiceRequest', { segment: Segment.SCR }).because(RuleReason.hopper);
    can('route', 'ServiceRequest', { 'subjectContact.sensitive': true }).because(RuleReason.routeOwn);
    can('runBatch', 'Letter').because(RuleReason.letterBatch);
    can('read', 'AccessRequest', { tlCheckedById: { $ne: null } }).because(RuleReason.scrStage);
    can('read', ['AccessGrant', 'AccessExtension']).because(RuleReason.scrStage);
    can(['approve', 'reject', 'preview'], 'AccessRequest', { status: 'TL_CHECKED', requesterId: { $ne: me }, tlCheckedById: { $ne: me } })
      .because(RuleReason.scrDecides);
  }
  if (staff.role === StaffRole.FLLS) {
    can('read', 'AccessRequest', { scrApprovedById: { $ne: null } }).because(RuleReason.fllsStage);
    can('read', ['AccessGrant', 'AccessExtension']).because(RuleReason.fllsStage);
    can(['grant', 'reject', 'preview'], 'AccessRequest', {
      status: 'SCR_APPROVED', requesterId: { $ne: me }, tlCheckedById: { $ne: me }, scrApprovedById: { $ne: me },
    }).because(RuleReason.fllsDecides);
    can(['grant', 'reject'], 'AccessExtension', {
      status: 'TL_SUPPORTED', 'grant.staffId': { $ne: me }, tlSupportedById: { $ne: me }, ...liveGrantOf,
    }).because(RuleReason.fllsDecides);
    can('remove', 'AccessGrant', { staffId: { $ne: me }, ...liveGrant }).because(RuleReason.removeLive);
  }
}

/** A self-service client: their own record, cases and SRs; never staff records or internal notes (SCR-5). */
function clientRules({ can }: Builder, contactId: string): void {
  can(['read', 'verify', 'selfServe'], 'Contact', { id: contactId }).because(RuleReason.ownRecord);
  can('read', 'Case', { parties: { $elemMatch: { contactId } } }).because(RuleReason.ownCases);
  can(['read', 'selfServe'], 'ServiceRequest', { subjectContactId: contactId }).because(RuleReason.ownSrs);
  can('read', 'Activity', { 'serviceRequest.subjectContactId': contactId }).because(RuleReason.ownSrs);
  can('read', 'PreferenceChange', { contactId }).because(RuleReason.ownSrs);
  can('read', 'Letter', { contactId, status: 'SENT' }).because(RuleReason.ownRecord);
}

/**
 * Builds the ability of one request from the principal and their live grants, at the request
 * instant (SCR-4, TAR-5): each grant covers only what its form named, for its purpose.
 */
export function buildAbility(principal: Principal | null, now: Date = new Date()): AppAbility {
  const builder = new AbilityBuilder<AppAbility>(createMongoAbility);
  if (principal?.kind === 'staff') {
    if (!Object.values(StaffRole).includes(principal.staff.role)) throw new Error(`no rules for role ${String(principal.staff.role)}`);
    staffRules(builder, principal, contactAlternatives(principal, principal.grants), now);
  } else if (principal?.kind === 'client') {
    clientRules(builder, principal.contactId);
  }
  return builder.build();
}
