import { registerEnumType } from 'type-graphql';

/** Every audited action (TAR-8). Stable strings: reviewers filter on them. */
export enum AuditAction {
  ACCESS_REQUEST_SUBMITTED = 'ACCESS_REQUEST_SUBMITTED',
  ACCESS_REQUEST_CHECKED = 'ACCESS_REQUEST_CHECKED',
  ACCESS_REQUEST_APPROVED = 'ACCESS_REQUEST_APPROVED',
  ACCESS_REQUEST_GRANTED = 'ACCESS_REQUEST_GRANTED',
  ACCESS_REQUEST_REJECTED = 'ACCESS_REQUEST_REJECTED',
  ACCESS_DECISION_REFUSED = 'ACCESS_DECISION_REFUSED',
  ACCESS_REQUEST_ESCALATED = 'ACCESS_REQUEST_ESCALATED',
  ACCESS_REQUEST_EXPIRED = 'ACCESS_REQUEST_EXPIRED',
  GRANT_EXTENSION_REQUESTED = 'GRANT_EXTENSION_REQUESTED',
  GRANT_EXTENSION_SUPPORTED = 'GRANT_EXTENSION_SUPPORTED',
  GRANT_EXTENDED = 'GRANT_EXTENDED',
  GRANT_EXTENSION_REJECTED = 'GRANT_EXTENSION_REJECTED',
  GRANT_REMOVED = 'GRANT_REMOVED',
  GRANT_REMOVAL_ASKED = 'GRANT_REMOVAL_ASKED',
  GRANT_WORK_DONE_REPORTED = 'GRANT_WORK_DONE_REPORTED',
  GRANT_EXPIRED = 'GRANT_EXPIRED',
  CONTACT_READ_UNDER_GRANT = 'CONTACT_READ_UNDER_GRANT',
  SR_ROUTED_TO_SCR = 'SR_ROUTED_TO_SCR',
  SR_ASSIGNED = 'SR_ASSIGNED',
  // AUD-4: security actions, never with the secrets themselves.
  SECURITY_SET_UP = 'SECURITY_SET_UP',
  SECURITY_DEFAULTS_APPLIED = 'SECURITY_DEFAULTS_APPLIED',
  SECURITY_CHECK_PASSED = 'SECURITY_CHECK_PASSED',
  SECURITY_CHECK_FAILED = 'SECURITY_CHECK_FAILED',
  SECURITY_ACCOUNT_BLOCKED = 'SECURITY_ACCOUNT_BLOCKED',
  SECURITY_ACCOUNT_UNBLOCKED = 'SECURITY_ACCOUNT_UNBLOCKED',
  SECURITY_DETAILS_CHANGED = 'SECURITY_DETAILS_CHANGED',
}

/** Who an audit event's actor is. */
export enum AuditActorType {
  STAFF = 'STAFF',
  CLIENT = 'CLIENT',
  SYSTEM = 'SYSTEM',
  ANONYMOUS = 'ANONYMOUS',
}

/** Whether the audited action went through or was refused. */
export enum AuditOutcome {
  SUCCESS = 'SUCCESS',
  DENIED = 'DENIED',
}

registerEnumType(AuditAction, {
  name: 'AuditAction',
  description: 'What an audit event records: a step of the access chain, a grant event, a read under a grant, an SR routed or assigned, or a security action (AUD-1, AUD-4).',
});
registerEnumType(AuditActorType, {
  name: 'AuditActorType',
  description: 'Who acted: a member of staff, a self-service client, the system (a scheduled job), or an anonymous caller (refused sign-in).',
});
registerEnumType(AuditOutcome, { name: 'AuditOutcome', description: 'SUCCESS: the action went through; DENIED: it was refused.' });
