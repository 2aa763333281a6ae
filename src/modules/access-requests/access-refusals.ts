import { declareRefusals } from '../../common/refusals';

export enum AccessChainRefusal {
  /** TAR-2, TAR-10: a rejected, granted or expired form, or a decided extension, is final. */
  FINAL = 'FINAL',
  /** TAR-2: the next decision of this form or extension is not the caller's. */
  WRONG_STAGE = 'WRONG_STAGE',
  /** TAR-3: no one decides their own request or acts on their own access. */
  OWN_REQUEST = 'OWN_REQUEST',
  /** TAR-3: no person acts at two stages of the same request. */
  TWO_STAGES = 'TWO_STAGES',
  /** TAR-2: only the requester's own team leader checks the form. */
  NOT_TEAM_LEADER = 'NOT_TEAM_LEADER',
  /** TAR-6: the grant is expired or removed. */
  GRANT_NOT_ACTIVE = 'GRANT_NOT_ACTIVE',
  /** TAR-6: an extension already awaits a decision. */
  EXTENSION_PENDING = 'EXTENSION_PENDING',
  /** TAR-10: nobody active may check the requester's form (their team has no active leader): told at submission, never routed elsewhere. */
  NO_ACTIVE_TEAM_LEADER = 'NO_ACTIVE_TEAM_LEADER',
}
declareRefusals('AccessChainRefusal', AccessChainRefusal, 'Why a temporary access form, grant or extension refused a submission or a decision (TAR-2, TAR-3, TAR-6, TAR-10).');
