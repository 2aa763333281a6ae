import type { EntityManager } from 'typeorm';
import { andVisible, visibleQuery } from '../../authorization/visible-query';
import { keysetPage, type Page } from '../../common/connection';
import { AppError, forbidden, InputProblems } from '../../common/errors';
import { isUuid, normaliseNino, optionalText, requireUuid } from '../../common/input';
import type { RequestContext } from '../../request/context';
import { AuditAction, AuditSubject, recordAudit } from '../../audit-trail/audit-trail';
import { NotificationKind } from '../notifications/notification.entity';
import { notify, requesterAndLeader, teamLeaderOf } from '../notifications/notification.service';
import { ServiceRequest } from '../service-requests/service-request.entity';
import { Staff } from '../staff/staff.entity';
import type { Action } from '../../authorization/ability';
import type { PrincipalStaff } from '../../authorization/principal';
import { type AccessTarget, requireAccess, requireAllowedNew } from '../../authorization/require-access';
import { Team } from '../staff/team.entity';
import { refusalFor } from './access-chain';
import { requireSomeoneToCheck } from './stage-deciders';
import { AccessRequestStatus } from './access-enums';
import { AccessGrant } from './access-grant.entity';
import type {
  AccessRequestFilter, CheckAccessRequestInput, GrantAccessRequestInput, RejectAccessRequestInput, SubmitAccessRequestInput,
} from './access-inputs';
import { AccessRequest } from './access-request.entity';
import { staffRecordFields } from './access-form';

/** Two letters, six digits, a suffix A-D (prefix rules vary; HMRC is the authority). */
const NINO = /^[A-Z]{2}\d{6}[A-D]$/;
const MAX_REQUEST_HOURS = 24 * 31;
const HOUR = 3600_000;

export const staffOf = (ctx: RequestContext): PrincipalStaff => {
  if (ctx.principal?.kind !== 'staff') throw forbidden();
  return ctx.principal.staff;
};

export const ACCESS_REQUEST: AccessTarget<AccessRequest> = { entity: AccessRequest, subject: 'AccessRequest', noun: 'Access request' };

/** TAR-1: the form, validated field by field; the SR must be one the requester can see. */
export async function submitAccessRequest(ctx: RequestContext, input: SubmitAccessRequestInput): Promise<AccessRequest> {
  const requester = staffOf(ctx);
  const text = (value: string | null | undefined) => optionalText(value);
  const problems = new InputProblems();
  const required = (field: keyof SubmitAccessRequestInput, max: number) => {
    const value = text(input[field] as string);
    problems.check(value !== undefined, field, 'is required');
    problems.check(value === undefined || value.length <= max, field, `is longer than ${max} characters`);
    return value;
  };
  const staffNumber = required('staffNumber', 20);
  const justification = required('justification', 2000);
  if (staffNumber !== undefined) problems.check(staffNumber === requester.staffNumber, 'staffNumber', 'must be your own staff number');
  problems.check(
    Number.isInteger(input.requestedHours) && input.requestedHours >= 1 && input.requestedHours <= MAX_REQUEST_HOURS,
    'requestedHours',
    `must be a whole number of hours from 1 to ${MAX_REQUEST_HOURS}`,
  );
  problems.check(isUuid(input.serviceRequestId), 'serviceRequestId', 'is not a valid id');
  const contactId = text(input.contactId);
  if (contactId !== undefined) problems.check(isUuid(contactId), 'contactId', 'is not a valid id');
  const nino = text(input.nino) === undefined ? undefined : normaliseNino(input.nino!);
  if (nino !== undefined) problems.check(NINO.test(nino), 'nino', 'is not a national insurance number');
  const scin = text(input.scin);
  if (scin !== undefined) problems.check(scin.length <= 20, 'scin', 'is longer than 20 characters');
  const clientName = text(input.clientName);
  if (clientName !== undefined) problems.check(clientName.length <= 200, 'clientName', 'is longer than 200 characters');
  const furtherDetails = text(input.furtherDetails);
  if (furtherDetails !== undefined) problems.check(furtherDetails.length <= 2000, 'furtherDetails', 'is longer than 2000 characters');
  problems.check(Boolean(requester.teamId), 'staffNumber', 'you belong to no team, so no team leader can check the form');
  const fromRecord = await staffRecordFields(ctx.dataSource.manager, requester.id, input, problems);
  problems.throwIfAny();

  return ctx.dataSource.transaction(async (tx) => {
    const sr = await visibleQuery(ctx, ServiceRequest, 'ServiceRequest', 's', 'read', tx)
      .andWhere('s.id = :id', { id: input.serviceRequestId })
      .getOne();
    new InputProblems().check(Boolean(sr), 'serviceRequestId', 'no such service request').throwIfAny();
    // TAR-9, SCR-6: the form names one contact, the subject of its SR. A contactId is only a
    // confirmation; any other id is refused with the same words whether it exists, is hidden or
    // is random, so the form is no oracle, and every approver knows whom the grant covers.
    if (contactId !== undefined && contactId !== sr!.subjectContactId) {
      new InputProblems().add('contactId', 'must be the subject of the service request (or left out)').throwIfAny();
    }
    requireAllowedNew(ctx, 'submit', 'AccessRequest', { requesterId: requester.id }, 'access request');
    const teamRow = await tx.findOneByOrFail(Team, { id: requester.teamId! });
    await requireSomeoneToCheck(tx, ctx.now, { requesterId: requester.id, teamId: teamRow.id }, teamRow.name);
    const request = await tx.save(tx.create(AccessRequest, {
      requesterId: requester.id,
      teamId: teamRow.id,
      staffNumber: staffNumber!,
      ...fromRecord,
      requestedHours: input.requestedHours,
      purpose: input.purpose,
      serviceRequestId: sr!.id,
      contactId: sr!.subjectContactId,
      clientName: clientName ?? null,
      scin: scin ?? null,
      nino: nino ?? null,
      furtherDetails: furtherDetails ?? null,
      justification: justification!,
      status: AccessRequestStatus.SUBMITTED,
      createdAt: ctx.now,
    }));
    await recordAudit(ctx, tx, {
      action: AuditAction.ACCESS_REQUEST_SUBMITTED,
      subjectType: AuditSubject.ACCESS_REQUEST,
      subjectId: request.id,
      details: { purpose: request.purpose, serviceRequestId: request.serviceRequestId, requestedHours: request.requestedHours },
    });
    return request;
  });
}

/**
 * One decision on one request, in one transaction under a row lock (TAR-4): the second of two
 * simultaneous approvers waits, then finds the stage moved on and gets a CONFLICT. A refused
 * decision changes nothing and is audited as DENIED (TAR-8).
 */
async function decide(
  ctx: RequestContext,
  id: string,
  action: Extract<Action, 'check' | 'approve' | 'grant' | 'reject'>,
  apply: (tx: EntityManager, request: AccessRequest, actor: PrincipalStaff, leaderId: string | null) => Promise<void>,
): Promise<AccessRequest> {
  requireUuid(id, 'id');
  const actor = staffOf(ctx);
  const ledTeamIds = ctx.principal?.kind === 'staff' ? ctx.principal.ledTeamIds : [];
  try {
    return await ctx.dataSource.transaction(async (tx) => {
      // The ability decides (stage, own request, two stages, own team: TAR-2, TAR-3) on the locked row.
      const request = await requireAccess(ctx, tx, ACCESS_REQUEST, id, action, {
        explain: (row) => refusalFor(row, actor, ledTeamIds, ctx.ability),
      });
      const leaderId = await teamLeaderOf(tx, request.teamId);
      await apply(tx, request, actor, leaderId);
      return tx.save(request);
    });
  } catch (error) {
    if (error instanceof AppError && error.code !== 'NOT_FOUND' && error.code !== 'BAD_USER_INPUT') {
      await recordAudit(ctx, ctx.dataSource.manager, {
        action: AuditAction.ACCESS_DECISION_REFUSED,
        subjectType: AuditSubject.ACCESS_REQUEST,
        subjectId: id,
        outcome: 'DENIED',
        details: { code: error.code, reason: error.extensions.reason ?? null },
      });
    }
    throw error;
  }
}

const nameOf = (staff: PrincipalStaff) => `${staff.firstName} ${staff.lastName}`;

/** TAR-2 stage 1: the requester's own team leader checks the form and adds their name and contact details. */
export function checkAccessRequest(ctx: RequestContext, input: CheckAccessRequestInput) {
  const contactDetails = optionalText(input.contactDetails);
  new InputProblems().check(!contactDetails || contactDetails.length <= 200, 'contactDetails', 'is longer than 200 characters').throwIfAny();
  return decide(ctx, input.id, 'check', async (tx, request, actor) => {
    const details = contactDetails ?? (await tx.findOneByOrFail(Staff, { id: actor.id })).workPhone;
    if (!details) new InputProblems().add('contactDetails', 'is required: you have no work phone on record').throwIfAny();
    Object.assign(request, {
      status: AccessRequestStatus.TL_CHECKED,
      tlCheckedById: actor.id,
      tlCheckedAt: ctx.now,
      tlName: nameOf(actor),
      tlContactDetails: details,
    });
    await recordAudit(ctx, tx, { action: AuditAction.ACCESS_REQUEST_CHECKED, subjectType: AuditSubject.ACCESS_REQUEST, subjectId: request.id });
  });
}

/** TAR-2 stage 2: the SCR manager approves. */
export function approveAccessRequest(ctx: RequestContext, id: string) {
  return decide(ctx, id, 'approve', async (tx, request, actor) => {
    Object.assign(request, { status: AccessRequestStatus.SCR_APPROVED, scrApprovedById: actor.id, scrApprovedAt: ctx.now });
    await recordAudit(ctx, tx, { action: AuditAction.ACCESS_REQUEST_APPROVED, subjectType: AuditSubject.ACCESS_REQUEST, subjectId: request.id });
  });
}

/**
 * TAR-2 stage 3 and TAR-5: FLLS grants, for at most the requested and the configured maximum
 * duration. The grant covers the form's contact and SR for its purpose, from now.
 */
export function grantAccessRequest(ctx: RequestContext, input: GrantAccessRequestInput) {
  return decide(ctx, input.id, 'grant', async (tx, request, actor, leaderId) => {
    const limit = Math.min(request.requestedHours, ctx.config.maxGrantHours);
    new InputProblems()
      .check(Number.isInteger(input.grantedHours) && input.grantedHours >= 1 && input.grantedHours <= limit, 'grantedHours',
        `must be a whole number of hours from 1 to ${limit} (requested ${request.requestedHours}, maximum ${ctx.config.maxGrantHours})`)
      .throwIfAny();
    Object.assign(request, {
      status: AccessRequestStatus.GRANTED,
      grantedById: actor.id,
      grantedAt: ctx.now,
      grantedHours: input.grantedHours,
    });
    const grant = await tx.save(tx.create(AccessGrant, {
      requestId: request.id,
      staffId: request.requesterId,
      teamId: request.teamId,
      contactId: request.contactId,
      serviceRequestId: request.serviceRequestId,
      purpose: request.purpose,
      grantedAt: ctx.now,
      expiresAt: new Date(ctx.now.getTime() + input.grantedHours * HOUR),
      removedAt: null,
      removedById: null,
      removalReason: null,
    }));
    await recordAudit(ctx, tx, {
      action: AuditAction.ACCESS_REQUEST_GRANTED,
      subjectType: AuditSubject.ACCESS_REQUEST,
      subjectId: request.id,
      details: { grantId: grant.id, grantedHours: input.grantedHours, expiresAt: grant.expiresAt.toISOString() },
    });
    await notify(tx, ctx.now, requesterAndLeader(request.requesterId, leaderId).map((recipientId) => ({
      recipientId,
      kind: NotificationKind.ACCESS_GRANTED,
      message: `Temporary SCR access (${request.purpose}) granted for ${input.grantedHours} h, until ${grant.expiresAt.toISOString()}.`,
      accessRequestId: request.id,
      grantId: grant.id,
      dedupeKey: `grant:${grant.id}:granted:${recipientId}`,
    })));
  });
}

/** TAR-2: the decider of the current stage rejects, with a mandatory reason; the request is final. */
export function rejectAccessRequest(ctx: RequestContext, input: RejectAccessRequestInput) {
  const reason = optionalText(input.reason);
  new InputProblems()
    .check(reason !== undefined, 'reason', 'is required')
    .check(!reason || reason.length <= 1000, 'reason', 'is longer than 1000 characters')
    .throwIfAny();
  return decide(ctx, input.id, 'reject', async (tx, request, actor, leaderId) => {
    const stage = request.status;
    Object.assign(request, {
      status: AccessRequestStatus.REJECTED,
      rejectedById: actor.id,
      rejectedAt: ctx.now,
      rejectedAtStage: stage,
      rejectionReason: reason,
    });
    await recordAudit(ctx, tx, {
      action: AuditAction.ACCESS_REQUEST_REJECTED,
      subjectType: AuditSubject.ACCESS_REQUEST,
      subjectId: request.id,
      details: { stage },
    });
    // The requester always hears; the TL too once they had checked it (they pass the reason on).
    const recipients = stage === AccessRequestStatus.SUBMITTED ? [request.requesterId] : requesterAndLeader(request.requesterId, leaderId);
    await notify(tx, ctx.now, recipients.map((recipientId) => ({
      recipientId,
      kind: NotificationKind.ACCESS_REQUEST_REJECTED,
      message: `Access request rejected at ${stage} by the ${actor.role}: ${reason}`,
      accessRequestId: request.id,
      dedupeKey: `request:${request.id}:rejected:${recipientId}`,
    })));
  });
}

export async function findVisibleAccessRequest(ctx: RequestContext, id: string): Promise<AccessRequest | null> {
  if (!isUuid(id)) return null;
  return visibleQuery(ctx, AccessRequest, 'AccessRequest', 'r').andWhere('r.id = :id', { id }).getOne();
}

/** The queue of each role (issue: requester, TL, SCR manager, FLLS, reviewer) as one filtered list. */
export async function listAccessRequests(
  ctx: RequestContext,
  filter: AccessRequestFilter | null | undefined,
  first: number,
  after: string | null | undefined,
): Promise<Page<AccessRequest>> {
  const staff = staffOf(ctx);
  const f = filter ?? {};
  const base = () => {
    const qb = visibleQuery(ctx, AccessRequest, 'AccessRequest', 'r');
    if (f.status?.length) qb.andWhere('r.status = ANY(:statuses)', { statuses: f.status });
    if (f.mine) qb.andWhere('r.requester_id = :me', { me: staff.id });
    // Every stage the caller decides can also be rejected by them: the ability's reject rule is the queue.
    if (f.awaitingMyDecision) andVisible(ctx, qb, AccessRequest, 'AccessRequest', 'r', 'reject');
    return qb;
  };
  return keysetPage(ctx, base, {
    first, after, columns: ['r.created_at', 'r.id'], direction: 'DESC', keyOf: (row) => [row.createdAt.toISOString(), row.id],
  });
}
