import type { DataSource, ObjectLiteral } from 'typeorm';
import { queryRows, statementCache } from './prepared';
import { hydrate, readModel, selectList } from './read-model';

const statements = statementCache<string>();

export interface RowsWhereOptions {
  /** The column the keys are matched against (database name). */
  column: string;
  /** The table's alias in the statement (and in `orderBy`). */
  alias: string;
  /** ORDER BY over `alias`, e.g. `"r"."type" ASC`. */
  orderBy?: string;
}

/**
 * Rows of `entity` whose `column` is one of `keys`, as one prepared statement built once per
 * entity and query, rows turned into entity objects without TypeORM (issue 11). No row rule of its
 * own: only for rows that belong to a parent the caller already reached under its read rule (a
 * contact's disability, a grant's extensions), where the parent's rule is the rule. Rows with a
 * rule of their own go through `visibleRowsWhere` (src/authorization/visible-rows.ts).
 */
export async function rowsWhere<T extends ObjectLiteral>(
  dataSource: DataSource,
  entity: new () => T,
  keys: readonly unknown[],
  { column, alias, orderBy }: RowsWhereOptions,
): Promise<T[]> {
  const model = readModel(dataSource, entity);
  const table = model.metadata.tableName;
  const query = statements(`${table}|${alias}|${column}|${orderBy ?? ''}`, () =>
    `SELECT ${selectList(model, alias)} FROM "${table}" "${alias}" WHERE "${alias}"."${column}" = ANY($1)`
    + (orderBy ? ` ORDER BY ${orderBy}` : ''));
  const rows = await queryRows(dataSource.manager, query, [keys]);
  return rows.map((row) => hydrate(entity, model, row, alias));
}
