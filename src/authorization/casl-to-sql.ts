import { rulesToAST } from '@casl/ability/extra';
import { FieldCondition, type CompoundCondition, type Condition } from '@ucast/core';
import { Brackets, type EntityMetadata, type ObjectLiteral } from 'typeorm';
import type { Action, AppAbility, SubjectType } from './ability';

/**
 * Turns the CASL rules for (action, subject type) into a TypeORM `Brackets`, so the
 * authorization filter is part of the SQL WHERE and pages, counts and totals stay right (SCR-2).
 *
 * Why our own: `@ucast/sql` breaks on TypeORM 1 (drops the existing WHERE, emits `WHERE ()`,
 * unqualified columns). Here every column is alias-qualified by its database name, every
 * parameter has a unique name, relations become correlated `EXISTS` subqueries, no rule
 * means `FALSE` (deny), and an unconditional rule means no filter.
 * Unknown operators throw: a policy the converter cannot express must never become "allow".
 */
export function accessibleBy(
  ability: AppAbility,
  action: Action,
  subjectType: SubjectType,
  metadata: EntityMetadata,
  alias: string,
): Brackets {
  const ast = rulesToAST(ability, action, subjectType);
  return new Brackets((qb) => {
    if (ast === null) {
      qb.where('FALSE');
      return;
    }
    const writer = new SqlWriter();
    const sql = writer.condition(ast as Condition, metadata, alias);
    qb.where(sql ?? 'TRUE', writer.parameters);
  });
}

/** A filter as SQL text with positional parameters (`$n`) and their values, for a prepared statement. */
export interface SqlFilter {
  /** Never NULL; `(TRUE)` when the rules restrict nothing, `(FALSE)` when there are none. */
  sql: string;
  values: unknown[];
}

/**
 * The same rules as `accessibleBy`, from the same writer, as positional SQL: `$firstParameter`
 * onwards, every value a parameter, so the text depends only on the rules' shape (fields,
 * operators, null or not) and a statement built from it can be prepared once and reused
 * (src/database/prepared.ts). Relation subqueries are named after `alias`, so two filters on
 * different aliases can share one statement.
 */
export function accessFilterSql(
  ability: AppAbility,
  action: Action,
  subjectType: SubjectType,
  metadata: EntityMetadata,
  alias: string,
  firstParameter = 1,
): SqlFilter {
  const ast = rulesToAST(ability, action, subjectType);
  if (ast === null) return { sql: '(FALSE)', values: [] };
  const values: unknown[] = [];
  let relations = 0;
  const writer = new SqlWriter(
    (value) => `$${firstParameter + values.push(value) - 1}`,
    () => `${alias}_rel_${++relations}`,
  );
  const sql = writer.condition(ast as Condition, metadata, alias);
  return { sql: `(${sql ?? 'TRUE'})`, values };
}

let parameterCounter = 0;
const nextName = (prefix: string) => {
  parameterCounter = (parameterCounter + 1) % Number.MAX_SAFE_INTEGER;
  return `${prefix}_${parameterCounter}`;
};

const COMPARISONS: Record<string, string> = { lt: '<', lte: '<=', gt: '>', gte: '>=' };

class SqlWriter {
  readonly parameters: ObjectLiteral = {};

  /**
   * By default TypeORM named parameters, unique across the process so several filters can join
   * one query builder; `accessFilterSql` gives positional ones instead.
   */
  constructor(
    private readonly placeholder: (value: unknown) => string = (value) => {
      const name = nextName('casl');
      this.parameters[name] = value;
      return `:${name}`;
    },
    private readonly relationAlias: () => string = () => nextName('rel'),
  ) {}

  /** Returns SQL that is never NULL, or undefined for "no restriction". */
  condition(node: Condition, metadata: EntityMetadata, alias: string): string | undefined {
    switch (node.operator) {
      case 'and':
      case 'or':
        return this.compound(node as CompoundCondition, metadata, alias);
      case 'not': {
        const inner = this.compound(node as CompoundCondition, metadata, alias, 'and');
        return inner === undefined ? 'FALSE' : `NOT (${inner})`;
      }
      case 'elemMatch':
        return this.relation(node as FieldCondition<Condition>, metadata, alias);
      default:
        return this.field(node as FieldCondition, metadata, alias);
    }
  }

  private compound(
    node: CompoundCondition,
    metadata: EntityMetadata,
    alias: string,
    operator = node.operator,
  ): string | undefined {
    const children = Array.isArray(node.value) ? node.value : [node.value as unknown as Condition];
    const parts = children.map((child) => this.condition(child, metadata, alias));
    if (operator === 'and') {
      const restricting = parts.filter((part): part is string => part !== undefined);
      return restricting.length === 0 ? undefined : restricting.map((part) => `(${part})`).join(' AND ');
    }
    if (operator === 'or') {
      if (parts.length === 0) return 'FALSE';
      if (parts.some((part) => part === undefined)) return undefined;
      return parts.map((part) => `(${part})`).join(' OR ');
    }
    throw new Error(`unsupported compound operator ${operator}`);
  }

  private field(node: FieldCondition, metadata: EntityMetadata, alias: string): string {
    const field = String(node.field);
    const dot = field.indexOf('.');
    if (dot > 0 && metadata.findRelationWithPropertyPath(field.slice(0, dot))) {
      // 'parties.contactId': some related row matches, like $elemMatch on one field.
      const inner = new FieldCondition(node.operator, field.slice(dot + 1), node.value);
      return this.exists(field.slice(0, dot), inner, metadata, alias);
    }
    const column = metadata.findColumnWithPropertyPath(field);
    if (!column) throw new Error(`no column for ${metadata.name}.${field}`);
    const ref = `"${alias}"."${column.databaseName}"`;
    const nullable = column.isNullable;
    const value = node.value;
    switch (node.operator) {
      case 'eq':
        if (value === null || value === undefined) return `${ref} IS NULL`;
        return nullable ? `${ref} IS NOT DISTINCT FROM ${this.placeholder(value)}` : `${ref} = ${this.placeholder(value)}`;
      case 'ne':
        if (value === null || value === undefined) return `${ref} IS NOT NULL`;
        return nullable ? `${ref} IS DISTINCT FROM ${this.placeholder(value)}` : `${ref} <> ${this.placeholder(value)}`;
      case 'in':
      case 'nin': {
        // NULL never equals anything in SQL, while CASL's $in: [null] matches a null field.
        const values = value as unknown[];
        const withNull = values.some((item) => item === null || item === undefined);
        const present = values.filter((item) => item !== null && item !== undefined);
        const tests: string[] = [];
        if (withNull) tests.push(`${ref} IS NULL`);
        if (present.length > 0) {
          const param = this.placeholder(present);
          tests.push(nullable ? `COALESCE(${ref} = ANY(${param}), FALSE)` : `${ref} = ANY(${param})`);
        }
        const test = tests.length === 0 ? 'FALSE' : tests.join(' OR ');
        return node.operator === 'in' ? test : `NOT (${test})`;
      }
      default: {
        const sqlOperator = COMPARISONS[node.operator];
        if (!sqlOperator) throw new Error(`unsupported operator ${node.operator} on ${metadata.name}.${field}`);
        // CASL orders null before everything (JS comparison), SQL says unknown: refuse to guess.
        if (nullable || value === null || value === undefined) {
          throw new Error(`comparison ${node.operator} on nullable ${metadata.name}.${field} is not supported`);
        }
        return `${ref} ${sqlOperator} ${this.placeholder(value)}`;
      }
    }
  }

  private relation(node: FieldCondition<Condition>, metadata: EntityMetadata, alias: string) {
    return this.exists(String(node.field), node.value, metadata, alias);
  }

  /** A correlated EXISTS over a relation (one-to-many or many-to-one), joined on its foreign key. */
  private exists(
    propertyName: string,
    inner: Condition,
    metadata: EntityMetadata,
    alias: string
  ): string {
    const relation = metadata.findRelationWithPropertyPath(propertyName);
    if (!relation) throw new Error(`no relation ${metadata.name}.${propertyName}`);
    const target = relation.inverseEntityMetadata;
    const subAlias = this.relationAlias();
    let joins: string[];
    if (relation.isOneToMany && relation.inverseRelation) {
      joins = relation.inverseRelation.joinColumns.map(
        (fk) => `"${subAlias}"."${fk.databaseName}" = "${alias}"."${fk.referencedColumn!.databaseName}"`,
      );
    } else if (relation.isManyToOne || relation.isOneToOneOwner) {
      joins = relation.joinColumns.map(
        (fk) => `"${subAlias}"."${fk.referencedColumn!.databaseName}" = "${alias}"."${fk.databaseName}"`,
      );
    } else {
      throw new Error(`unsupported relation kind for ${metadata.name}.${propertyName}`);
    }
    const where = this.condition(inner, target, subAlias);
    const conditions = where === undefined ? joins : [...joins, `(${where})`];
    return `EXISTS (SELECT 1 FROM "${target.tableName}" "${subAlias}" WHERE ${conditions.join(' AND ')})`;
  }
}
