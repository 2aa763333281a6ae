import { conflict } from '../../common/errors';
import { SrStatus } from './sr-enums';
import { ServiceRequestRefusal } from './sr-refusals';

/**
 * SR-2: the only status moves there are. PENDING_ASSIGNMENT routes to a hopper and leaves it
 * when assigned (back to OPEN); WAIT -> CLOSED is the rejection after an unanswered letter.
 */
export const SR_TRANSITIONS: Record<SrStatus, SrStatus[]> = {
  [SrStatus.OPEN]: [SrStatus.IN_PROGRESS, SrStatus.PENDING_ASSIGNMENT],
  [SrStatus.IN_PROGRESS]: [SrStatus.WAIT, SrStatus.CLOSED, SrStatus.PENDING_ASSIGNMENT],
  [SrStatus.WAIT]: [SrStatus.IN_PROGRESS, SrStatus.CLOSED, SrStatus.PENDING_ASSIGNMENT],
  [SrStatus.PENDING_ASSIGNMENT]: [SrStatus.OPEN],
  [SrStatus.CLOSED]: [],
};

export function assertTransition(from: SrStatus, to: SrStatus): void {
  if (!SR_TRANSITIONS[from].includes(to)) {
    throw conflict(`A service request cannot move from ${from} to ${to}.`, { reason: ServiceRequestRefusal.ILLEGAL_TRANSITION, from, to });
  }
}
