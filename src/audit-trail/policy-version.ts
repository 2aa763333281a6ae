import { createHash } from 'node:crypto';
import { buildAbility, type AppAbility } from '../authorization/ability';
import { AccessPurpose } from '../authorization/grant-purpose';
import type { LiveGrant } from '../authorization/grants';
import { type Principal, principalInRole } from '../authorization/principal';
import { type Segment, StaffRole } from '../authorization/roles';

/** Placeholders, so the rules read "own segment", "own team" rather than one person's values. */
const PLACEHOLDER_GRANTS: LiveGrant[] = Object.values(AccessPurpose).map((purpose) => ({
  id: `<grant ${purpose}>`, purpose, contactId: '<granted contact>', serviceRequestId: '<granted SR>', expiresAt: new Date(0),
}));

/** One principal of each kind the role table knows: each staff role (leading a team, holding a grant of each purpose) and a client. */
function samplePrincipals(): [string, Principal][] {
  const staff = Object.values(StaffRole).map((role): [string, Principal] => [role, {
    ...principalInRole(role, { id: '<self>', staffNumber: '<self>', segment: '<own segment>' as Segment, teamId: '<own team>' }, ['<led team>']),
    grants: PLACEHOLDER_GRANTS,
  }]);
  return [...staff, ['CLIENT', { kind: 'client', contactId: '<own contact>' }]];
}

/** JSON with object keys sorted at every level and dates as ISO strings: the same rules give the same text. */
function canonicalJson(value: unknown): string {
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, v]) => `${JSON.stringify(key)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * AUD-3: the version of the policy in force, as the sha256 of the role table: every rule (action,
 * subject, conditions, reason, in order) that `build` gives each role and a client, at a fixed
 * instant. Any change of a rule changes it; a change elsewhere in the code does not.
 */
export function policyVersionOf(build: (principal: Principal | null, now: Date) => AppAbility = buildAbility): string {
  const table = samplePrincipals().map(([name, principal]) => [name, build(principal, new Date(0)).rules]);
  return createHash('sha256').update(canonicalJson(table)).digest('hex');
}

let current: string | undefined;

/** The policy version of this process: the role table is code, so it is computed once (at start-up, see main.ts). */
export const currentPolicyVersion = (): string => (current ??= policyVersionOf());
