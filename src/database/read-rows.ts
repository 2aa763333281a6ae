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
  /**
   * A condition the rows must meet too (a row rule from the CASL-to-SQL converter), its
   * parameters numbered from $1; the keys come after them.
   */
  where?: { sql: string; values: readonly unknown[] };
}

/**
 * Rows of `entity` whose `column` is one of `keys` (and that meet `where`), as one prepared
 * statement built once per entity, query and shape of `where`, rows turned into entity objects
 * without TypeORM (issue 11). Without `where` only for rows that belong to a parent the caller
 * already reached under its read rule (a contact's disability, a grant's extensions), where the
 * parent's rule is the rule; rows with a rule of their own go through `visibleRowsWhere`
 * (src/authorization/visible-rows.ts), which gives their rule as `where`.
 */
export async function rowsWhere<T extends ObjectLiteral>(
  dataSource: DataSource,
  entity: new () => T,
  keys: readonly unknown[],
  { column, alias, orderBy, where }: RowsWhereOptions,
): Promise<T[]> {
  const model = readModel(dataSource, entity);
  const table = model.metadata.tableName;
  const values = where ? [...where.values, keys] : [keys];
  const query = statements(`${table}|${alias}|${column}|${orderBy ?? ''}|${where?.sql ?? ''}`, () =>
    `SELECT ${selectList(model, alias)} FROM "${table}" "${alias}" WHERE `
    + (where ? `${where.sql} AND ` : '') + `"${alias}"."${column}" = ANY($${values.length})`
    + (orderBy ? ` ORDER BY ${orderBy}` : ''));
  const rows = await queryRows(dataSource.manager, query, values);
  return rows.map((row) => hydrate(entity, model, row, alias));
}
