import type { EntityManager, EntityTarget, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { AccessContext } from './access-context';
import type { Action, SubjectType } from './ability';
import { accessibleBy } from './casl-to-sql';

/**
 * A query over the rows of `entity` the caller may `action`: the row rule is in the WHERE from
 * the start, so nothing the caller may not see is ever loaded, counted or paged (SCR-2).
 */
export function visibleQuery<T extends ObjectLiteral>(
  ctx: AccessContext,
  entity: EntityTarget<T>,
  subject: SubjectType,
  alias: string,
  action: Action = 'read',
  manager: EntityManager = ctx.dataSource.manager,
): SelectQueryBuilder<T> {
  const qb = manager.createQueryBuilder(entity, alias);
  return qb.where(accessibleBy(ctx.ability, action, subject, qb.expressionMap.mainAlias!.metadata, alias));
}

/** The same filter on a joined alias (e.g. the contact of a case party), or for another action. */
export function andVisible<T extends ObjectLiteral>(
  ctx: AccessContext,
  qb: SelectQueryBuilder<T>,
  joinedEntity: EntityTarget<ObjectLiteral>,
  subject: SubjectType,
  alias: string,
  action: Action = 'read',
): SelectQueryBuilder<T> {
  return qb.andWhere(accessibleBy(ctx.ability, action, subject, ctx.dataSource.getMetadata(joinedEntity), alias));
}
