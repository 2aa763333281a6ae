import { buildAbility, type Action, type SubjectType } from '../../authorization/ability';
import { AccessPurpose } from '../../authorization/grant-purpose';
import { principalInRole, type Principal, type StaffPrincipal } from '../../authorization/principal';
import { type Segment, StaffRole } from '../../authorization/roles';
import { ruleKeyOf } from './rule-names';

/**
 * POL-3: the policy table (every rule of every principal, reads and writes) as committed JSON, and
 * the gate: every rule that can reach a sensitive contact's data must be approved by an entry of
 * the policy change log, with a reason. The log is cumulative (its first entry approves the model
 * as reviewed), so the gate needs no git history: a change that widens such a rule fails until the
 * same change adds an entry naming it; a narrower rule (an approved rule plus conditions) and a
 * removed one pass. The committed table must be the generated one, so every change shows in review.
 */
export interface TableRule {
  action: Action;
  subject: SubjectType;
  /** The rule's conditions, with the principal's own ids as placeholders and the instant as "<now>". */
  when?: Record<string, unknown>;
  inverted?: true;
  /** The rule's name in RuleReason. */
  reason: string;
  /** The rule can reach a sensitive contact's data (see `inSensitiveScope`). */
  sensitive: boolean;
}
export type PolicyTable = Record<string, TableRule[]>;

export interface Permission {
  principal: string;
  action: Action;
  subject: SubjectType;
  when?: Record<string, unknown>;
}

/** Subjects whose rows are, carry or open a contact's data. Staff, Team and Notification carry none. */
const SENSITIVE_SUBJECTS: ReadonlySet<SubjectType> = new Set<SubjectType>([
  'Contact', 'Case', 'ServiceRequest', 'Activity', 'SrNote', 'PreferenceChange', 'Letter',
  'AccessRequest', 'AccessGrant', 'AccessExtension', 'AuditEvent', 'Policy',
]);
const NOW = new Date(0);
const NOW_TEXT = NOW.toISOString();

/** In scope unless its conditions pin the contact as not sensitive ({ sensitive: false } on any path). */
export const inSensitiveScope = (subject: SubjectType, when: Record<string, unknown> | undefined) =>
  SENSITIVE_SUBJECTS.has(subject) && !Object.entries(when ?? {}).some(([key, value]) => /(^|\.)sensitive$/.test(key) && value === false);

const PLACEHOLDER_STAFF = { id: '<self>', staffNumber: '<self>', segment: '<own segment>' as Segment, teamId: '<own team>' };
const HOLDING_GRANTS = ' holding grants';
const withGrants = (principal: StaffPrincipal): StaffPrincipal => ({
  ...principal,
  grants: [
    { id: '<grant>', purpose: AccessPurpose.VIEW_CONTACT, contactId: '<granted contact>', serviceRequestId: null, expiresAt: NOW },
    { id: '<grant>', purpose: AccessPurpose.ROUTE_SR_TO_SCR, contactId: '<granted contact>', serviceRequestId: '<granted SR>', expiresAt: NOW },
    { id: '<grant>', purpose: AccessPurpose.FINANCE_ACTION, contactId: '<granted contact>', serviceRequestId: '<granted SR>', expiresAt: NOW },
  ],
});

/** Sorted keys, so equal conditions have one text. */
export const canonical = (value: unknown): string => JSON.stringify(value, (_key, v) =>
  v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v);

function rulesOf(principal: Principal): TableRule[] {
  const rules: TableRule[] = [];
  for (const rule of buildAbility(principal, NOW).rules) {
    // `{}` and no conditions both mean "always": one spelling, so they compare equal.
    const when = rule.conditions && Object.keys(rule.conditions).length > 0
      ? JSON.parse(JSON.stringify(rule.conditions).split(NOW_TEXT).join('<now>')) : undefined;
    for (const action of [rule.action].flat() as Action[]) {
      for (const subject of [rule.subject].flat() as SubjectType[]) {
        rules.push({ action, subject, ...(when ? { when } : {}), ...(rule.inverted ? { inverted: true as const } : {}), reason: ruleKeyOf(rule.reason) ?? 'unnamed', sensitive: inSensitiveScope(subject, when) });
      }
    }
  }
  const key = (r: TableRule) => `${r.subject} ${r.action} ${canonical(r.when ?? {})} ${r.inverted ?? ''}`;
  return [...new Map(rules.map((r) => [key(r), r])).values()].sort((a, b) => key(a).localeCompare(key(b)));
}

/** The table from the role table in code: each staff role, the same role holding one grant of each purpose (only what the grants add), and a client. */
export function generatePolicyTable(): PolicyTable {
  const table: PolicyTable = {};
  for (const role of Object.values(StaffRole)) {
    const principal = principalInRole(role, PLACEHOLDER_STAFF, ['<led team>']);
    const base = rulesOf(principal);
    const seen = new Set(base.map((r) => canonical({ ...r, reason: undefined })));
    table[role] = base;
    table[`${role}${HOLDING_GRANTS}`] = rulesOf(withGrants(principal)).filter((r) => !seen.has(canonical({ ...r, reason: undefined })));
  }
  table.CLIENT = rulesOf({ kind: 'client', contactId: '<own contact>' });
  return table;
}

/** One rule per line, so a permission change is one line of the diff a reviewer reads. */
export function renderPolicyTable(table: PolicyTable): string {
  const principals = Object.entries(table).map(([principal, rules]) =>
    `    ${JSON.stringify(principal)}: [${rules.length ? `\n${rules.map((r) => `      ${JSON.stringify(r)}`).join(',\n')}\n    ` : ''}]`);
  return `{\n  "generatedBy": "npm run policy:diff -- --write (from src/authorization/ability.ts; do not edit by hand)",\n  "principals": {\n${principals.join(',\n')}\n  }\n}\n`;
}

export const parsePolicyTable = (text: string): PolicyTable => (JSON.parse(text) as { principals: PolicyTable }).principals;

/** An approved permission covers a rule when it is the same permission with no condition the rule lacks. */
const covers = (approved: Permission, principal: string, rule: TableRule) =>
  approved.principal === principal && approved.action === rule.action && approved.subject === rule.subject &&
  Object.entries(approved.when ?? {}).every(([key, value]) => rule.when && key in rule.when && canonical(rule.when[key]) === canonical(value));

export interface GateReport {
  /** Rules reaching sensitive data that no entry of the change log approves: the gate fails on these. */
  unapproved: { principal: string; rule: TableRule }[];
  /** Rules in code not in the committed table, and the reverse (for the reviewer; not failures). */
  added: { principal: string; rule: TableRule }[];
  removed: { principal: string; rule: TableRule }[];
  /** The committed table is not the one the code generates. */
  stale: boolean;
  /** A change log that does not parse or an entry without a reason. */
  problems: string[];
}

export function readChangeLog(raw: unknown): { approved: Permission[]; problems: string[] } {
  const problems: string[] = [];
  const approved: Permission[] = [];
  const entries = (raw as { entries?: unknown })?.entries;
  if (!Array.isArray(entries)) return { approved, problems: ['the change log has no "entries" list'] };
  entries.forEach((entry, index) => {
    const { date, change, reason, permissions } = (entry ?? {}) as Record<string, unknown>;
    const where = `entries[${index}]`;
    const bad = [
      typeof date !== 'string' || !/^\d{4}-\d\d-\d\d$/.test(date) ? 'a "date" (YYYY-MM-DD)' : null,
      typeof change !== 'string' || !change.trim() ? 'a "change" saying what changed' : null,
      typeof reason !== 'string' || reason.trim().length < 10 || reason.includes('<') ? 'a "reason" saying why (not a placeholder)' : null,
      !Array.isArray(permissions) || permissions.some((p) => !p || typeof p.principal !== 'string' || typeof p.action !== 'string' || typeof p.subject !== 'string')
        ? 'a "permissions" list of { principal, action, subject, when }' : null,
    ].filter(Boolean);
    if (bad.length > 0) problems.push(`${where} needs ${bad.join(', ')}; it approves nothing until it has them`);
    else approved.push(...(permissions as Permission[]));
  });
  return { approved, problems };
}

export function checkPolicyGate(generated: PolicyTable, committed: PolicyTable | null, changeLog: unknown): GateReport {
  const { approved, problems } = readChangeLog(changeLog);
  const all = (table: PolicyTable) => Object.entries(table).flatMap(([principal, rules]) => rules.map((rule) => ({ principal, rule })));
  const key = ({ principal, rule }: { principal: string; rule: TableRule }) => `${principal} ${canonical({ ...rule, reason: undefined, sensitive: undefined })}`;
  const inCommitted = new Set(all(committed ?? {}).map(key));
  const inGenerated = new Set(all(generated).map(key));
  for (const { principal, rule } of all(generated)) {
    if (rule.inverted) problems.push(`${principal}: "cannot ${rule.action} ${rule.subject}" is an inverted rule; the gate reasons about "can" rules only, so write it as a narrower "can"`);
  }
  return {
    unapproved: all(generated).filter(({ principal, rule }) => rule.sensitive && !approved.some((p) => covers(p, principal, rule))),
    added: all(generated).filter((entry) => !inCommitted.has(key(entry))),
    removed: all(committed ?? {}).filter((entry) => !inGenerated.has(key(entry))),
    stale: committed === null || canonical(committed) !== canonical(generated),
    problems,
  };
}

/** The change-log entry that would approve `unapproved`, for the failure message to paste and complete. */
export const suggestedEntry = (unapproved: GateReport['unapproved'], date: string) => ({
  date, change: '<what widened>', reason: '<why: the need, who agreed>',
  permissions: unapproved.map(({ principal, rule }) => ({ principal, action: rule.action, subject: rule.subject, ...(rule.when ? { when: rule.when } : {}) })),
});
