import type { ObjectLiteral } from 'typeorm';
import { readModel } from '../database/read-model';
import { rowsWhere } from '../database/read-rows';
import type { SubjectType } from './ability';
import type { AccessContext } from './access-context';
import { accessFilterSql } from './casl-to-sql';

export interface VisibleRowsOptions {
  /** The column the keys are matched against (database name); `id` by default. */
  column?: string;
  /** ORDER BY, over `alias` (e.g. `"n"."created_at" ASC`); the statement's order otherwise. */
  orderBy?: string;
  /** The table's alias in the statement (and in `orderBy`); `r` by default. */
  alias?: string;
}

/**
 * Rows of `entity` whose `column` is one of `keys` and that the caller may read, for the
 * per-request loaders: one prepared statement per entity, query and shape of the
 * caller's rules (issue 11), the row rule from the one CASL-to-SQL converter, the rows as entity
 * objects without TypeORM's hydration. A row the caller may not see is simply not returned
 * (hidden == missing).
 */
export async function visibleRowsWhere<T extends ObjectLiteral>(
  ctx: AccessContext,
  entity: new () => T,
  subject: SubjectType,
  keys: readonly unknown[],
  { column = 'id', orderBy, alias = 'r' }: VisibleRowsOptions = {},
): Promise<T[]> {
  const rule = accessFilterSql(ctx.ability, 'read', subject, readModel(ctx.dataSource, entity).metadata, alias);
  return rowsWhere(ctx.dataSource, entity, keys, { column, alias, orderBy, where: rule });
}

/** Rows of `entity` by id that the caller may see: `visibleRowsWhere` on `id`. */
export const visibleRowsById = <T extends ObjectLiteral>(
  ctx: AccessContext, entity: new () => T, subject: SubjectType, ids: readonly string[], options: Omit<VisibleRowsOptions, 'column'> = {},
): Promise<T[]> => visibleRowsWhere(ctx, entity, subject, ids, options);
