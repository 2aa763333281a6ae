import { declareRefusals } from '../../common/refusals';

export enum ServiceRequestRefusal {
  /** The SR changed since the caller loaded it (expectedVersion). */
  STALE_VERSION = 'STALE_VERSION',
  /** SR-2: not an allowed status transition. */
  ILLEGAL_TRANSITION = 'ILLEGAL_TRANSITION',
  SR_CLOSED = 'SR_CLOSED',
  /** SR-6: only an SR in a hopper can be assigned. */
  NOT_IN_HOPPER = 'NOT_IN_HOPPER',
}
declareRefusals('ServiceRequestRefusal', ServiceRequestRefusal, 'Why a service request refused an action (SR-2, SR-6).', {
  STALE_VERSION: 'The service request changed since you loaded it (expectedVersion differs): reload and try again.',
  ILLEGAL_TRANSITION: 'The service request cannot move to that status from where it is (SR-2).',
  SR_CLOSED: 'The service request is closed: nothing more can be done on it.',
  NOT_IN_HOPPER: 'Only a service request waiting in a hopper can be assigned (SR-6).',
});
