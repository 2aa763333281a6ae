import { subject as asSubject } from '@casl/ability';
import type { DataSource, EntityManager } from 'typeorm';
import { buildAbility, type Action, type AppAbility, type SubjectType } from '../../authorization/ability';
import { allows, decidingRule } from '../../authorization/require-access';
import { Contact } from '../contacts/contact.entity';
import { buildHypotheticalWorld, type BuiltWorld } from './hypothetical-world';
import { SimulatedOutcome, type PolicyCase } from './policy-case';
import { ruleKeyOf } from './rule-names';

/** The decision on one case, as the API would take it, with the rule that took it. */
export interface Decision {
  outcome: SimulatedOutcome;
  /** The action's rule holds on the row (its SQL form, as requireAccess and lists ask it). */
  allowed: boolean;
  /** The read rule holds on the row; an action on a row one may not read answers NOT_FOUND. */
  readable: boolean;
  /** The deciding rule by its key in RuleReason ("segmentWork"), null when nothing allows it. */
  rule: string | null;
  /** The deciding rule's reason, or why nothing allowed it. */
  reason: string;
  /** Every rule of this principal for (action, subject), as "key when {conditions}": what was tried. */
  considered: string[];
  /** The in-memory form of the rules gave the same answers as the SQL form (SCR-2). */
  sqlAgreesWithMemory: boolean;
  /** False for subjects without a table (Policy, AuditEvent): decided in memory only. */
  sqlChecked: boolean;
  /** SCR-3: whether the contact whose data the row carries may be seen, so its personal fields are shown. */
  contactVisible: boolean | null;
}

export const DENY_BY_DEFAULT = 'no rule allows it (deny by default)';
const REFUSED_AT_SIGN_IN = 'refused before any rule: an inactive member of staff, or a client not active on self service';
/** Actions on a row that does not exist yet: checked on the row as it would be written, not read first. */
const NEW_ROW_ACTIONS: ReadonlySet<Action> = new Set<Action>(['create', 'submit']);


/** The rules of an ability for (action, subject) as a reviewer reads them. */
export function describeRules(ability: AppAbility, action: Action, subject: SubjectType): string[] {
  return ability.rulesFor(action, subject).map((rule) => {
    const name = `${rule.inverted ? 'cannot ' : ''}${ruleKeyOf(rule.reason) ?? 'unnamed rule'}`;
    return rule.conditions && Object.keys(rule.conditions).length > 0 ? `${name} when ${JSON.stringify(rule.conditions)}` : `${name} (always)`;
  });
}

const CONTACT = { entity: Contact, subject: 'Contact' as const };
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

/**
 * Decides the case on the built world with the real ability: each rule in SQL on the inserted row
 * (the deciding one named as explainAccess names it), and the same rules in memory on the row with
 * its relations, which must agree. The outcome follows the API's order: the operation's policy
 * (the role may do this to some row), then the read rule (NOT_FOUND), then the action's rule (FORBIDDEN).
 */
export async function decide(tx: EntityManager, built: BuiltWorld, c: PolicyCase): Promise<Decision> {
  if (!built.principal) {
    return {
      outcome: SimulatedOutcome.UNAUTHENTICATED, allowed: false, readable: false, rule: null, reason: REFUSED_AT_SIGN_IN,
      considered: [], sqlAgreesWithMemory: true, sqlChecked: false, contactVisible: null,
    };
  }
  const ability = buildAbility(built.principal, c.at);
  const type = c.resource.type;
  const inMemory = asSubject(type, { ...built.row });
  const memoryRule = ability.relevantRuleFor(c.action, inMemory);
  const memory = { allowed: ability.can(c.action, inMemory), readable: ability.can('read', inMemory) };
  let decision = { allowed: memory.allowed, reason: memoryRule && !memoryRule.inverted ? memoryRule.reason ?? null : null };
  let readable = memory.readable;
  if (built.target) {
    decision = await decidingRule(ability, tx, built.target, built.target.id, c.action);
    readable = await allows(ability, tx, built.target, built.target.id, 'read');
  }
  const contactVisible = built.contactId === null ? null : await allows(ability, tx, CONTACT, built.contactId, 'read');
  let outcome: SimulatedOutcome;
  if (!ability.can(c.action, type)) outcome = SimulatedOutcome.FORBIDDEN;
  else if (decision.allowed && (readable || NEW_ROW_ACTIONS.has(c.action))) outcome = SimulatedOutcome.ALLOWED;
  else if (!readable && !NEW_ROW_ACTIONS.has(c.action)) outcome = SimulatedOutcome.NOT_FOUND;
  else outcome = SimulatedOutcome.FORBIDDEN;
  return {
    outcome,
    allowed: decision.allowed,
    readable,
    rule: decision.allowed ? ruleKeyOf(decision.reason) : null,
    reason: decision.allowed ? decision.reason ?? 'unnamed rule' : DENY_BY_DEFAULT,
    considered: describeRules(ability, c.action, type).map((text) => text.replace(UUID, (id) => built.labels.get(id) ?? id)),
    sqlAgreesWithMemory: decision.allowed === memory.allowed && readable === memory.readable,
    sqlChecked: built.target !== null,
    contactVisible,
  };
}

/**
 * POL-2: decides a case on hypothetical rows written in a transaction that is always rolled back,
 * so the real ability and the real SQL decide and nothing is ever written.
 */
export async function simulateCase(dataSource: DataSource, c: PolicyCase): Promise<Decision> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.startTransaction();
    try {
      return await decide(runner.manager, await buildHypotheticalWorld(runner.manager, c), c);
    } finally {
      await runner.rollbackTransaction();
    }
  } finally {
    await runner.release();
  }
}
