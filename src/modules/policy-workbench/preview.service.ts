import type { EntityTarget, ObjectLiteral } from 'typeorm';
import type { SubjectType } from '../../authorization/ability';
import { grantStateAt, type LiveGrant } from '../../authorization/grants';
import { loadPrincipal } from '../../authorization/load-principal';
import { requireAccess } from '../../authorization/require-access';
import { visibleQuery } from '../../authorization/visible-query';
import { AppError, ErrorCode, InputProblems } from '../../common/errors';
import { requireUuid } from '../../common/input';
import type { RequestContext } from '../../request/context';
import { refusalFor } from '../access-requests/access-chain';
import { AccessRequestStatus } from '../access-requests/access-enums';
import { AccessGrant } from '../access-requests/access-grant.entity';
import { AccessRequest } from '../access-requests/access-request.entity';
import { ACCESS_REQUEST, staffOf } from '../access-requests/access-request.service';
import { Contact } from '../contacts/contact.entity';
import { ENTITY_OF } from './hypothetical-world';
import { GAIN_LIMIT, gainsOfGrant, type Gain } from './grant-gains';
import { AccessRequestPreview, OverlapKind, PreviewGain, PreviewHidden, PreviewOverlap } from './preview-types';

const HOUR = 3600_000;
const MAX_HOURS = 24 * 31;
const PENDING = [AccessRequestStatus.SUBMITTED, AccessRequestStatus.TL_CHECKED, AccessRequestStatus.SCR_APPROVED];
const NOUN: Partial<Record<SubjectType, [string, string]>> = {
  Contact: ['contact', 'contacts'], ServiceRequest: ['service request', 'service requests'], Letter: ['letter', 'letters'],
  PreferenceChange: ['preference change', 'preference changes'], Activity: ['SR activity', 'SR activities'], SrNote: ['SR note', 'SR notes'],
};

/**
 * POL-2: what a pending form would grant if approved now, for the one who decides its current stage
 * (the `preview` rule is theirs exactly when the stage's decision is). Computed with the real rules
 * on the requester as their next request would see them, plus the grant, in memory: nothing is
 * written. What the caller may not see is counted and described, never named (SCR-6, TAR-9).
 */
export async function previewAccessRequest(ctx: RequestContext, id: string, grantedHours?: number | null): Promise<AccessRequestPreview> {
  requireUuid(id, 'id');
  new InputProblems().check(
    grantedHours === undefined || grantedHours === null || (Number.isInteger(grantedHours) && grantedHours >= 1 && grantedHours <= MAX_HOURS),
    'grantedHours', `must be a whole number of hours from 1 to ${MAX_HOURS}`,
  ).throwIfAny();
  const actor = staffOf(ctx);
  const ledTeamIds = ctx.principal?.kind === 'staff' ? ctx.principal.ledTeamIds : [];
  const manager = ctx.dataSource.manager;
  const request = await requireAccess(ctx, manager, ACCESS_REQUEST, id, 'preview', {
    lock: false,
    explain: (row) => refusalFor(row, actor, ledTeamIds, ctx.ability),
  });
  const hours = grantedHours ?? request.requestedHours;
  const from = ctx.now;
  const until = new Date(from.getTime() + hours * HOUR);
  const notes: string[] = [];
  if (request.status !== AccessRequestStatus.SCR_APPROVED) notes.push('The grant starts when FLLS grants it; shown as if granted now, for the hours requested unless grantedHours is given.');

  const [requesterRow] = await manager.query('SELECT staff_number AS "staffNumber" FROM staff WHERE id = $1', [request.requesterId]);
  const requester = await loadPrincipal(manager, { principalType: 'staff', subject: requesterRow.staffNumber }, from).catch((error: unknown) => {
    if (error instanceof AppError && error.code === ErrorCode.UNAUTHENTICATED) return null;
    throw error;
  });
  let gains: Gain[] = [];
  if (requester?.kind !== 'staff') {
    notes.push('The requester is not an active member of staff: the grant would give them nothing while that lasts.');
  } else {
    const grant: LiveGrant = {
      id: '00000000-0000-4000-8000-00000000f00d', purpose: request.purpose, contactId: request.contactId,
      serviceRequestId: request.serviceRequestId, expiresAt: until,
    };
    const result = await gainsOfGrant(manager, requester, grant, from);
    gains = result.gains;
    if (result.truncated) notes.push(`More than ${GAIN_LIMIT} rows of one kind would open; the first ${GAIN_LIMIT} are shown.`);
    if (gains.length === 0) notes.push('The requester could already see and do everything this grant covers.');
  }
  const { visible, hidden } = await splitByVisibility(ctx, gains);
  const overlaps = await overlapsOf(ctx, request, from, until);
  return Object.assign(new AccessRequestPreview(), {
    requestId: request.id, status: request.status, purpose: request.purpose, from, until, hours,
    gains: visible.map((g) => Object.assign(new PreviewGain(), { subjectType: g.subject, subjectId: g.id, actions: g.actions, personalFields: g.personalFields })),
    hidden, overlaps: overlaps.visible, hiddenOverlaps: overlaps.hidden, notes, asOf: ctx.now,
  });
}

/** Splits gained rows by whether the caller may read them; the rest become counts and words. */
async function splitByVisibility(ctx: RequestContext, gains: Gain[]): Promise<{ visible: Gain[]; hidden: PreviewHidden[] }> {
  const visible: Gain[] = [];
  const hidden: PreviewHidden[] = [];
  for (const subject of [...new Set(gains.map((g) => g.subject))]) {
    const ofSubject = gains.filter((g) => g.subject === subject);
    const entity = ENTITY_OF[subject] as EntityTarget<ObjectLiteral>;
    const seen = new Set((await visibleQuery(ctx, entity, subject, 'row').select('row.id', 'id')
      .andWhere('row.id IN (:...ids)', { ids: ofSubject.map((g) => g.id) }).getRawMany()).map((row: { id: unknown }) => String(row.id)));
    visible.push(...ofSubject.filter((g) => seen.has(g.id)));
    const unseen = ofSubject.filter((g) => !seen.has(g.id));
    if (unseen.length === 0) continue;
    const [one, many] = NOUN[subject] ?? [subject, subject];
    const noun = unseen.length === 1 ? one : many;
    const description = subject === 'Contact'
      ? `${unseen.length} ${await sensitiveCount(ctx, unseen) === unseen.length ? 'sensitive ' : ''}${noun} you cannot see`
      : `${unseen.length} ${noun} you cannot see (of a contact you may not see, or outside your segment)`;
    hidden.push(Object.assign(new PreviewHidden(), { subjectType: subject, count: unseen.length, description }));
  }
  return { visible, hidden };
}

const sensitiveCount = async (ctx: RequestContext, gains: Gain[]) =>
  ctx.dataSource.getRepository(Contact).createQueryBuilder('c')
    .where('c.id IN (:...ids)', { ids: gains.map((g) => g.id) }).andWhere('c.sensitive = true').getCount();

/** The requester's grants overlapping [from, until) on the same contact or SR, and their other pending forms for them. */
async function overlapsOf(ctx: RequestContext, request: AccessRequest, from: Date, until: Date): Promise<{ visible: PreviewOverlap[]; hidden: number }> {
  const sameTarget = '(x.contact_id = :contactId OR x.service_request_id = :srId)';
  const params = { requester: request.requesterId, contactId: request.contactId, srId: request.serviceRequestId, from, until, id: request.id, pending: PENDING };
  const grants = (manager = ctx.dataSource.manager, visibleOnly = false) => {
    const qb = visibleOnly ? visibleQuery(ctx, AccessGrant, 'AccessGrant', 'x') : manager.createQueryBuilder(AccessGrant, 'x');
    return qb.andWhere('x.staff_id = :requester AND x.removed_at IS NULL AND x.expires_at > :from AND x.granted_at < :until', params)
      .andWhere(sameTarget, params);
  };
  const requests = (visibleOnly = false) => {
    const qb = visibleOnly ? visibleQuery(ctx, AccessRequest, 'AccessRequest', 'x') : ctx.dataSource.manager.createQueryBuilder(AccessRequest, 'x');
    return qb.andWhere('x.requester_id = :requester AND x.id <> :id AND x.status IN (:...pending)', params).andWhere(sameTarget, params);
  };
  const seenGrants = await grants(undefined, true).orderBy('x.granted_at').getMany();
  const seenRequests = await requests(true).orderBy('x.created_at').getMany();
  const total = (await grants().getCount()) + (await requests().getCount());
  const visible = [
    ...seenGrants.map((g) => Object.assign(new PreviewOverlap(), {
      kind: OverlapKind.GRANT, id: g.id, purpose: g.purpose, state: g.grantedAt > from ? 'NOT_STARTED' : grantStateAt(g, from), from: g.grantedAt, until: g.expiresAt,
    })),
    ...seenRequests.map((r) => Object.assign(new PreviewOverlap(), { kind: OverlapKind.REQUEST, id: r.id, purpose: r.purpose, state: r.status, from: null, until: null })),
  ];
  return { visible, hidden: total - visible.length };
}
