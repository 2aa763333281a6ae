import { getMetadataStorage } from 'type-graphql';
import type { DataSource, EntityMetadata } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';

/**
 * Entity objects straight from the rows of a prepared statement (src/database/prepared.ts), for
 * the read paths that GraphQL answers from (issue 11): the same select list TypeORM's query
 * builder writes (`"c"."id" AS "c_id"`), and a row becomes an instance of the entity class
 * without TypeORM's transformer. Values are pg's (a `date` stays YYYY-MM-DD, as in an entity);
 * a column with a TypeORM transformer still goes through it.
 *
 * Creation and update stamps that no GraphQL field shows are not read: nothing on a read path
 * uses them, and each costs a date parse per row.
 */
export type Row = Record<string, unknown>;

interface ReadColumn {
  databaseName: string;
  propertyName: string;
  convert?: (value: unknown) => unknown;
}

export interface ReadModel {
  readonly metadata: EntityMetadata;
  readonly columns: readonly ReadColumn[];
  readonly selects: Map<string, string>;
  readonly hydrators: Map<string, (row: Row) => object>;
}

const models = new WeakMap<DataSource, Map<Function, ReadModel>>();

const shownFields = (entity: Function) =>
  new Set(getMetadataStorage().fields.filter((field) => field.target === entity).map((field) => field.name));

/** The read model of `entity` on `dataSource`, made once. */
export function readModel(dataSource: DataSource, entity: Function): ReadModel {
  let byEntity = models.get(dataSource);
  if (!byEntity) models.set(dataSource, (byEntity = new Map()));
  let model = byEntity.get(entity);
  if (!model) {
    const metadata = dataSource.getMetadata(entity);
    // TypeORM would add `deleted_at IS NULL` to every read: a read model would have to as well.
    if (metadata.deleteDateColumn) throw new Error(`${metadata.name} is soft-deleted: not read through a read model`);
    const shown = shownFields(entity);
    const driver = dataSource.driver;
    const columns = metadata.columns
      // A column TypeORM does not select by default (`select: false`) is never read here either.
      .filter((column) => column.isSelect !== false)
      .filter((column) => !((column.isCreateDate || column.isUpdateDate) && !shown.has(column.propertyName)))
      .map((column: ColumnMetadata): ReadColumn => ({
        databaseName: column.databaseName,
        propertyName: column.propertyName,
        convert: column.transformer ? (value) => driver.prepareHydratedValue(value, column) : undefined,
      }));
    byEntity.set(entity, (model = { metadata, columns, selects: new Map(), hydrators: new Map() }));
  }
  return model;
}

/** `"c"."id" AS "c_id", ...`: the model's columns under `alias`, as TypeORM selects them (built once per alias). */
export function selectList(model: ReadModel, alias: string): string {
  let list = model.selects.get(alias);
  if (list === undefined) {
    list = model.columns.map((column) => `"${alias}"."${column.databaseName}" AS "${alias}_${column.databaseName}"`).join(', ');
    model.selects.set(alias, list);
  }
  return list;
}

/**
 * An entity object from a row's `alias_` columns: a function made once per entity and alias sets
 * each property by name (names from the entity metadata, never from input), so every row takes
 * the same monomorphic path.
 */
export function hydrate<T>(target: new () => T, model: ReadModel, row: Row, alias: string): T {
  let hydrator = model.hydrators.get(alias);
  if (!hydrator) {
    const converters = model.columns.map((column) => column.convert);
    const body = model.columns.map((column, i) => {
      const value = `row[${JSON.stringify(`${alias}_${column.databaseName}`)}]`;
      const converted = column.convert ? `(${value} == null ? ${value} : convert[${i}](${value}))` : value;
      return `entity[${JSON.stringify(column.propertyName)}] = ${converted};`;
    }).join('\n');
    const make = new Function('Target', 'convert', `return function hydrate(row) {\nconst entity = new Target();\n${body}\nreturn entity;\n};`);
    hydrator = make(target, converters) as (row: Row) => object;
    model.hydrators.set(alias, hydrator);
  }
  return hydrator(row) as T;
}
