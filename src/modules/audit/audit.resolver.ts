import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { Policies, Requires } from '../../authorization/policy';
import { visibleQuery } from '../../authorization/visible-query';
import { ConnectionType, keysetPage, PageArgs, pageSize } from '../../common/connection';
import { requireUuid } from '../../common/input';
import type { RequestContext } from '../../request/context';
import { AuditEvent } from '../../audit-trail/audit-event.entity';
import { Staff } from '../staff/staff.entity';
import { staffById } from '../staff/staff.loaders';
import { contactReads } from './access-history.service';
import { explainAccess, whoCanSeeContact } from './access-review.service';
import { AccessExplanation, AuditEventFilter, ContactAccessReport, ContactRead, PolicyAction, PolicySubject } from './audit-types';

export const AuditEventConnection = ConnectionType(AuditEvent, 'AuditEvent');
export const ContactReadConnection = ConnectionType(ContactRead, 'ContactRead');

const AT = {
  nullable: true,
  description: 'AUD-5: a past instant to answer for, rebuilt from staff and grant history (default now; a future instant is bad input).',
};

@Resolver(() => AuditEvent)
export class AuditResolver {
  @Requires(Policies.can('read', 'AuditEvent'))
  @Query(() => AuditEventConnection, {
    description: 'The audit trail, newest first. Who read a contact in a period: filter { subjectType: CONTACT, subjectId, actions: [CONTACT_READ_UNDER_GRANT], from, to }.',
  })
  async auditEvents(
    @Ctx() ctx: RequestContext,
    @Args(() => PageArgs) page: PageArgs,
    @Arg('filter', () => AuditEventFilter, { nullable: true, description: 'Narrows the list; omit it for every row the caller may see.' }) filter?: AuditEventFilter | null,
  ) {
    const first = pageSize(page);
    const f = filter ?? {};
    const base = () => {
      const qb = visibleQuery(ctx, AuditEvent, 'AuditEvent', 'a');
      if (f.actions?.length) qb.andWhere('a.action = ANY(:actions)', { actions: f.actions });
      if (f.actorId) qb.andWhere('a.actor_id = :actorId', { actorId: requireUuid(f.actorId, 'filter.actorId') });
      if (f.subjectType) qb.andWhere('a.subject_type = :subjectType', { subjectType: f.subjectType });
      if (f.subjectId) qb.andWhere('a.subject_id = :subjectId', { subjectId: f.subjectId });
      if (f.from) qb.andWhere('a.occurred_at >= :from', { from: f.from });
      if (f.to) qb.andWhere('a.occurred_at < :to', { to: f.to });
      return qb;
    };
    return AuditEventConnection.from(await keysetPage(ctx, base, {
      first, after: page.after, columns: ['a.id'], direction: 'DESC', keyOf: (row) => [String(row.id)],
    }));
  }

  @Requires(Policies.can('read', 'Policy'))
  @Query(() => ContactAccessReport, {
    description: 'Who can see this contact now, and why: role or grant with its expiry (AUD-2); or who could at a past instant `at` (AUD-5).',
  })
  whoCanSeeContact(
    @Ctx() ctx: RequestContext,
    @Arg('contactId', () => ID, { description: 'Identifier of the contact.' }) contactId: string,
    @Arg('at', () => Date, AT) at?: Date | null,
  ) {
    return whoCanSeeContact(ctx, contactId, at);
  }

  @Requires(Policies.can('read', 'Policy'))
  @Query(() => AccessExplanation, {
    description: 'Whether a member of staff may act on a subject now (AUD-2), or might have at a past instant `at` (AUD-5), and which rule decided.',
  })
  explainAccess(
    @Ctx() ctx: RequestContext,
    @Arg('staffNumber', { description: 'Staff number of the member of staff to explain for.' }) staffNumber: string,
    @Arg('action', () => PolicyAction, { description: 'What they would do.' }) action: PolicyAction,
    @Arg('subjectType', () => PolicySubject, { description: 'What kind of row they would act on.' }) subjectType: PolicySubject,
    @Arg('subjectId', () => ID, { description: 'Identifier of that row.' }) subjectId: string,
    @Arg('at', () => Date, AT) at?: Date | null,
  ) {
    return explainAccess(ctx, staffNumber, action, subjectType, subjectId, at);
  }

  @Requires(Policies.can('read', 'AuditEvent'))
  @Query(() => ContactReadConnection, {
    description: 'Who read this contact in [from, to), oldest first, with their names, their role then and the grants that allowed each read '
      + '(AUD-2, AUD-5). Only reads a grant allowed are recorded (TAR-8); reads by the SCR team by role are not.',
  })
  async contactReads(
    @Ctx() ctx: RequestContext,
    @Args(() => PageArgs) page: PageArgs,
    @Arg('contactId', () => ID, { description: 'Identifier of the contact.' }) contactId: string,
    @Arg('from', () => Date, { description: 'From this instant (inclusive).' }) from: Date,
    @Arg('to', () => Date, { description: 'Before this instant (exclusive).' }) to: Date,
  ) {
    return ContactReadConnection.from(await contactReads(ctx, contactId, from, to, pageSize(page), page.after));
  }

  @FieldResolver(() => Staff, { nullable: true, description: 'The acting member of staff (names, number); null for the system or a client.' })
  actor(@Ctx() ctx: RequestContext, @Root() event: AuditEvent): Promise<Staff | null> | null {
    return event.actorType === 'STAFF' && event.actorId ? staffById(ctx).load(event.actorId) : null;
  }
}
