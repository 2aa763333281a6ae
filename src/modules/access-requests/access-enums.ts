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

registerEnumType(AccessRequestStatus, { name: 'AccessRequestStatus', description: 'Stage of a CSUA150 temporary access request.' });
registerEnumType(ExtensionStatus, { name: 'ExtensionStatus' });
registerEnumType(GrantRemovalReason, { name: 'GrantRemovalReason', description: 'Why FLLS removed a grant before expiry.' });
registerEnumType(GrantState, { name: 'GrantState', description: 'Derived from the clock: a grant needs nothing to run to expire.' });
