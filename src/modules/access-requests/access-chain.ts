import type { AppError } from '../../common/errors';
import { conflict, forbidden } from '../../common/errors';
import type { Action, AppAbility } from '../../authorization/ability';
import type { PrincipalStaff } from '../../authorization/principal';
import { AccessRequestStatus } from './access-enums';
import type { AccessRequest } from './access-request.entity';
import { AccessChainRefusal } from './access-refusals';

/** TAR-2: the decision each open stage waits for (who may take it is the role table's), and where it leads. */
export const CHAIN: Partial<Record<AccessRequestStatus, { action: Action; next: AccessRequestStatus }>> = {
  [AccessRequestStatus.SUBMITTED]: { action: 'check', next: AccessRequestStatus.TL_CHECKED },
  [AccessRequestStatus.TL_CHECKED]: { action: 'approve', next: AccessRequestStatus.SCR_APPROVED },
  [AccessRequestStatus.SCR_APPROVED]: { action: 'grant', next: AccessRequestStatus.GRANTED },
};

/**
 * Once the ability has refused `actor` a decision on `request` (under the row lock, TAR-3, TAR-4),
 * says why in the words of the chain. It only words the refusal; it never allows anything.
 */
export function refusalFor(request: AccessRequest, actor: PrincipalStaff, ledTeamIds: string[], ability: AppAbility): AppError | null {
  const stage = CHAIN[request.status];
  if (!stage) {
    return conflict(`This request is ${request.status} and final; a new form is needed.`, { reason: AccessChainRefusal.FINAL, status: request.status });
  }
  if (!ability.can(stage.action, 'AccessRequest')) {
    return conflict(`This request is at ${request.status}; the next decision (${stage.action}) is not yours to take.`, {
      reason: AccessChainRefusal.WRONG_STAGE,
      status: request.status,
      action: stage.action,
    });
  }
  if (actor.id === request.requesterId) {
    return forbidden('No one may decide their own access request.', { reason: AccessChainRefusal.OWN_REQUEST });
  }
  if (actor.id === request.tlCheckedById || actor.id === request.scrApprovedById) {
    return forbidden('The same person may not act at two stages of one request.', { reason: AccessChainRefusal.TWO_STAGES });
  }
  if (request.status === AccessRequestStatus.SUBMITTED && !ledTeamIds.includes(request.teamId)) {
    return forbidden("Only the requester's own team leader checks the form.", { reason: AccessChainRefusal.NOT_TEAM_LEADER });
  }
  return null;
}
