import { buildAbility, RuleReason } from '../../authorization/ability';
import { AccessPurpose } from '../../authorization/grant-purpose';
import { grantExpiryAtSql, grantLiveAtSql } from '../../authorization/grants';
import { loadPrincipalAt, staffVersionsAtSql } from '../../authorization/load-principal';
import { decidingRule, type AccessTarget } from '../../authorization/require-access';
import type { StaffRole } from '../../authorization/roles';
import { visibleQuery } from '../../authorization/visible-query';
import { AuditEvent } from '../../audit-trail/audit-event.entity';
import { AuditAction } from '../../audit-trail/audit-trail';
import { keysetPage, type Page } from '../../common/connection';
import { InputProblems } from '../../common/errors';
import { isUuid } from '../../common/input';
import type { RequestContext } from '../../request/context';
import type { Staff } from '../staff/staff.entity';
import { staffById } from '../staff/staff.loaders';
import type { Action } from '../../authorization/ability';
import { AccessExplanation, AccessVia, ContactRead, HistoryLimitation, PersonAccess, type RoleAccess } from './audit-types';

/** What an answer for a past instant takes as it is now (AUD-5): the rows and the role table have no history. */
export const PAST_LIMITATIONS = [HistoryLimitation.SUBJECT_AS_OF_NOW, HistoryLimitation.ROLE_RULES_AS_OF_NOW];

/** The past instant asked for, or null for now. History answers for the past only: a future instant is bad input. */
export function pastInstant(ctx: RequestContext, at: Date | null | undefined): Date | null {
  if (at === null || at === undefined) return null;
  new InputProblems()
    .check(!Number.isNaN(at.getTime()), 'at', 'is not a valid instant')
    .check(!(at > ctx.now), 'at', 'is in the future: history answers for past instants only')
    .throwIfAny();
  return at;
}

/** Staff records (names, number) through the caller's Staff read rule; one query for the lot. */
async function staffRecords(ctx: RequestContext, ids: string[]): Promise<Map<string, Staff>> {
  const loaded = await Promise.all(ids.map((id) => staffById(ctx).load(id)));
  return new Map(loaded.filter((staff): staff is Staff => staff !== null).map((staff) => [staff.id, staff]));
}

const PEOPLE_BY_ROLE_AT = `
SELECT v.staff_id AS "staffId", v.role FROM ${staffVersionsAtSql('$1')} v
 WHERE v.active AND v.role::text = ANY($2::text[])`;

const GRANT_HOLDERS_AT = `
SELECT g.id, g.staff_id AS "staffId", v.role, ${grantExpiryAtSql('g', '$2')} AS "expiresAt"
  FROM access_grant g JOIN ${staffVersionsAtSql('$2')} v ON v.staff_id = g.staff_id AND v.active
 WHERE g.contact_id = $1 AND g.purpose = $3 AND ${grantLiveAtSql('g', '$2')}
 ORDER BY "expiresAt", g.id`;

/**
 * AUD-5: who could see the contact at `at`: for a sensitive contact, every member of staff whose
 * version then was active in a role whose rules see it; and every holder (active then) of a
 * VIEW_CONTACT grant live then, with the expiry that stood then. Inactive staff could not sign in.
 */
export async function peopleAt(ctx: RequestContext, contactId: string, sensitive: boolean, roles: RoleAccess[], at: Date): Promise<PersonAccess[]> {
  const manager = ctx.dataSource.manager;
  const byRole: { staffId: string; role: StaffRole }[] = sensitive
    ? await manager.query(PEOPLE_BY_ROLE_AT, [at, roles.map((entry) => entry.role)])
    : [];
  const grants: { id: string; staffId: string; role: StaffRole; expiresAt: Date }[] =
    await manager.query(GRANT_HOLDERS_AT, [contactId, at, AccessPurpose.VIEW_CONTACT]);
  const staff = await staffRecords(ctx, [...new Set([...byRole, ...grants].map((row) => row.staffId))]);
  const person = (staffId: string, fields: Omit<PersonAccess, 'staff'>) =>
    staff.has(staffId) ? [Object.assign(new PersonAccess(), { staff: staff.get(staffId)!, ...fields })] : [];
  const people = byRole.flatMap(({ staffId, role }) => person(staffId, {
    role, via: AccessVia.ROLE, reason: roles.find((entry) => entry.role === role)!.reason, grantId: null, expiresAt: null,
  }));
  people.sort((a, b) => a.staff.lastName.localeCompare(b.staff.lastName) || a.staff.staffNumber.localeCompare(b.staff.staffNumber));
  return people.concat(grants.flatMap((grant) => person(grant.staffId, {
    role: grant.role, via: AccessVia.GRANT, reason: RuleReason.grant, grantId: grant.id, expiresAt: new Date(grant.expiresAt),
  })));
}

/**
 * AUD-5: whether the member of staff might have done `action` on the row at `at`: their principal
 * rebuilt from staff, team-leader and grant history, the ability built as a request of theirs
 * would have been then, each rule asked in SQL on the row as it is now (see PAST_LIMITATIONS).
 */
export async function explainAccessAt(
  ctx: RequestContext,
  staff: Staff,
  target: Pick<AccessTarget<object>, 'entity' | 'subject'>,
  subjectId: string,
  action: Action,
  at: Date,
): Promise<AccessExplanation> {
  const explanation = Object.assign(new AccessExplanation(), { role: staff.role, liveGrants: 0, asOf: at, limitations: PAST_LIMITATIONS });
  const principal = await loadPrincipalAt(ctx.dataSource.manager, staff.id, at);
  if (!principal) return Object.assign(explanation, { allowed: false, reason: 'not yet a member of staff at that instant' });
  Object.assign(explanation, { role: principal.staff.role, liveGrants: principal.grants.length });
  if (!principal.staff.active) return Object.assign(explanation, { allowed: false, reason: 'inactive member of staff: every request is refused' });
  const decision = await decidingRule(buildAbility(principal, at), ctx.dataSource.manager, target, subjectId, action);
  if (!decision.allowed) return Object.assign(explanation, { allowed: false, reason: 'no rule allows it (deny by default)' });
  return Object.assign(explanation, { allowed: true, reason: decision.reason ?? 'role rule' });
}

/**
 * The reads the audit trail records, and the rule each stands for. Only reads a grant allowed are
 * recorded (TAR-8): the SCR team's reads by role are not, so they cannot be listed.
 */
const READS: Partial<Record<AuditAction, { via: AccessVia; reason: string }>> = {
  [AuditAction.CONTACT_READ_UNDER_GRANT]: { via: AccessVia.GRANT, reason: RuleReason.grant },
};

// For each read, in one statement: the reader's role then, and their grants on the contact live then.
const READ_CONTEXT = `
SELECT r.event_id AS "eventId", v.role,
       COALESCE((SELECT json_agg(g.id ORDER BY g.granted_at, g.id) FROM access_grant g
                  WHERE g.staff_id = r.actor_id AND g.contact_id = $1 AND g.purpose = $5 AND ${grantLiveAtSql('g', 'r.at')}), '[]') AS "grantIds"
  FROM unnest($2::text[], $3::uuid[], $4::timestamptz[]) AS r(event_id, actor_id, at)
  LEFT JOIN LATERAL (SELECT h.role FROM staff_history h WHERE h.staff_id = r.actor_id AND h.valid_from <= r.at
                      ORDER BY h.valid_from DESC, h.id DESC LIMIT 1) v ON true`;

/** AUD-2, AUD-5: who read the contact in [from, to), oldest first, with the rule and the grants that allowed each read. */
export async function contactReads(
  ctx: RequestContext,
  contactId: string,
  from: Date,
  to: Date,
  first: number,
  after: string | null | undefined,
): Promise<Page<ContactRead>> {
  new InputProblems()
    .check(isUuid(contactId), 'contactId', 'is not a valid id')
    .check(from < to, 'to', 'must be later than from')
    .throwIfAny();
  const base = () => visibleQuery(ctx, AuditEvent, 'AuditEvent', 'a')
    .andWhere(`a.subject_type = 'Contact' AND a.subject_id = :contactId AND a.action = ANY(:actions)`, { contactId, actions: Object.keys(READS) })
    .andWhere('a.occurred_at >= :from AND a.occurred_at < :to', { from, to });
  const page = await keysetPage(ctx, base, {
    first, after, columns: ['a.occurred_at', 'a.id'], direction: 'ASC', keyOf: (event) => [event.occurredAt.toISOString(), String(event.id)],
  });
  const events = page.nodes;
  const context: { eventId: string; role: StaffRole | null; grantIds: string[] }[] = events.length === 0 ? [] : await ctx.dataSource.query(READ_CONTEXT, [
    contactId, events.map((event) => String(event.id)), events.map((event) => event.actorId), events.map((event) => event.occurredAt), AccessPurpose.VIEW_CONTACT,
  ]);
  const byEvent = new Map(context.map((row) => [row.eventId, row]));
  const staff = await staffRecords(ctx, [...new Set(events.flatMap((event) => (event.actorType === 'STAFF' && event.actorId ? [event.actorId] : [])))]);
  const cursors = new Map<ContactRead, string>();
  const reads = events.map((event) => {
    const then = byEvent.get(String(event.id));
    const read = Object.assign(new ContactRead(), {
      eventId: String(event.id),
      occurredAt: event.occurredAt,
      action: event.action,
      readerId: event.actorId,
      reader: (event.actorId && staff.get(event.actorId)) ?? null,
      readerRole: then?.role ?? null,
      ...READS[event.action as AuditAction]!,
      grantIds: then?.grantIds ?? [],
    });
    cursors.set(read, page.cursorOf(event));
    return read;
  });
  return { ...page, nodes: reads, cursorOf: (read) => cursors.get(read)! };
}
