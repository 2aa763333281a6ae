import type { AppError } from '../../common/errors';
import { conflict, forbidden } from '../../common/errors';
import { StaffRole } from '../../authorization/roles';
import type { PrincipalStaff } from '../../authorization/principal';
import { AccessRequestStatus } from './access-enums';
import type { AccessRequest } from './access-request.entity';

/** TAR-2: who decides each open stage, and where approval leads. */
export const CHAIN: Partial<Record<AccessRequestStatus, { decider: StaffRole; next: AccessRequestStatus }>> = {
  [AccessRequestStatus.SUBMITTED]: { decider: StaffRole.TEAM_LEADER, next: AccessRequestStatus.TL_CHECKED },
  [AccessRequestStatus.TL_CHECKED]: { decider: StaffRole.SCR_MANAGER, next: AccessRequestStatus.SCR_APPROVED },
  [AccessRequestStatus.SCR_APPROVED]: { decider: StaffRole.FLLS, next: AccessRequestStatus.GRANTED },
};

/**
 * Once the ability has refused `actor` a decision on `request` (under the row lock, TAR-3, TAR-4),
 * says why in the words of the chain. It only words the refusal; it never allows anything.
 */
export function refusalFor(request: AccessRequest, actor: PrincipalStaff, ledTeamIds: string[]): AppError | null {
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
  if (request.status === AccessRequestStatus.SUBMITTED && !ledTeamIds.includes(request.teamId)) {
    return forbidden("Only the requester's own team leader checks the form.", { reason: 'NOT_TEAM_LEADER' });
  }
  return null;
}
