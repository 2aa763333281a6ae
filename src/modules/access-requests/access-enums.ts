import { registerEnumType } from 'type-graphql';

/** TAR-2: SUBMITTED -> TL_CHECKED -> SCR_APPROVED -> GRANTED; any stage may REJECT (final); TAR-10: a stalled one EXPIRES (final). */
export enum AccessRequestStatus {
  SUBMITTED = 'SUBMITTED',
  TL_CHECKED = 'TL_CHECKED',
  SCR_APPROVED = 'SCR_APPROVED',
  GRANTED = 'GRANTED',
  REJECTED = 'REJECTED',
  EXPIRED = 'EXPIRED',
}

/** TAR-6: REQUESTED -> TL_SUPPORTED -> GRANTED; TL or FLLS may REJECT. */
export enum ExtensionStatus {
  REQUESTED = 'REQUESTED',
  TL_SUPPORTED = 'TL_SUPPORTED',
  GRANTED = 'GRANTED',
  REJECTED = 'REJECTED',
}

export enum GrantRemovalReason {
  TL_REQUEST = 'TL_REQUEST',
  WORK_COMPLETED = 'WORK_COMPLETED',
}

/** Defined with "live" in the kernel (authorization/grants.ts), so both read one source. */
export { GrantState } from '../../authorization/grants';
import { GrantState } from '../../authorization/grants';

registerEnumType(AccessRequestStatus, {
  name: 'AccessRequestStatus',
  description: 'Stage of a CSUA150 temporary access request.',
  valuesConfig: {
    SUBMITTED: { description: "Submitted by the requester; waiting for their own team leader to check it (TAR-2)." },
    TL_CHECKED: { description: "Checked by the requester's team leader; waiting for an SCR manager to approve it (TAR-2)." },
    SCR_APPROVED: { description: 'Approved by an SCR manager; waiting for FLLS to grant it (TAR-2).' },
    GRANTED: { description: 'Granted by FLLS: the access grant exists (see `grant`). Final (TAR-2).' },
    REJECTED: { description: 'Rejected at one stage, with a reason the requester sees. Final: a new form is needed (TAR-2).' },
    EXPIRED: { description: 'Waited too long at one stage without a decision and lapsed; never approved by default. Final (TAR-10).' },
  },
});
registerEnumType(ExtensionStatus, {
  name: 'ExtensionStatus',
  description: 'Stage of a request to extend a temporary access grant (TAR-6).',
  valuesConfig: {
    REQUESTED: { description: "Asked for by the grantee; waiting for their team leader to support or reject it." },
    TL_SUPPORTED: { description: 'Supported by the team leader; waiting for FLLS to grant or reject it.' },
    GRANTED: { description: 'Granted by FLLS, who set the new expiry of the grant (`newExpiresAt`). Final.' },
    REJECTED: { description: 'Rejected by the team leader or FLLS, with a reason (`rejectionReason`). Final.' },
  },
});
registerEnumType(GrantRemovalReason, {
  name: 'GrantRemovalReason',
  description: 'Why FLLS removed a grant before expiry.',
  valuesConfig: {
    TL_REQUEST: { description: "The grantee's team leader asked for the access to be removed (TAR-6)." },
    WORK_COMPLETED: { description: 'The grantee finished the work the access was for (TAR-6).' },
  },
});
registerEnumType(GrantState, {
  name: 'GrantState',
  description: 'Derived from the clock: a grant needs nothing to run to expire.',
  valuesConfig: {
    ACTIVE: { description: 'Live: started, not yet expired and not removed, so the access works now (TAR-5).' },
    EXPIRED: { description: 'Its expiry time has passed; the access no longer works.' },
    REMOVED: { description: 'Removed early by FLLS (see `removedAt`), even if its expiry has passed since; the access no longer works.' },
  },
});
