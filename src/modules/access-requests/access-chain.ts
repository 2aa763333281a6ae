import type { AppError } from '../../common/errors';
import { conflict, forbidden } from '../../common/errors';
import { StaffRole } from '../staff/staff-role';
import type { Staff } from '../staff/staff.entity';
import { AccessRequestStatus } from './access-enums';
import type { AccessRequest } from './access-request.entity';

/** TAR-2: who decides each open stage, and where approval leads. */
export const CHAIN: Partial<Record<AccessRequestStatus, { decider: StaffRole; next: AccessRequestStatus }>> = {
  [AccessRequestStatus.SUBMITTED]: { decider: StaffRole.TEAM_LEADER, next: AccessRequestStatus.TL_CHECKED },
  [AccessRequestStatus.TL_CHECKED]: { decider: StaffRole.SCR_MANAGER, next: AccessRequestStatus.SCR_APPROVED },
  [AccessRequestStatus.SCR_APPROVED]: { decider: StaffRole.FLLS, next: AccessRequestStatus.GRANTED },
};

/**
 * Why `actor` may not decide `request` now, or null when they may. Checked under the row lock,
 * so the answer holds when the decision is written (TAR-3, TAR-4).
 */
export function refusalFor(request: AccessRequest, actor: Staff, teamLeaderId: string | null): AppError | null {
  const stage = CHAIN[request.status];
  if (!stage) {
    return conflict(`This request is ${request.status} and final; a new form is needed.`, { reason: 'FINAL', status: request.status });
  }
  if (actor.role !== stage.decider) {
    return conflict(`This request is at ${request.status}; the next decision is the ${stage.decider}'s.`, {
      reason: 'WRONG_STAGE',
      status: request.status,
      decider: stage.decider,
    });
  }
  if (actor.id === request.requesterId) {
    return forbidden('No one may decide their own access request.', { reason: 'OWN_REQUEST' });
  }
  if (actor.id === request.tlCheckedById || actor.id === request.scrApprovedById) {
    return forbidden('The same person may not act at two stages of one request.', { reason: 'TWO_STAGES' });
  }
  if (request.status === AccessRequestStatus.SUBMITTED && actor.id !== teamLeaderId) {
    return forbidden("Only the requester's own team leader checks the form.", { reason: 'NOT_TEAM_LEADER' });
  }
  return null;
}
