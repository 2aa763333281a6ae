import DataLoader from 'dataloader';
import { accessFilterSql } from '../../authorization/casl-to-sql';
import { visibleRowsById, visibleRowsWhere } from '../../authorization/visible-rows';
import { queryRows, statementCache } from '../../database/prepared';
import { hydrate, readModel, selectList } from '../../database/read-model';
import type { RequestContext } from '../../request/context';
import { byKey, defineLoader, groupBy, grouped } from '../../request/loaders';
import { Case } from '../cases/case.entity';
import { Activity } from './activity.entity';
import { ServiceRequest } from './service-request.entity';
import { SrNote } from './sr-note.entity';
import { SrStatusChange } from './sr-status-change.entity';

/** The cases of SRs, only those the caller may see, by case number. */
export const casesBySrId = defineLoader((ctx) => new DataLoader<string, Case[]>(async (srIds) => {
  const links: { sr: string; kase: string }[] = await ctx.dataSource.manager.query(
    'SELECT service_request_id AS sr, case_id AS kase FROM service_request_case WHERE service_request_id = ANY($1)',
    [[...srIds]],
  );
  const cases = await visibleRowsWhere(ctx, Case, 'Case', [...new Set(links.map((link) => link.kase))], {
    alias: 'k', orderBy: '"k"."case_number" ASC',
  });
  const caseById = new Map(cases.map((row) => [row.id, row]));
  const groups = groupBy(links.filter((link) => caseById.has(link.kase)), (link) => link.sr);
  return srIds.map((id) => (groups.get(id) ?? []).map((link) => caseById.get(link.kase)!));
}));

/** The activity plan of SRs (already visible), preferred call times first (PREF-7). */
export const activitiesBySrId = defineLoader((ctx) => grouped<Activity>(
  (ids) => visibleRowsWhere(ctx, Activity, 'Activity', ids, {
    column: 'service_request_id', alias: 'a', orderBy: '"a"."planned_start" ASC NULLS LAST, "a"."sequence" ASC',
  }),
  (activity) => activity.serviceRequestId,
));

/** Internal notes of SRs, under the caller's read rule for notes (none for a self-service client, SCR-5). */
export const notesBySrId = defineLoader((ctx) => grouped<SrNote>(
  (ids) => visibleRowsWhere(ctx, SrNote, 'SrNote', ids, { column: 'service_request_id', alias: 'n', orderBy: '"n"."created_at" ASC' }),
  (note) => note.serviceRequestId,
));

/** SRs by id under the caller's read rule (e.g. the SR of a letter); null when not visible. */
export const serviceRequestById = defineLoader((ctx) => byKey<ServiceRequest>(
  (ids) => visibleRowsById(ctx, ServiceRequest, 'ServiceRequest', ids, { alias: 's' }),
  (sr) => sr.id,
));

/**
 * The subject of SRs the caller already reached, for the personal-data gate of their activities and
 * notes. The SR resolver primes it with the SR at hand, so the gate costs no query of its own.
 */
export const subjectOfSr = defineLoader((ctx) => byKey<{ id: string; subject: string }>(
  (ids) => ctx.dataSource.manager.query('SELECT id, subject_contact_id AS subject FROM service_request WHERE id = ANY($1)', [[...ids]]),
  (row) => row.id,
));

export const rememberSubject = (ctx: RequestContext, sr: ServiceRequest) =>
  subjectOfSr(ctx).prime(sr.id, { id: sr.id, subject: sr.subjectContactId });

/**
 * SR-8: the status history of SRs, oldest step first. Only of SRs the caller may read: the history
 * goes with the SR's own read rule (the one CASL-to-SQL converter's), in the same prepared statement.
 */
export const statusHistoryBySrId = defineLoader((ctx) => grouped<SrStatusChange>(
  async (ids) => {
    const history = readModel(ctx.dataSource, SrStatusChange);
    const rule = accessFilterSql(ctx.ability, 'read', 'ServiceRequest', readModel(ctx.dataSource, ServiceRequest).metadata, 's', 2);
    const query = historyStatements(rule.sql, () =>
      `SELECT ${selectList(history, 'h')} FROM "sr_status_change" "h" WHERE "h"."service_request_id" IN `
      + `(SELECT "s"."id" FROM "service_request" "s" WHERE "s"."id" = ANY($1) AND ${rule.sql}) ORDER BY "h"."id" ASC`);
    const rows = await queryRows(ctx.dataSource.manager, query, [ids, ...rule.values]);
    return rows.map((row) => hydrate(SrStatusChange, history, row, 'h'));
  },
  (step) => step.serviceRequestId,
));

// Keyed by the SR row rule's text, which alone varies the history statement.
const historyStatements = statementCache<string>();
