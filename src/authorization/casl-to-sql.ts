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

let parameterCounter = 0;
const nextName = (prefix: string) => {
  parameterCounter = (parameterCounter + 1) % Number.MAX_SAFE_INTEGER;
  return `${prefix}_${parameterCounter}`;
};

const COMPARISONS: Record<string, string> = { lt: '<', lte: '<=', gt: '>', gte: '>=' };

class SqlWriter {
  readonly parameters: ObjectLiteral = {};

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
    const param = nextName('casl');
    const value = node.value;
    switch (node.operator) {
      case 'eq':
        if (value === null || value === undefined) return `${ref} IS NULL`;
        this.parameters[param] = value;
        return nullable ? `${ref} IS NOT DISTINCT FROM :${param}` : `${ref} = :${param}`;
      case 'ne':
        if (value === null || value === undefined) return `${ref} IS NOT NULL`;
        this.parameters[param] = value;
        return nullable ? `${ref} IS DISTINCT FROM :${param}` : `${ref} <> :${param}`;
      case 'in':
      case 'nin': {
        // NULL never equals anything in SQL, while CASL's $in: [null] matches a null field.
        const values = value as unknown[];
        const withNull = values.some((item) => item === null || item === undefined);
        const present = values.filter((item) => item !== null && item !== undefined);
        const tests: string[] = [];
        if (withNull) tests.push(`${ref} IS NULL`);
        if (present.length > 0) {
          this.parameters[param] = present;
          tests.push(nullable ? `COALESCE(${ref} = ANY(:${param}), FALSE)` : `${ref} = ANY(:${param})`);
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
        this.parameters[param] = value;
        return `${ref} ${sqlOperator} :${param}`;
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
    const subAlias = nextName('rel');
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
