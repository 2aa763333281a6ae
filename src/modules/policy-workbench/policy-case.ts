import type { Action, SubjectType } from '../../authorization/ability';
import type { AccessPurpose } from '../../authorization/grant-purpose';
import { type Segment, StaffRole } from '../../authorization/roles';
import type { HypotheticalWorld } from './hypothetical-world-spec';

/**
 * One policy case (POL-1, POL-2): a hypothetical principal, a hypothetical resource, an action and
 * an instant, and (in a suite) what the reviewer expects. The same shape is read from a suite file
 * and from the simulateAccess input, so a case pasted from one runs the same in the other.
 * Rows are named by labels ("me" is the principal); `HypotheticalWorld` collects what each label is.
 */
export const CLIENT = 'CLIENT';
export type SimulatedRole = StaffRole | typeof CLIENT;
export const SIMULATED_ROLES: SimulatedRole[] = [...Object.values(StaffRole), CLIENT];

export const SUBJECTS: SubjectType[] = [
  'Contact', 'Case', 'Staff', 'Team', 'ServiceRequest', 'Activity', 'SrNote', 'PreferenceChange', 'Letter',
  'AccessRequest', 'AccessGrant', 'AccessExtension', 'Notification', 'AuditEvent', 'Policy',
];

/** How the API would answer a call acting on that row (see `decide`). */
export enum SimulatedOutcome {
  ALLOWED = 'ALLOWED',
  /** The caller may not read the row: answered exactly as a missing id (SCR-1, SCR-6). */
  NOT_FOUND = 'NOT_FOUND',
  /** The role never may, or the row is readable but the action's rule does not hold. */
  FORBIDDEN = 'FORBIDDEN',
  /** Inactive member of staff, or a client not active on self service: every request is refused. */
  UNAUTHENTICATED = 'UNAUTHENTICATED',
}

export interface GrantSpec {
  label: string;
  staff: string;
  team: string;
  purpose: AccessPurpose;
  contact: string | null;
  serviceRequest: string | null;
  from: Date;
  until: Date;
  removedAt: Date | null;
}

export interface PrincipalSpec {
  role: SimulatedRole;
  segment: Segment;
  team: string;
  leads: string[];
  active: boolean;
  /** CLIENT: the label of their own contact. */
  contact: string;
  grants: GrantSpec[];
}

export interface ResourceSpec {
  type: SubjectType;
  label: string;
  segment: Segment;
  status: string | null;
  contact: string | null;
  serviceRequest: string | null;
  parties: string[];
  people: Partial<Record<'requester' | 'tlCheckedBy' | 'scrApprovedBy' | 'tlSupportedBy' | 'requestedBy' | 'recipient', string>>;
  team: string;
  purpose: AccessPurpose;
  grant: GrantSpec | null;
}

export interface PolicyCase {
  name: string;
  /** Rule IDs the case proves: given, or the "SCR-1:" prefixes of its name. */
  rules: string[];
  principal: PrincipalSpec;
  resource: ResourceSpec;
  action: Action;
  at: Date;
  world: HypotheticalWorld;
  expect?: 'allow' | 'deny';
  /** The expected deciding rule, a key of RuleReason ("grant", "segmentWork"...). */
  rule?: string;
  outcome?: SimulatedOutcome;
  personalData?: 'shown' | 'hidden';
}

