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
  valuesConfig: {
    ACCESS_REQUEST_SUBMITTED: { description: 'A caseworker asked for temporary access to a sensitive contact.' },
    ACCESS_REQUEST_CHECKED: { description: 'The team leader checked the access request and passed it on.' },
    ACCESS_REQUEST_APPROVED: { description: 'The senior approver approved the access request.' },
    ACCESS_REQUEST_GRANTED: { description: 'FLLS granted the access: a time-limited grant now exists.' },
    ACCESS_REQUEST_REJECTED: { description: 'The access request was rejected at one of its steps.' },
    ACCESS_DECISION_REFUSED: { description: 'Someone tried a step of the access chain they may not take (for example deciding their own request).' },
    ACCESS_REQUEST_ESCALATED: { description: 'The access request waited too long at a step and was escalated.' },
    ACCESS_REQUEST_EXPIRED: { description: 'The access request was not decided in time and expired.' },
    GRANT_EXTENSION_REQUESTED: { description: 'The grantee asked for more time on a grant.' },
    GRANT_EXTENSION_SUPPORTED: { description: "The grantee's team leader supported the extension request." },
    GRANT_EXTENDED: { description: 'The grant was extended to a later end.' },
    GRANT_EXTENSION_REJECTED: { description: 'The extension request was rejected; the grant keeps its end.' },
    GRANT_REMOVED: { description: 'The grant was removed before its end.' },
    GRANT_REMOVAL_ASKED: { description: 'A team leader asked FLLS to remove a grant early (TAR-6).' },
    GRANT_WORK_DONE_REPORTED: { description: 'The grantee reported the work done, so the grant may be removed (TAR-6).' },
    GRANT_EXPIRED: { description: 'The grant reached its end and no longer gives access.' },
    CONTACT_READ_UNDER_GRANT: { description: 'A sensitive contact was read by someone using a grant.' },
    SR_ROUTED_TO_SCR: { description: 'A service request was routed to the sensitive-case team (SCR).' },
    SR_ASSIGNED: { description: 'A service request was assigned to a member of staff.' },
    SECURITY_SET_UP: { description: "A contact's security details (memorable answers) were set up; the answers are never recorded (AUD-4)." },
    SECURITY_DEFAULTS_APPLIED: { description: 'Default security details were applied to a contact (SEC-2).' },
    SECURITY_CHECK_PASSED: { description: 'A contact answered the security check correctly.' },
    SECURITY_CHECK_FAILED: { description: 'A contact failed the security check.' },
    SECURITY_ACCOUNT_BLOCKED: { description: "A contact's account was blocked after too many failed checks." },
    SECURITY_ACCOUNT_UNBLOCKED: { description: "A contact's account was unblocked (for example with new security details)." },
    SECURITY_DETAILS_CHANGED: { description: "A contact's security details were changed." },
  },
});
/**
 * What kind of row an audit event is about. The values are the stored strings (and part of each
 * event's hash, AUD-3), so they never change; the names are what the API shows.
 */
export enum AuditSubject {
  CONTACT = 'Contact',
  SERVICE_REQUEST = 'ServiceRequest',
  ACCESS_REQUEST = 'AccessRequest',
  ACCESS_GRANT = 'AccessGrant',
}
registerEnumType(AuditSubject, {
  name: 'AuditSubject',
  description: 'What kind of row an audit event is about.',
  valuesConfig: {
    CONTACT: { description: 'A contact (client or representative): reads under a grant, security actions.' },
    SERVICE_REQUEST: { description: 'A service request: routing and assignment.' },
    ACCESS_REQUEST: { description: 'A request for temporary access to a sensitive client, at each stage.' },
    ACCESS_GRANT: { description: 'A temporary access grant: extension, removal, expiry.' },
  },
});
registerEnumType(AuditActorType, {
  name: 'AuditActorType',
  description: 'Who acted: a member of staff, a self-service client, the system (a scheduled job), or an anonymous caller (refused sign-in).',
  valuesConfig: {
    STAFF: { description: 'A member of staff.' },
    CLIENT: { description: 'A client using self service.' },
    SYSTEM: { description: 'The system itself, for example a scheduled job.' },
    ANONYMOUS: { description: 'A caller who could not be identified (for example a refused sign-in).' },
  },
});
registerEnumType(AuditOutcome, {
  name: 'AuditOutcome', description: 'SUCCESS: the action went through; DENIED: it was refused.',
  valuesConfig: {
    SUCCESS: { description: 'The action went through.' },
    DENIED: { description: 'The action was refused.' },
  },
});
