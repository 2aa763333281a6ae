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
  /** TAR-6: nobody active may remove the grant (no FLLS), so an early-removal notice would reach no one. */
  NOBODY_TO_REMOVE = 'NOBODY_TO_REMOVE',
}
declareRefusals('AccessChainRefusal', AccessChainRefusal, 'Why a temporary access form, grant or extension refused a submission or a decision (TAR-2, TAR-3, TAR-6, TAR-10).', {
  FINAL: 'The form or extension is already decided (rejected, granted or expired) and cannot change; for a form, a new one is needed (TAR-2, TAR-10).',
  WRONG_STAGE: 'The form or extension is not at the stage the caller decides (TAR-2).',
  OWN_REQUEST: 'No one may decide their own request or act on their own access (TAR-3).',
  TWO_STAGES: 'The caller already acted at another stage of this request; one person acts at one stage only (TAR-3).',
  NOT_TEAM_LEADER: "Only the requester's own team leader may check the form (TAR-2).",
  GRANT_NOT_ACTIVE: 'The grant has expired or was removed, so it can no longer be extended, removed or reported on (TAR-6).',
  EXTENSION_PENDING: 'An extension of this grant is already waiting for a decision (TAR-6).',
  NO_ACTIVE_TEAM_LEADER: "The requester's team has no active team leader to check the form, so it was not submitted; it is never sent to someone else instead (TAR-10).",
  NOBODY_TO_REMOVE: 'Nobody active (no FLLS staff) may remove the grant, so nobody could be told to (TAR-6).',
});
