import type { EntityTarget, ObjectLiteral } from 'typeorm';
import type { AccessContext } from './access-context';
import type { SubjectType } from './ability';
import { visibleQuery } from './visible-query';

export interface NodeCandidate {
  entity: EntityTarget<ObjectLiteral>;
  subject: SubjectType;
}

/**
 * Which of `candidates` holds each of the rows `ids` under the caller's read rule, in one
 * statement: each candidate is the same `visibleQuery` as its own lists and single-row lookups, so
 * a row the caller may not read is never found. A hidden row and a missing one cost the same one
 * statement and are both absent from the answer, so `node(id)` cannot tell them apart (SCR-1).
 */
export async function visibleSubjectsOf(
  ctx: AccessContext,
  candidates: readonly NodeCandidate[],
  ids: readonly string[],
): Promise<Map<string, SubjectType>> {
  if (candidates.length === 0 || ids.length === 0) return new Map();
  const parts = candidates.map((candidate) =>
    visibleQuery(ctx, candidate.entity, candidate.subject, 'node')
      // A fixed type name from our own table, never input.
      .select(`'${candidate.subject}'`, 'subject')
      .addSelect('node.id::text', 'id')
      .andWhere('node.id = ANY(:nodeIds)', { nodeIds: [...ids] }));
  // The rules' parameter names are unique across builders (casl-to-sql), so they merge safely.
  const parameters = Object.assign({}, ...parts.map((part) => part.getParameters()));
  const union = parts.map((part) => `(${part.getQuery()})`).join(' UNION ALL ');
  const [sql, values] = ctx.dataSource.driver.escapeQueryWithParameters(union, parameters);
  const rows: { subject: SubjectType; id: string }[] = await ctx.dataSource.query(sql, values);
  return new Map(rows.map((row) => [row.id.toLowerCase(), row.subject]));
}
