import { subject } from '@casl/ability';
import { conflict, forbidden, InputProblems } from '../../common/errors';
import { optionalText } from '../../common/input';
import type { RequestContext } from '../../server/context';
import { AuditAction, recordAudit } from '../audit/audit.service';
import { Contact } from '../contacts/contact.entity';
import { Segment, StaffRole } from '../staff/staff-role';
import { Staff } from '../staff/staff.entity';
import { SrStatus } from './sr-enums';
import type { SrActionInput } from './sr-inputs';
import { actOnServiceRequest, moveStatus } from './service-request.service';

const SCR_ROLES = new Set([StaffRole.SCR_CASEWORKER, StaffRole.SCR_MANAGER]);

/**
 * SR-6: set PENDING_ASSIGNMENT. An SR whose subject is sensitive lands in the SCR segment's
 * hopper; routing it needs the SCR team's role or a live ROUTE_SR_TO_SCR grant for this SR.
 */
export async function routeServiceRequest(ctx: RequestContext, input: SrActionInput) {
  return actOnServiceRequest(ctx, input, async (tx, sr) => {
    // Read without the caller's row rule on purpose: routing depends on sensitivity the caller may not see.
    const subjectRow = await tx.findOneOrFail(Contact, { select: { id: true, sensitive: true }, where: { id: sr.subjectContactId } });
    const staff = ctx.principal?.kind === 'staff' ? ctx.principal.staff : undefined;
    if (subjectRow.sensitive) {
      const allowed = (staff && SCR_ROLES.has(staff.role)) || ctx.ability.can('route', subject('ServiceRequest', sr as unknown as Record<string, unknown>));
      if (!allowed) {
        throw forbidden('Routing an SR with a sensitive contact needs temporary SCR access (purpose ROUTE_SR_TO_SCR) for this SR.');
      }
    }
    moveStatus(sr, SrStatus.PENDING_ASSIGNMENT);
    const fromSegment = sr.segment;
    if (subjectRow.sensitive) sr.segment = Segment.SCR;
    sr.ownerId = null;
    if (subjectRow.sensitive) {
      await recordAudit(ctx, tx, {
        action: AuditAction.SR_ROUTED_TO_SCR,
        subjectType: 'ServiceRequest',
        subjectId: sr.id,
        details: { fromSegment },
      });
    }
  });
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
        throw conflict('Only an SR in a hopper (PENDING_ASSIGNMENT) can be assigned.', { reason: 'NOT_IN_HOPPER', status: sr.status });
      }
      const assignee = await tx.findOne(Staff, { where: { staffNumber } });
      const eligible = assignee?.active && assignee.segment === sr.segment &&
        [StaffRole.CASEWORKER, StaffRole.SCR_CASEWORKER, StaffRole.TEAM_LEADER].includes(assignee.role);
      if (!assignee || !eligible) {
        new InputProblems().add('assigneeStaffNumber', `must be an active caseworker of the ${sr.segment} segment`).throwIfAny();
      }
      moveStatus(sr, SrStatus.OPEN);
      sr.ownerId = assignee!.id;
      await recordAudit(ctx, tx, {
        action: AuditAction.SR_ASSIGNED,
        subjectType: 'ServiceRequest',
        subjectId: sr.id,
        details: { assigneeId: assignee!.id, segment: sr.segment },
      });
    },
    'assign',
  );
}
