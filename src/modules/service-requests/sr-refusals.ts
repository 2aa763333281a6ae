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
declareRefusals('ServiceRequestRefusal', ServiceRequestRefusal, 'Why a service request refused an action (SR-2, SR-6).');
