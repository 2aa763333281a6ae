import { visibleQuery } from '../../authorization/visible-query';
import { keysetPage, type Page } from '../../common/connection';
import type { RequestContext } from '../../request/context';
import { SrSourceType, SrStatus } from '../service-requests/sr-enums';
import { ServiceRequest } from '../service-requests/service-request.entity';
import { DueReason, type DueWorkFilter, DueWorkItem } from './due-work';

/** A self-service SR shows this long before its 24 hours are up, so it is picked up in time. */
export const SELF_SERVICE_WARNING_MS = 4 * 3600_000;
const SELF_SERVICE_SOURCES = [SrSourceType.PWC_SELF_SERVICE, SrSourceType.NRP_SELF_SERVICE];

function reasonFor(sr: ServiceRequest): DueReason {
  if (SELF_SERVICE_SOURCES.includes(sr.sourceType)) return DueReason.SELF_SERVICE;
  if (sr.status === SrStatus.WAIT) return DueReason.WAIT_OVER;
  return DueReason.NEXT_ACTION;
}

/**
 * SR-4: the work that must not wait: open SRs the caller may work whose next action date has
 * passed (the 7-day waits of letters, self-service SRs past their 24 hours), and self-service SRs
 * within SELF_SERVICE_WARNING_MS of theirs; unowned ones included, so a hopper is seen too.
 * Most urgent first. Filtered and paged in SQL with the caller's `work` rule (SR-5).
 */
export async function listDueWork(
  ctx: RequestContext,
  filter: DueWorkFilter | null | undefined,
  first: number,
  after: string | null | undefined,
): Promise<Page<DueWorkItem>> {
  const warnUntil = new Date(ctx.now.getTime() + SELF_SERVICE_WARNING_MS);
  const base = () => {
    const qb = visibleQuery(ctx, ServiceRequest, 'ServiceRequest', 's', 'work')
      .andWhere('s.status <> :closed', { closed: SrStatus.CLOSED })
      .andWhere('s.next_action_due IS NOT NULL')
      .andWhere('(s.next_action_due <= :now OR (s.source_type IN (:...selfService) AND s.next_action_due <= :warnUntil))', {
        now: ctx.now,
        selfService: SELF_SERVICE_SOURCES,
        warnUntil,
      });
    if (filter?.mine) qb.andWhere('s.owner_id = :me', { me: ctx.principal?.kind === 'staff' ? ctx.principal.staff.id : null });
    return qb;
  };
  const page = await keysetPage(ctx, base, {
    first, after, columns: ['s.next_action_due', 's.id'], direction: 'ASC', keyOf: (sr) => [sr.nextActionDue!.toISOString(), sr.id],
  });
  return {
    ...page,
    nodes: page.nodes.map((sr) => Object.assign(new DueWorkItem(), {
      serviceRequest: sr,
      dueAt: sr.nextActionDue!,
      overdue: sr.nextActionDue! <= ctx.now,
      reason: reasonFor(sr),
    })),
    cursorOf: (item) => page.cursorOf(item.serviceRequest),
  };
}
