import { conflict, InputProblems } from '../../common/errors';
import { optionalText } from '../../common/input';
import type { RequestContext } from '../../request/context';
import { AuditAction, AuditSubject, recordAudit } from '../../audit-trail/audit-trail';
import { Contact } from '../contacts/contact.entity';
import { Segment } from '../../authorization/roles';
import { Staff } from '../staff/staff.entity';
import { SrStatus } from './sr-enums';
import type { SrActionInput } from './sr-inputs';
import { actOnServiceRequest, addNote, moveStatus, SERVICE_REQUEST } from './service-request.service';
import { AccessPurpose } from '../../authorization/grant-purpose';
import type { EntityManager } from 'typeorm';
import { buildAbility, type Action } from '../../authorization/ability';
import { loadPrincipal } from '../../authorization/load-principal';
import { allows } from '../../authorization/require-access';
import { ServiceRequestRefusal } from './sr-refusals';

/**
 * SR-6: set PENDING_ASSIGNMENT. An SR whose subject is sensitive lands in the SCR segment's
 * hopper; the ability's `route` rule decides who may (the SCR team, or a live ROUTE_SR_TO_SCR
 * grant for this SR; anyone working it when the subject is not sensitive).
 */
export async function routeServiceRequest(ctx: RequestContext, input: SrActionInput) {
  return actOnServiceRequest(ctx, input, async (tx, sr) => {
    // Read without the caller's row rule on purpose: where it lands depends on sensitivity the caller may not see.
    const subjectRow = await tx.findOneOrFail(Contact, { select: { id: true, sensitive: true }, where: { id: sr.subjectContactId } });
    moveStatus(ctx, sr, SrStatus.PENDING_ASSIGNMENT);
    const fromSegment = sr.segment;
    if (subjectRow.sensitive) sr.segment = Segment.SCR;
    sr.ownerId = null;
    if (subjectRow.sensitive) {
      await recordAudit(ctx, tx, {
        action: AuditAction.SR_ROUTED_TO_SCR,
        subjectType: AuditSubject.SERVICE_REQUEST,
        subjectId: sr.id,
        details: { fromSegment },
      });
    }
  }, 'route');
}

/**
 * Seed 003 (FINANCE_ACTION, TAR-5): the grantee hands the granted SR to the SCR team for the
 * finance work the SCR team does on a sensitive contact (e.g. reassign a payment, clear the online
 * suspense account): PENDING_ASSIGNMENT in the SCR hopper (step 11), unowned, with a note and an
 * audit event. Only a live FINANCE_ACTION grant naming this SR allows it (the `financeAction` rule);
 * a grant for another purpose or SR, or an expired one, is FORBIDDEN.
 */
export async function routeForFinanceAction(ctx: RequestContext, input: SrActionInput, financeWork?: string | null) {
  const work = optionalText(financeWork);
  new InputProblems().check(!work || work.length <= 500, 'financeWork', 'is longer than 500 characters').throwIfAny();
  return actOnServiceRequest(ctx, input, async (tx, sr) => {
    moveStatus(ctx, sr, SrStatus.PENDING_ASSIGNMENT);
    const fromSegment = sr.segment;
    sr.segment = Segment.SCR;
    sr.ownerId = null;
    await addNote(ctx, tx, sr, `Routed to the SCR team for finance actions (temporary access FINANCE_ACTION).${work ? ` Finance work: ${work}` : ''}`);
    await recordAudit(ctx, tx, {
      action: AuditAction.SR_ROUTED_TO_SCR,
      subjectType: AuditSubject.SERVICE_REQUEST,
      subjectId: sr.id,
      details: { fromSegment, purpose: AccessPurpose.FINANCE_ACTION },
    });
  }, 'financeAction');
}

/** SR-6: a TL (own segment's hopper) or the SCR manager (SCR hopper) gives an SR to a caseworker. */
export async function assignFromHopper(ctx: RequestContext, input: SrActionInput, assigneeStaffNumber: string) {
  const staffNumber = optionalText(assigneeStaffNumber);
  new InputProblems().check(Boolean(staffNumber), 'assigneeStaffNumber', 'is required').throwIfAny();
  return actOnServiceRequest(
    ctx,
    input,
    async (tx, sr) => {
      if (sr.status !== SrStatus.PENDING_ASSIGNMENT) {
        throw conflict('Only an SR in a hopper (PENDING_ASSIGNMENT) can be assigned.', { reason: ServiceRequestRefusal.NOT_IN_HOPPER, status: sr.status });
      }
      // Eligible: an active member of staff whose own ability lets them work this SR (SR-5).
      const assignee = await tx.findOne(Staff, { where: { staffNumber, active: true } });
      const eligible = assignee !== null && (await mayAct(tx, assignee.staffNumber, ctx.now, SERVICE_REQUEST, sr.id, 'work'));
      if (!assignee || !eligible) {
        new InputProblems().add('assigneeStaffNumber', `must be an active caseworker of the ${sr.segment} segment`).throwIfAny();
      }
      moveStatus(ctx, sr, SrStatus.OPEN);
      sr.ownerId = assignee!.id;
      await recordAudit(ctx, tx, {
        action: AuditAction.SR_ASSIGNED,
        subjectType: AuditSubject.SERVICE_REQUEST,
        subjectId: sr.id,
        details: { assigneeId: assignee!.id, segment: sr.segment },
      });
    },
    'assign',
  );
}

async function mayAct(tx: EntityManager, staffNumber: string, now: Date, target: typeof SERVICE_REQUEST, id: string, action: Action) {
  const principal = await loadPrincipal(tx, { principalType: 'staff', subject: staffNumber }, now);
  return allows(buildAbility(principal, now), tx, target, id, action);
}
