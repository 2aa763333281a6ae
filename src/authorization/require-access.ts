import { createMongoAbility, subject as asSubject } from '@casl/ability';
import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { AppError, ErrorCode, notFound } from '../common/errors';
import { declareRefusals } from '../common/refusals';
import { requireUuid } from '../common/input';
import type { AccessContext } from './access-context';
import { ACTIONS, type Action, type AppAbility, type SubjectType } from './ability';
import { accessibleBy } from './casl-to-sql';
import { visibleQuery } from './visible-query';

/** Why the access model refused an action on a row the caller may read. */
export enum AccessRefusal {
  /** No rule of the caller's ability allows this action on this row. */
  NOT_PERMITTED = 'NOT_PERMITTED',
}
declareRefusals('AccessRefusal', AccessRefusal, 'Why the access model refused an action on a row the caller can see (FORBIDDEN).', {
  NOT_PERMITTED: 'No rule of your role or grants allows this action on this row.',
});

export interface AccessTarget<T extends ObjectLiteral> {
  entity: EntityTarget<T>;
  subject: SubjectType;
  /** How errors name it: "Service request not found." */
  noun: string;
}

export interface RequireAccessOptions<T> {
  /** Lock the row (SELECT ... FOR UPDATE) for the rest of the transaction. Default true. */
  lock?: boolean;
  /**
   * Names a more precise refusal (e.g. "wrong stage") once the ability has said no. It can only
   * shape the error: the decision is the ability's, and a null here still refuses.
   */
  explain?: (row: T) => AppError | null;
  /** The id's field name in the input, for a malformed id. */
  field?: string;
}

/**
 * The one entry point for acting on a single row, in the spirit of Immich's `requireAccess`:
 * 1. load the row under the caller's `read` rule in SQL, and lock it: a row the caller may not
 *    read answers NOT_FOUND, exactly as a missing id (SCR-1, SCR-6);
 * 2. then, in a new statement that sees what committed while we waited for the lock, ask the
 *    SQL form of the `action` rule whether it holds for this row now: FORBIDDEN when not.
 * Every state the rule reads (status, removal, segment) is therefore judged on the locked row,
 * never on the request's clock or an earlier read, so two overlapping requests cannot both pass.
 */
export async function requireAccess<T extends ObjectLiteral>(
  ctx: AccessContext,
  tx: EntityManager,
  target: AccessTarget<T>,
  id: string,
  action: Action,
  options: RequireAccessOptions<T> = {},
): Promise<T> {
  requireUuid(id, options.field ?? 'id');
  const read = visibleQuery(ctx, target.entity, target.subject, 'row', 'read', tx).andWhere('row.id = :id', { id });
  if (options.lock !== false) read.setLock('pessimistic_write');
  const row = await read.getOne();
  if (!row) throw notFound(target.noun);
  if (action === 'read') return row;
  if (!(await allows(ctx.ability, tx, target, id, action))) throw options.explain?.(row) ?? notPermitted(action, target.noun);
  return row;
}

export const notPermitted = (action: Action, noun: string) =>
  new AppError(ErrorCode.FORBIDDEN, `You may not ${action} this ${noun.toLowerCase()}: ${ACTIONS[action]}.`, {
    reason: AccessRefusal.NOT_PERMITTED,
    action,
  });

/**
 * For a row that does not exist yet (a new SR, a form): the same rule, checked in memory on the
 * row as it would be written, with the relations the rule reads attached.
 */
export function requireAllowedNew(ctx: AccessContext, action: Action, subject: SubjectType, row: Record<string, unknown>, noun: string): void {
  if (!ctx.ability.can(action, asSubject(subject, { ...row }))) throw notPermitted(action, noun);
}

type Target = Pick<AccessTarget<ObjectLiteral>, 'entity' | 'subject'>;

/** Whether `ability` allows `action` on the row `id`, asked in SQL (one statement: its rules together). */
export async function allows(ability: AppAbility, manager: EntityManager, target: Target, id: string, action: Action): Promise<boolean> {
  const qb = manager.createQueryBuilder(target.entity, 'row');
  return qb
    .select('row.id')
    .where(accessibleBy(ability, action, target.subject, qb.expressionMap.mainAlias!.metadata, 'row'))
    .andWhere('row.id = :id', { id })
    .getExists();
}

/**
 * Which rule, if any, allows `action` on the row `id` (explainAccess, policy reviews): each rule
 * of the ability is asked in SQL on its own, exactly as the API asks them together.
 */
export async function decidingRule(
  ability: AppAbility,
  manager: EntityManager,
  target: Target,
  id: string,
  action: Action,
): Promise<{ allowed: boolean; reason: string | null }> {
  for (const rule of ability.rulesFor(action, target.subject)) {
    const single = createMongoAbility<AppAbility>([{ action, subject: target.subject, conditions: rule.conditions, inverted: rule.inverted }]);
    if (await allows(single, manager, target, id, action)) return { allowed: !rule.inverted, reason: rule.reason ?? null };
  }
  return { allowed: false, reason: null };
}
