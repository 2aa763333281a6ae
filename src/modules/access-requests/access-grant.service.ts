import type { EntityManager } from 'typeorm';
import { visibleQuery } from '../../authorization/visible-query';
import { keysetPage, type Page } from '../../common/connection';
import { conflict, forbidden, InputProblems } from '../../common/errors';
import { isUuid, optionalText, requireUuid } from '../../common/input';
import type { RequestContext } from '../../request/context';
import { AuditAction, AuditSubject, recordAudit } from '../../audit-trail/audit-trail';
import { NotificationKind } from '../notifications/notification.entity';
import { notify, requesterAndLeader, teamLeaderOf } from '../notifications/notification.service';
import { AccessExtension } from './access-extension.entity';
import { ExtensionStatus, GrantState } from './access-enums';
import { AccessGrant } from './access-grant.entity';
import type { AccessGrantFilter, GrantAccessExtensionInput, RejectAccessExtensionInput, RemoveAccessGrantInput, RequestAccessExtensionInput } from './access-inputs';
import { staffOf } from './access-request.service';
import type { Action } from '../../authorization/ability';
import { grantStateAt, liveGrantSql } from '../../authorization/grants';
import { type AccessTarget, requireAccess } from '../../authorization/require-access';
import { AccessChainRefusal } from './access-refusals';

const HOUR = 3600_000;

export { grantStateAt };

export const ACCESS_GRANT: AccessTarget<AccessGrant> = { entity: AccessGrant, subject: 'AccessGrant', noun: 'Access grant' };
const ACCESS_EXTENSION: AccessTarget<AccessExtension> = { entity: AccessExtension, subject: 'AccessExtension', noun: 'Extension request' };

/** Words the refusal when the ability said no to a grant that is no longer live (TAR-6). */
export const notActive = (grant: AccessGrant, now: Date) => {
  const state = grantStateAt(grant, now);
  return state === GrantState.ACTIVE ? null : conflict(`The grant is ${state}; it cannot be changed.`, { reason: AccessChainRefusal.GRANT_NOT_ACTIVE, state });
};

const requiredReason = (value: string, field = 'reason') => {
  const reason = optionalText(value);
  new InputProblems()
    .check(reason !== undefined, field, 'is required')
    .check(!reason || reason.length <= 1000, field, 'is longer than 1000 characters')
    .throwIfAny();
  return reason!;
};

/** TAR-6: before expiry, the grantee asks for more time; it goes to their TL first. */
export async function requestAccessExtension(ctx: RequestContext, input: RequestAccessExtensionInput): Promise<AccessExtension> {
  const staff = staffOf(ctx);
  const reason = requiredReason(input.reason);
  new InputProblems()
    .check(isUuid(input.grantId), 'grantId', 'is not a valid id')
    .check(Number.isInteger(input.requestedHours) && input.requestedHours >= 1 && input.requestedHours <= ctx.config.maxGrantHours,
      'requestedHours', `must be a whole number of hours from 1 to ${ctx.config.maxGrantHours}`)
    .throwIfAny();
  return ctx.dataSource.transaction(async (tx) => {
    const grant = await requireAccess(ctx, tx, ACCESS_GRANT, input.grantId, 'requestExtension', {
      field: 'grantId',
      explain: (row) => notActive(row, ctx.now),
    });
    const pending = await tx.count(AccessExtension, {
      where: [
        { grantId: grant.id, status: ExtensionStatus.REQUESTED },
        { grantId: grant.id, status: ExtensionStatus.TL_SUPPORTED },
      ],
    });
    if (pending > 0) throw conflict('An extension of this grant is already awaiting a decision.', { reason: AccessChainRefusal.EXTENSION_PENDING });
    const extension = await tx.save(tx.create(AccessExtension, {
      grantId: grant.id,
      requestedById: staff.id,
      requestedHours: input.requestedHours,
      reason,
      status: ExtensionStatus.REQUESTED,
      createdAt: ctx.now,
    }));
    await recordAudit(ctx, tx, {
      action: AuditAction.GRANT_EXTENSION_REQUESTED,
      subjectType: AuditSubject.ACCESS_GRANT,
      subjectId: grant.id,
      details: { extensionId: extension.id, requestedHours: input.requestedHours },
    });
    return extension;
  });
}

/**
 * One decision on an extension (TAR-6): the grant row is locked first (a removal or another
 * extension waits), then the ability's rule for `action` is asked on the extension and its now
 * current grant: stage, own grant, two stages, own team, and the grant still live (never removed).
 */
async function decideExtension(
  ctx: RequestContext,
  extensionId: string,
  action: Extract<Action, 'check' | 'grant' | 'reject'>,
  apply: (tx: EntityManager, extension: AccessExtension, grant: AccessGrant, leaderId: string | null) => Promise<void>,
): Promise<AccessExtension> {
  requireUuid(extensionId, 'extensionId');
  const actor = staffOf(ctx);
  return ctx.dataSource.transaction(async (tx) => {
    const seen = await requireAccess(ctx, tx, ACCESS_EXTENSION, extensionId, 'read', { lock: false, field: 'extensionId' });
    const grant = await tx.createQueryBuilder(AccessGrant, 'g').where('g.id = :id', { id: seen.grantId }).setLock('pessimistic_write').getOneOrFail();
    const extension = await requireAccess(ctx, tx, ACCESS_EXTENSION, extensionId, action, {
      field: 'extensionId',
      explain: (row) => extensionRefusal(row, grant, actor.id, ctx.now),
    });
    const leaderId = await teamLeaderOf(tx, grant.teamId);
    await apply(tx, extension, grant, leaderId);
    return tx.save(extension);
  });
}

/** Words why the ability refused a decision on an extension; it never allows anything. */
function extensionRefusal(extension: AccessExtension, grant: AccessGrant, actorId: string, now: Date) {
  if (actorId === grant.staffId) return forbidden('No one may decide an extension of their own access.', { reason: AccessChainRefusal.OWN_REQUEST });
  if (actorId === extension.tlSupportedById) return forbidden('The same person may not act at two stages of one request.', { reason: AccessChainRefusal.TWO_STAGES });
  const inactive = notActive(grant, now);
  if (inactive) return inactive;
  if (extension.status !== ExtensionStatus.REQUESTED && extension.status !== ExtensionStatus.TL_SUPPORTED) {
    return conflict(`This extension is ${extension.status} and final.`, { reason: AccessChainRefusal.FINAL, status: extension.status });
  }
  return conflict(`This extension is ${extension.status}; the decision at this stage is not yours.`, {
    reason: AccessChainRefusal.WRONG_STAGE, status: extension.status,
  });
}

/** TAR-6: the grantee's team leader supports the extension and passes it to FLLS. */
export function supportAccessExtension(ctx: RequestContext, extensionId: string) {
  const actor = staffOf(ctx);
  return decideExtension(ctx, extensionId, 'check', async (tx, extension, grant) => {
    Object.assign(extension, { status: ExtensionStatus.TL_SUPPORTED, tlSupportedById: actor.id });
    await recordAudit(ctx, tx, {
      action: AuditAction.GRANT_EXTENSION_SUPPORTED, subjectType: AuditSubject.ACCESS_GRANT, subjectId: grant.id, details: { extensionId: extension.id },
    });
  });
}

/** TAR-6: FLLS sets the new expiry of a supported extension. */
export function grantAccessExtension(ctx: RequestContext, input: GrantAccessExtensionInput) {
  const actor = staffOf(ctx);
  return decideExtension(ctx, input.extensionId, 'grant', async (tx, extension, grant, leaderId) => {
    // TAR-6: FLLS grants at most what was asked (the requested hours on top of the current expiry),
    // and never past the configured maximum from now.
    const latest = new Date(ctx.now.getTime() + ctx.config.maxGrantHours * HOUR);
    const asked = new Date(grant.expiresAt.getTime() + extension.requestedHours * HOUR);
    new InputProblems()
      .check(input.newExpiresAt > grant.expiresAt, 'newExpiresAt', 'must be later than the current expiry')
      .check(input.newExpiresAt <= asked, 'newExpiresAt',
        `must be at most the ${extension.requestedHours} hours asked for after the current expiry (${asked.toISOString()})`)
      .check(input.newExpiresAt <= latest, 'newExpiresAt', `must be within ${ctx.config.maxGrantHours} hours from now`)
      .throwIfAny();
    const previous = grant.expiresAt;
    grant.expiresAt = input.newExpiresAt;
    await tx.save(grant);
    Object.assign(extension, { status: ExtensionStatus.GRANTED, decidedById: actor.id, decidedAt: ctx.now, newExpiresAt: input.newExpiresAt, previousExpiresAt: previous });
    await recordAudit(ctx, tx, {
      action: AuditAction.GRANT_EXTENDED,
      subjectType: AuditSubject.ACCESS_GRANT,
      subjectId: grant.id,
      details: { extensionId: extension.id, previousExpiresAt: previous.toISOString(), newExpiresAt: input.newExpiresAt.toISOString() },
    });
    await notify(tx, ctx.now, requesterAndLeader(grant.staffId, leaderId).map((recipientId) => ({
      recipientId,
      kind: NotificationKind.ACCESS_EXTENDED,
      message: `Temporary SCR access extended until ${input.newExpiresAt.toISOString()}.`,
      grantId: grant.id,
      dedupeKey: `extension:${extension.id}:granted:${recipientId}`,
    })));
  });
}

/** TAR-6: the TL (when requested) or FLLS (when supported) rejects an extension, with a reason. */
export function rejectAccessExtension(ctx: RequestContext, input: RejectAccessExtensionInput) {
  const actor = staffOf(ctx);
  const reason = requiredReason(input.reason);
  return decideExtension(ctx, input.extensionId, 'reject', async (tx, extension, grant) => {
    Object.assign(extension, { status: ExtensionStatus.REJECTED, decidedById: actor.id, decidedAt: ctx.now, rejectionReason: reason });
    await recordAudit(ctx, tx, {
      action: AuditAction.GRANT_EXTENSION_REJECTED, subjectType: AuditSubject.ACCESS_GRANT, subjectId: grant.id, details: { extensionId: extension.id },
    });
    await notify(tx, ctx.now, [{
      recipientId: grant.staffId,
      kind: NotificationKind.ACCESS_REQUEST_REJECTED,
      message: `Extension of temporary SCR access rejected by the ${actor.role}: ${reason}`,
      grantId: grant.id,
      dedupeKey: `extension:${extension.id}:rejected`,
    }]);
  });
}

/** TAR-6: FLLS removes a grant early, at the TL's request or when the work is done. */
export async function removeAccessGrant(ctx: RequestContext, input: RemoveAccessGrantInput): Promise<AccessGrant> {
  const actor = staffOf(ctx);
  return ctx.dataSource.transaction(async (tx) => {
    // The rule reads removed_at and expires_at on the locked row: of two overlapping removals the
    // second waits for the first, then finds the grant removed and is refused (TAR-6).
    const grant = await requireAccess(ctx, tx, ACCESS_GRANT, input.grantId, 'remove', {
      field: 'grantId',
      explain: (row) => (actor.id === row.staffId ? forbidden('No one may act on their own access.', { reason: AccessChainRefusal.OWN_REQUEST }) : notActive(row, ctx.now)),
    });
    Object.assign(grant, { removedAt: ctx.now, removedById: actor.id, removalReason: input.reason });
    await tx.save(grant);
    await recordAudit(ctx, tx, {
      action: AuditAction.GRANT_REMOVED, subjectType: AuditSubject.ACCESS_GRANT, subjectId: grant.id, details: { reason: input.reason },
    });
    const leaderId = await teamLeaderOf(tx, grant.teamId);
    await notify(tx, ctx.now, requesterAndLeader(grant.staffId, leaderId).map((recipientId) => ({
      recipientId,
      kind: NotificationKind.ACCESS_REMOVED,
      message: `Temporary SCR access removed early (${input.reason}).`,
      grantId: grant.id,
      dedupeKey: `grant:${grant.id}:removed:${recipientId}`,
    })));
    return grant;
  });
}

/** accessGrant(id): a grant the caller may not read answers null, exactly as a missing one. */
export async function findVisibleAccessGrant(ctx: RequestContext, id: string): Promise<AccessGrant | null> {
  if (!isUuid(id)) return null;
  return visibleQuery(ctx, AccessGrant, 'AccessGrant', 'g').andWhere('g.id = :id', { id }).getOne();
}

export async function listAccessGrants(
  ctx: RequestContext,
  filter: AccessGrantFilter | null | undefined,
  first: number,
  after: string | null | undefined,
): Promise<Page<AccessGrant>> {
  const f = filter ?? {};
  if (f.contactId) new InputProblems().check(isUuid(f.contactId), 'filter.contactId', 'is not a valid id').throwIfAny();
  const base = () => {
    const qb = visibleQuery(ctx, AccessGrant, 'AccessGrant', 'g');
    if (f.contactId) qb.andWhere('g.contact_id = :contactId', { contactId: f.contactId });
    if (f.state === GrantState.ACTIVE) qb.andWhere(liveGrantSql('g'), { now: ctx.now });
    if (f.state === GrantState.EXPIRED) qb.andWhere('g.removed_at IS NULL AND NOT ' + liveGrantSql('g'), { now: ctx.now });
    if (f.state === GrantState.REMOVED) qb.andWhere('g.removed_at IS NOT NULL');
    return qb;
  };
  return keysetPage(ctx, base, {
    first, after, columns: ['g.granted_at', 'g.id'], direction: 'DESC', keyOf: (row) => [row.grantedAt.toISOString(), row.id],
  });
}
