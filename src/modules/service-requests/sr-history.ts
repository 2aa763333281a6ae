import { type EntitySubscriberInterface, EventSubscriber, type InsertEvent, type UpdateEvent } from 'typeorm';
import type { Principal } from '../../authorization/principal';
import { ServiceRequest } from './service-request.entity';
import { SrSourceType, type SrStatus } from './sr-enums';
import { SrActorType, SrStatusChange } from './sr-status-change.entity';
import { assertTransition } from './sr-transitions';

/** Who acts and when: the request's principal and clock (a scheduled job has no principal). */
export interface StateChanger {
  principal: Principal | null;
  now: Date;
}

type Step = Omit<SrStatusChange, 'id' | 'serviceRequestId'>;

/** Steps made in memory on an SR, written with it by the subscriber below, in its transaction. */
const journals = new WeakMap<ServiceRequest, Step[]>();

function actorOf(principal: Principal | null): Pick<Step, 'actorType' | 'actorStaffId' | 'actorContactId'> {
  if (principal?.kind === 'staff') return { actorType: SrActorType.STAFF, actorStaffId: principal.staff.id, actorContactId: null };
  if (principal?.kind === 'client') return { actorType: SrActorType.CLIENT, actorStaffId: null, actorContactId: principal.contactId };
  return { actorType: SrActorType.SYSTEM, actorStaffId: null, actorContactId: null };
}

/**
 * SR-2 and SR-8: the one way an SR's status or sub status changes. A status move must be in the
 * transition table; every change is a step of the history, so intermediate steps made in one
 * transaction (COFC_DECLINED before CLOSED / COMPLETE) are kept, not only the final state.
 */
export function changeSrState(by: StateChanger, sr: ServiceRequest, to: { status?: SrStatus; subStatus?: string | null }): void {
  const step: Step = {
    changedAt: by.now,
    ...actorOf(by.principal),
    fromStatus: sr.status,
    toStatus: to.status ?? sr.status,
    fromSubStatus: sr.subStatus,
    toSubStatus: to.subStatus === undefined ? sr.subStatus : to.subStatus,
  };
  if (to.status !== undefined) assertTransition(sr.status, to.status);
  if (step.fromStatus === step.toStatus && step.fromSubStatus === step.toSubStatus) return;
  sr.status = step.toStatus;
  sr.subStatus = step.toSubStatus;
  const journal = journals.get(sr);
  if (journal) journal.push(step);
  else journals.set(sr, [step]);
}

/** Who raised an SR, from its data: the client for self service, else its first owner, else the system. */
function raisedBy(sr: ServiceRequest): Pick<Step, 'actorType' | 'actorStaffId' | 'actorContactId'> {
  if (sr.sourceType === SrSourceType.PWC_SELF_SERVICE || sr.sourceType === SrSourceType.NRP_SELF_SERVICE) {
    return { actorType: SrActorType.CLIENT, actorStaffId: null, actorContactId: sr.subjectContactId };
  }
  if (sr.ownerId) return { actorType: SrActorType.STAFF, actorStaffId: sr.ownerId, actorContactId: null };
  return { actorType: SrActorType.SYSTEM, actorStaffId: null, actorContactId: null };
}

/**
 * Writes the history with the SR, whatever path saved it. A status or sub status changed by
 * assignment, around changeSrState, is a programming error: it fails the transaction rather than
 * leave a gap in the history.
 */
@EventSubscriber()
export class SrHistorySubscriber implements EntitySubscriberInterface<ServiceRequest> {
  listenTo() {
    return ServiceRequest;
  }

  async afterInsert(event: InsertEvent<ServiceRequest>): Promise<void> {
    const sr = event.entity;
    const steps = journals.get(sr) ?? [];
    const first = steps[0];
    const raised: Step = {
      changedAt: sr.createdAt,
      ...raisedBy(sr),
      fromStatus: null,
      toStatus: first ? first.fromStatus! : sr.status,
      fromSubStatus: null,
      toSubStatus: first ? first.fromSubStatus : sr.subStatus,
    };
    await write(event, sr, [raised, ...steps]);
  }

  async afterUpdate(event: UpdateEvent<ServiceRequest>): Promise<void> {
    const sr = event.entity as ServiceRequest | undefined;
    if (!sr || !(sr instanceof ServiceRequest)) return;
    const steps = journals.get(sr) ?? [];
    const before = event.databaseEntity;
    if (steps.length === 0 && before && (before.status !== sr.status || before.subStatus !== sr.subStatus)) {
      throw new Error('SR-8: an SR status or sub status changed without changeSrState; the history would miss it.');
    }
    await write(event, sr, steps);
  }
}

async function write(event: InsertEvent<ServiceRequest> | UpdateEvent<ServiceRequest>, sr: ServiceRequest, steps: Step[]) {
  journals.delete(sr);
  if (steps.length === 0) return;
  const last = steps[steps.length - 1];
  if (last.toStatus !== sr.status || last.toSubStatus !== sr.subStatus) {
    throw new Error('SR-8: an SR status or sub status changed without changeSrState; the history would miss it.');
  }
  await event.manager.insert(SrStatusChange, steps.map((step) => ({ ...step, serviceRequestId: sr.id })));
}
