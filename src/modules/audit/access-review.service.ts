import { subject } from '@casl/ability';
import type { EntityTarget, ObjectLiteral } from 'typeorm';
import { buildAbility, type SubjectType } from '../../authorization/ability';
import { loadPrincipal } from '../../authorization/load-principal';
import { principalInRole } from '../../authorization/principal';
import { decidingRule } from '../../authorization/require-access';
import { InputProblems, notFound } from '../../common/errors';
import { isUuid, optionalText } from '../../common/input';
import type { RequestContext } from '../../request/context';
import { AccessGrant } from '../access-requests/access-grant.entity';
import { AccessPurpose } from '../../authorization/grant-purpose';
import { AccessRequest } from '../access-requests/access-request.entity';
import { Case } from '../cases/case.entity';
import { AccessExtension } from '../access-requests/access-extension.entity';
import { Letter } from '../letters/letter.entity';
import { Contact } from '../contacts/contact.entity';
import { ServiceRequest } from '../service-requests/service-request.entity';
import { StaffRole } from '../../authorization/roles';
import { Staff } from '../staff/staff.entity';
import { explainAccessAt, PAST_LIMITATIONS, pastInstant, peopleAt } from './access-history.service';
import { AccessExplanation, AccessVia, ContactAccessReport, PersonAccess, type PolicyAction, PolicySubject, RoleAccess } from './audit-types';

const asSubject = (type: SubjectType, row: object) => subject(type, row as Record<string, unknown>);

/**
 * AUD-2: who can see a contact now and why (role or grant with its expiry), from the same rules the
 * API enforces. AUD-5: with `at`, who could see it then, from staff and grant history.
 */
export async function whoCanSeeContact(ctx: RequestContext, contactId: string, at?: Date | null): Promise<ContactAccessReport> {
  const past = pastInstant(ctx, at);
  const contact = isUuid(contactId) ? await ctx.dataSource.getRepository(Contact).findOne({
    select: { id: true, sensitive: true },
    where: { id: contactId },
  }) : null;
  if (!contact) throw notFound('Contact');
  const row = asSubject('Contact', contact);
  const roles: RoleAccess[] = [];
  for (const role of Object.values(StaffRole)) {
    const rule = buildAbility(principalInRole(role), ctx.now).relevantRuleFor('read', row);
    if (rule && !rule.inverted) roles.push(Object.assign(new RoleAccess(), { role, reason: rule.reason ?? 'role rule' }));
  }
  if (past) {
    const people = await peopleAt(ctx, contactId, contact.sensitive, roles, past);
    return Object.assign(new ContactAccessReport(), { contactId, sensitive: contact.sensitive, roles, people, asOf: past, limitations: PAST_LIMITATIONS });
  }
  const people: PersonAccess[] = [];
  if (contact.sensitive) {
    const byRole = await ctx.dataSource.getRepository(Staff).find({
      where: roles.map((entry) => ({ role: entry.role, active: true })),
      order: { lastName: 'ASC' },
    });
    for (const staff of byRole) {
      const reason = roles.find((entry) => entry.role === staff.role)!.reason;
      people.push(Object.assign(new PersonAccess(), { staff, role: staff.role, via: AccessVia.ROLE, reason, grantId: null, expiresAt: null }));
    }
  }
  const grants = await ctx.dataSource
    .createQueryBuilder(AccessGrant, 'g')
    .innerJoinAndSelect('g.staff', 's')
    .where('g.contact_id = :contactId AND g.purpose = :purpose', { contactId, purpose: AccessPurpose.VIEW_CONTACT })
    .andWhere('g.granted_at <= :now AND g.expires_at > :now AND g.removed_at IS NULL', { now: ctx.now })
    .andWhere('s.active = true')
    .orderBy('g.expires_at', 'ASC')
    .getMany();
  for (const grant of grants) {
    people.push(Object.assign(new PersonAccess(), {
      staff: grant.staff!, role: grant.staff!.role, via: AccessVia.GRANT, reason: 'temporary access grant', grantId: grant.id, expiresAt: grant.expiresAt,
    }));
  }
  return Object.assign(new ContactAccessReport(), { contactId, sensitive: contact.sensitive, roles, people, asOf: ctx.now, limitations: [] });
}

const ENTITY_OF: Record<PolicySubject, EntityTarget<ObjectLiteral>> = {
  [PolicySubject.CONTACT]: Contact,
  [PolicySubject.CASE]: Case,
  [PolicySubject.SERVICE_REQUEST]: ServiceRequest,
  [PolicySubject.ACCESS_REQUEST]: AccessRequest,
  [PolicySubject.ACCESS_GRANT]: AccessGrant,
  [PolicySubject.ACCESS_EXTENSION]: AccessExtension,
  [PolicySubject.LETTER]: Letter,
};
const SUBJECT_OF = (subject: PolicySubject): SubjectType => subject;

/**
 * AUD-2: may this member of staff do `action` on this row now? Built exactly as a request of
 * theirs would be (their role and live grants at this instant), so policies can be tested from
 * outside. Answers no personal data: only the decision and the deciding rule.
 * AUD-5: with `at`, as a request of theirs would have been built then (explainAccessAt).
 */
export async function explainAccess(
  ctx: RequestContext,
  staffNumber: string,
  action: PolicyAction,
  subjectType: PolicySubject,
  subjectId: string,
  at?: Date | null,
): Promise<AccessExplanation> {
  const past = pastInstant(ctx, at);
  const number = optionalText(staffNumber);
  new InputProblems()
    .check(Boolean(number), 'staffNumber', 'is required')
    .check(isUuid(subjectId), 'subjectId', 'is not a valid id')
    .throwIfAny();
  const staff = await ctx.dataSource.getRepository(Staff).findOne({ where: { staffNumber: number } });
  if (!staff) throw notFound('Member of staff');
  if (!(await ctx.dataSource.getRepository(ENTITY_OF[subjectType]).exists({ where: { id: subjectId } }))) throw notFound(subjectType);
  const target = { entity: ENTITY_OF[subjectType], subject: SUBJECT_OF(subjectType) };
  if (past) return explainAccessAt(ctx, staff, target, subjectId, action, past);
  const explanation = Object.assign(new AccessExplanation(), { role: staff.role, liveGrants: 0, asOf: ctx.now, limitations: [] });
  if (!staff.active) return Object.assign(explanation, { allowed: false, reason: 'inactive member of staff: every request is refused' });
  // Exactly the principal and ability a request of theirs would get at this instant.
  const principal = await loadPrincipal(ctx.dataSource.manager, { principalType: 'staff', subject: staff.staffNumber }, ctx.now);
  explanation.liveGrants = principal.kind === 'staff' ? principal.grants.length : 0;
  const ability = buildAbility(principal, ctx.now);
  const decision = await decidingRule(ability, ctx.dataSource.manager, target, subjectId, action);
  if (!decision.allowed) return Object.assign(explanation, { allowed: false, reason: 'no rule allows it (deny by default)' });
  return Object.assign(explanation, { allowed: true, reason: decision.reason ?? 'role rule' });
}
