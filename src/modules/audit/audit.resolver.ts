import { Arg, Args, Ctx, ID, Query, Resolver } from 'type-graphql';
import { Policies, Requires } from '../../authorization/policy';
import { visibleQuery } from '../../authorization/visible-query';
import { ConnectionType, keysetPage, PageArgs, pageSize } from '../../common/connection';
import { requireUuid } from '../../common/input';
import type { RequestContext } from '../../request/context';
import { AuditEvent } from '../../audit-trail/audit-event.entity';
import { explainAccess, whoCanSeeContact } from './access-review.service';
import { AccessExplanation, AuditEventFilter, ContactAccessReport, PolicyAction, PolicySubject } from './audit-types';

export const AuditEventConnection = ConnectionType(AuditEvent, 'AuditEvent');

@Resolver()
export class AuditResolver {
  @Requires(Policies.can('read', 'AuditEvent'))
  @Query(() => AuditEventConnection, {
    description: 'The audit trail, newest first. Who read a contact in a period: filter { subjectType: "Contact", subjectId, actions: ["CONTACT_READ_UNDER_GRANT"], from, to }.',
  })
  async auditEvents(
    @Ctx() ctx: RequestContext,
    @Args(() => PageArgs) page: PageArgs,
    @Arg('filter', () => AuditEventFilter, { nullable: true }) filter?: AuditEventFilter | null,
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
  @Query(() => ContactAccessReport, { description: 'Who can see this contact now, and why: role or grant with its expiry (AUD-2).' })
  whoCanSeeContact(@Ctx() ctx: RequestContext, @Arg('contactId', () => ID) contactId: string) {
    return whoCanSeeContact(ctx, contactId);
  }

  @Requires(Policies.can('read', 'Policy'))
  @Query(() => AccessExplanation, { description: 'Whether a member of staff may act on a subject now, and which rule decided (AUD-2).' })
  explainAccess(
    @Ctx() ctx: RequestContext,
    @Arg('staffNumber') staffNumber: string,
    @Arg('action', () => PolicyAction) action: PolicyAction,
    @Arg('subjectType', () => PolicySubject) subjectType: PolicySubject,
    @Arg('subjectId', () => ID) subjectId: string,
  ) {
    return explainAccess(ctx, staffNumber, action, subjectType, subjectId);
  }
}
