import type { EntityManager } from 'typeorm';
import type { Action } from '../../authorization/ability';
import { andVisible, visibleQuery } from '../../authorization/visible-query';
import { AccessRefusal, type AccessTarget, requireAccess, requireAllowedNew } from '../../authorization/require-access';
import { ownershipFromCases } from './sr-ownership';
import { keysetPage, type Page } from '../../common/connection';
import { conflict, forbidden, InputProblems } from '../../common/errors';
import { isUuid, optionalText } from '../../common/input';
import type { RequestContext } from '../../request/context';
import { Case } from '../cases/case.entity';
import { Contact } from '../contacts/contact.entity';
import { assertSecurityRulesForNewServiceRequest } from '../security/security-rules';
import { Activity } from './activity.entity';
import { ActivityOutcome } from './activity-outcome';
import { ActivityStatus, SrSourceType, SrStatus } from './sr-enums';
import type { CreateServiceRequestInput, RecordActivityOutcomeInput, ServiceRequestFilter, SrActionInput } from './sr-inputs';
import { SR_KINDS } from './sr-kinds';
import { newServiceRequest } from './new-service-request';
import { SrNote } from './sr-note.entity';
import { changeSrState, type StateChanger } from './sr-history';
import { ServiceRequest } from './service-request.entity';
import { ServiceRequestRefusal } from './sr-refusals';

export const SERVICE_REQUEST: AccessTarget<ServiceRequest> = { entity: ServiceRequest, subject: 'ServiceRequest', noun: 'Service request' };
const ACTIVITY: AccessTarget<Activity> = { entity: Activity, subject: 'Activity', noun: 'Activity' };

/** How a refusal of the ability reads, per action on an SR (the decision itself is the ability's). */
const REFUSALS: Partial<Record<Action, string>> = {
  work: "Only the owning segment's caseworkers and team leader may work this service request, and only while they may see its subject (SR-5, SCR-1).",
  route: 'Routing an SR with a sensitive contact needs temporary SCR access (purpose ROUTE_SR_TO_SCR) for this SR (SR-6).',
  assign: "Only a team leader of the SR's segment, or the SCR manager for the SCR hopper, assigns from a hopper (SR-6).",
  selfServe: 'Only the client this service request is about may do this through self service.',
};

export async function findVisibleServiceRequest(ctx: RequestContext, id: string): Promise<ServiceRequest | null> {
  if (!isUuid(id)) return null;
  return visibleQuery(ctx, ServiceRequest, 'ServiceRequest', 's').andWhere('s.id = :id', { id }).getOne();
}

/**
 * Loads and locks an SR through the one access entry point (NOT_FOUND when the caller may not
 * read it, FORBIDDEN when they may read but not `action` it: SR-5, SCR-1), then checks it is the
 * version they saw. Two people acting at once: the second waits for the lock, then finds the SR
 * changed and gets a CONFLICT.
 */
export async function lockServiceRequest(
  ctx: RequestContext,
  tx: EntityManager,
  input: { id: string; expectedVersion?: number | null },
  action: Action = 'work',
): Promise<ServiceRequest> {
  const sr = await requireAccess(ctx, tx, SERVICE_REQUEST, input.id, action, {
    explain: () => (REFUSALS[action] ? forbidden(REFUSALS[action], { reason: AccessRefusal.NOT_PERMITTED, action }) : null),
  });
  if (input.expectedVersion != null && input.expectedVersion !== sr.version) {
    throw conflict('The service request changed since you loaded it; reload and try again.', {
      reason: ServiceRequestRefusal.STALE_VERSION,
      currentVersion: sr.version,
    });
  }
  return sr;
}

/** Runs one intent on one SR in one transaction, with the lock and checks above; saves the SR. */
export async function actOnServiceRequest<T = ServiceRequest>(
  ctx: RequestContext,
  input: SrActionInput,
  act: (tx: EntityManager, sr: ServiceRequest) => Promise<T | void>,
  action: Action = 'work',
): Promise<T | ServiceRequest> {
  return ctx.dataSource.transaction(async (tx) => {
    const sr = await lockServiceRequest(ctx, tx, input, action);
    const result = await act(tx, sr);
    sr.updatedAt = ctx.now;
    const saved = await tx.save(sr);
    return result ?? saved;
  });
}

/** SR-2 and SR-8: every status change goes through the transition table and into the history. */
export function moveStatus(by: StateChanger, sr: ServiceRequest, to: SrStatus, subStatus?: string | null): void {
  changeSrState(by, sr, { status: to, subStatus });
}

export async function addNote(ctx: RequestContext, tx: EntityManager, sr: ServiceRequest, text: string): Promise<void> {
  await tx.insert(SrNote, {
    serviceRequestId: sr.id,
    authorId: ctx.principal?.kind === 'staff' ? ctx.principal.staff.id : null,
    text,
    createdAt: ctx.now,
  });
}

export async function createServiceRequest(ctx: RequestContext, input: CreateServiceRequestInput): Promise<ServiceRequest> {
  const principal = ctx.principal;
  if (principal?.kind !== 'staff') throw forbidden();
  const problems = new InputProblems();
  problems.check(isUuid(input.subjectContactId), 'subjectContactId', 'is not a valid id');
  problems.check(input.caseIds.length > 0, 'caseIds', 'needs at least one case');
  input.caseIds.forEach((id, i) => problems.check(isUuid(id), `caseIds[${i}]`, 'is not a valid id'));
  if (input.source.type === SrSourceType.REPORTING_PERSON) {
    problems.check(Boolean(optionalText(input.source.firstName)), 'source.firstName', 'is required for a reporting person');
    problems.check(Boolean(optionalText(input.source.lastName)), 'source.lastName', 'is required for a reporting person');
    problems.check(input.source.role != null, 'source.role', 'is required for a reporting person');
  }
  // The reporting person's names are stored in 100 characters each.
  problems.check((input.source.firstName?.trim().length ?? 0) <= 100, 'source.firstName', 'is longer than 100 characters');
  problems.check((input.source.lastName?.trim().length ?? 0) <= 100, 'source.lastName', 'is longer than 100 characters');
  const note = optionalText(input.note);
  problems.check(!note || note.length <= 4000, 'note', 'is longer than 4000 characters');
  problems.throwIfAny();

  return ctx.dataSource.transaction(async (tx) => {
    const subjectContact = await visibleQuery(ctx, Contact, 'Contact', 'c', 'read', tx)
      .andWhere('c.id = :id', { id: input.subjectContactId })
      .getOne();
    const cases = await visibleQuery(ctx, Case, 'Case', 'k', 'read', tx).andWhere('k.id = ANY(:ids)', { ids: input.caseIds }).getMany();
    const missing = new InputProblems();
    missing.check(Boolean(subjectContact), 'subjectContactId', 'no such contact');
    missing.check(cases.length === new Set(input.caseIds).size, 'caseIds', 'no such case');
    missing.throwIfAny();
    // SR-7: owner segment and subject type from the cases, in the order the caller gave them.
    const ordered = input.caseIds.map((id) => cases.find((row) => row.id === id)!);
    const ownership = await ownershipFromCases(tx, subjectContact!, ordered);
    requireAllowedNew(ctx, 'create', 'ServiceRequest', {
      segment: ownership.segment,
      subjectContactId: subjectContact!.id,
      subjectContact: { id: subjectContact!.id, sensitive: subjectContact!.sensitive },
    }, 'service request');
    // The security kinds' own rules (REP-1, REP-2, SEC-8, SEC-9) hold on this path too.
    await assertSecurityRulesForNewServiceRequest(tx, input.kind, subjectContact!, cases.map((row) => row.id));
    const sr = newServiceRequest(tx, ctx.now, {
      kind: input.kind,
      sourceType: input.source.type,
      sourceFirstName: optionalText(input.source.firstName) ?? null,
      sourceLastName: optionalText(input.source.lastName) ?? null,
      sourceRole: input.source.role ?? null,
      subjectContactId: input.subjectContactId,
      subjectType: ownership.subjectType,
      cases,
      ownerId: principal.staff.id,
      segment: ownership.segment,
    });
    const saved = await tx.save(sr);
    if (note) await addNote(ctx, tx, saved, note);
    return saved;
  });
}

/** SR-3: OPEN -> IN_PROGRESS creates the activity plan of the SR's kind (once). */
export async function generatePlan(tx: EntityManager, sr: ServiceRequest): Promise<void> {
  if ((await tx.count(Activity, { where: { serviceRequestId: sr.id } })) > 0) return;
  await tx.insert(
    Activity,
    SR_KINDS[sr.kind].plan.map((name, index) => ({
      serviceRequestId: sr.id,
      sequence: index + 1,
      name,
      status: ActivityStatus.OPEN,
      outcome: null,
      plannedStart: null,
      description: null,
      completedAt: null,
      completedById: null,
    })),
  );
}

export async function startServiceRequest(ctx: RequestContext, input: SrActionInput) {
  return actOnServiceRequest(ctx, input, async (tx, sr) => {
    // Only a new SR is started here: moving a WAIT SR back would break its procedure's own route
    // (a change of security details waiting for a reply must stay WAIT to be rejected for no reply).
    if (sr.status !== SrStatus.OPEN) {
      throw conflict(`Only an OPEN service request is started; this one is ${sr.status}: use its procedure's own step.`, {
        reason: ServiceRequestRefusal.ILLEGAL_TRANSITION, from: sr.status, to: SrStatus.IN_PROGRESS,
      });
    }
    moveStatus(ctx, sr, SrStatus.IN_PROGRESS);
    if (!sr.ownerId && ctx.principal?.kind === 'staff') sr.ownerId = ctx.principal.staff.id;
    await generatePlan(tx, sr);
  });
}

export async function completeActivity(
  ctx: RequestContext,
  tx: EntityManager,
  sr: ServiceRequest,
  name: string,
  outcome: ActivityOutcome | null,
  status: ActivityStatus = ActivityStatus.DONE,
  outcomeNote: string | null = null,
): Promise<void> {
  await tx.update(
    Activity,
    { serviceRequestId: sr.id, name },
    {
      status,
      outcome,
      outcomeNote,
      completedAt: ctx.now,
      completedById: ctx.principal?.kind === 'staff' ? ctx.principal.staff.id : null,
    },
  );
}

export async function recordActivityOutcome(ctx: RequestContext, input: RecordActivityOutcomeInput): Promise<Activity> {
  const problems = new InputProblems();
  problems.check(isUuid(input.activityId), 'activityId', 'is not a valid id');
  problems.check(input.status !== ActivityStatus.OPEN, 'status', 'must be DONE or NOT_REQUIRED');
  const outcomeNote = optionalText(input.outcomeNote) ?? null;
  problems.check(!outcomeNote || outcomeNote.length <= 500, 'outcomeNote', 'is longer than 500 characters');
  problems.check(input.outcome !== ActivityOutcome.OTHER || outcomeNote !== null, 'outcomeNote', 'is required with the outcome OTHER');
  problems.throwIfAny();
  // The activity under the caller's read rule (hidden answers as missing), then its SR for `work`.
  const activity = await requireAccess(ctx, ctx.dataSource.manager, ACTIVITY, input.activityId, 'read', { lock: false, field: 'activityId' });
  return (await actOnServiceRequest(ctx, { id: activity.serviceRequestId }, async (tx, sr) => {
    if (sr.status === SrStatus.CLOSED) throw conflict('The service request is closed.', { reason: ServiceRequestRefusal.SR_CLOSED });
    await tx.update(Activity, { id: activity.id }, {
      status: input.status,
      outcome: input.outcome ?? null,
      outcomeNote,
      completedAt: ctx.now,
      completedById: ctx.principal?.kind === 'staff' ? ctx.principal.staff.id : null,
    });
    return tx.findOneByOrFail(Activity, { id: activity.id });
  })) as Activity;
}

export async function addServiceRequestNote(ctx: RequestContext, input: SrActionInput, text: string) {
  const trimmed = optionalText(text);
  new InputProblems()
    .check(Boolean(trimmed), 'text', 'is required')
    .check(!trimmed || trimmed.length <= 4000, 'text', 'is longer than 4000 characters')
    .throwIfAny();
  return actOnServiceRequest(ctx, input, (tx, sr) => addNote(ctx, tx, sr, trimmed!));
}

export async function listServiceRequests(
  ctx: RequestContext,
  filter: ServiceRequestFilter | null | undefined,
  first: number,
  after: string | null | undefined,
): Promise<Page<ServiceRequest>> {
  const f = filter ?? {};
  const problems = new InputProblems();
  if (f.ownerId) problems.check(isUuid(f.ownerId), 'filter.ownerId', 'is not a valid id');
  if (f.subjectContactId) problems.check(isUuid(f.subjectContactId), 'filter.subjectContactId', 'is not a valid id');
  problems.throwIfAny();
  const base = () => {
    const qb = visibleQuery(ctx, ServiceRequest, 'ServiceRequest', 's');
    if (f.status?.length) qb.andWhere('s.status = ANY(:statuses)', { statuses: f.status });
    if (f.subStatus) qb.andWhere('s.sub_status = :subStatus', { subStatus: f.subStatus });
    if (f.segment) qb.andWhere('s.segment = :segment', { segment: f.segment });
    if (f.ownerId) qb.andWhere('s.owner_id = :ownerId', { ownerId: f.ownerId });
    if (f.mine) qb.andWhere('s.owner_id = :me', { me: ctx.principal?.kind === 'staff' ? ctx.principal.staff.id : null });
    if (f.overdue) qb.andWhere(`s.status <> 'CLOSED' AND s.next_action_due < :now`, { now: ctx.now });
    if (f.dueBefore) qb.andWhere(`s.status <> 'CLOSED' AND s.next_action_due < :dueBefore`, { dueBefore: f.dueBefore });
    if (f.subjectContactId) {
      // Matches only a subject the caller may see: no way to learn about hidden contacts' SRs.
      const subjectQuery = ctx.dataSource.createQueryBuilder(Contact, 'sc').select('1').where('sc.id = s.subject_contact_id');
      andVisible(ctx, subjectQuery, Contact, 'Contact', 'sc');
      qb.andWhere('s.subject_contact_id = :subjectId', { subjectId: f.subjectContactId })
        .andWhere(`EXISTS (${subjectQuery.getQuery()})`)
        .setParameters({ ...qb.getParameters(), ...subjectQuery.getParameters() });
    }
    return qb;
  };
  return keysetPage(ctx, base, {
    first, after, columns: ['s.created_at', 's.id'], direction: 'DESC', keyOf: (sr) => [sr.createdAt.toISOString(), sr.id],
  });
}

