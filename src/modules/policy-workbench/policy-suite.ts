import type { DataSource } from 'typeorm';
import type { FieldProblem } from '../../common/errors';
import { simulateCase, type Decision } from './decide';
import { SimulatedOutcome, type PolicyCase } from './policy-case';
import { readPolicyCase } from './read-policy-case';

/**
 * POL-1: a policy suite is a JSON file `{ "description", "at", "cases": [...] }` of cases
 * (policy-case.ts), run against the real ability and SQL. Every case states at least one
 * expectation, so no case can pass without checking something.
 */
export interface SuiteCase {
  file: string;
  path: string;
  policyCase: PolicyCase;
}

export interface CaseResult extends SuiteCase {
  decision: Decision;
  failures: string[];
}

export function readSuite(file: string, text: string): { cases: SuiteCase[]; problems: FieldProblem[] } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { cases: [], problems: [{ field: file, message: `is not JSON: ${(error as Error).message}` }] };
  }
  const suite = (typeof raw === 'object' && raw !== null ? raw : {}) as { at?: unknown; cases?: unknown; description?: unknown };
  const problems: FieldProblem[] = [];
  const at = typeof suite.at === 'string' ? new Date(suite.at) : undefined;
  if (suite.at !== undefined && (!at || Number.isNaN(at.getTime()))) problems.push({ field: `${file}: at`, message: 'must be an ISO 8601 instant' });
  if (!Array.isArray(suite.cases) || suite.cases.length === 0) problems.push({ field: `${file}: cases`, message: 'must be a non-empty list' });
  for (const key of Object.keys(suite)) {
    if (!['at', 'cases', 'description'].includes(key)) problems.push({ field: `${file}: ${key}`, message: 'is not a field of a suite (description, at, cases)' });
  }
  const cases: SuiteCase[] = [];
  (Array.isArray(suite.cases) ? suite.cases : []).forEach((entry, index) => {
    const path = `cases[${index}]`;
    const read = readPolicyCase(entry, path, { at });
    problems.push(...read.problems.map((problem) => ({ field: `${file}: ${problem.field}`, message: problem.message })));
    if (read.policyCase) {
      if (!hasExpectation(read.policyCase)) problems.push({ field: `${file}: ${path}`, message: 'states no expectation (expect, outcome, rule or personalData)' });
      cases.push({ file, path, policyCase: read.policyCase });
    }
  });
  return { cases, problems };
}

const hasExpectation = (c: PolicyCase) => [c.expect, c.outcome, c.rule, c.personalData].some((value) => value !== undefined);

/** What the decision contradicts in the case's expectations; empty when it passes. */
export function failuresOf(c: PolicyCase, d: Decision): string[] {
  const failures: string[] = [];
  const got = d.outcome === SimulatedOutcome.ALLOWED ? 'allow' : 'deny';
  if (c.expect && c.expect !== got) failures.push(`expected ${c.expect}, got ${got} (${d.outcome})`);
  if (c.outcome && c.outcome !== d.outcome) failures.push(`expected outcome ${c.outcome}, got ${d.outcome}`);
  if (c.rule && c.rule !== d.rule) failures.push(`expected the deciding rule ${c.rule}, got ${d.rule ?? 'none'}`);
  if (c.personalData) {
    const shown = d.contactVisible === null ? 'not applicable' : d.contactVisible ? 'shown' : 'hidden';
    if (shown !== c.personalData) failures.push(`expected personal data ${c.personalData}, got ${shown}`);
  }
  if (!d.sqlAgreesWithMemory) failures.push('SCR-2: the SQL form of the rules and their in-memory form disagree on this row');
  return failures;
}

/** Runs every case, one rolled-back transaction each, in order. */
export async function runSuite(dataSource: DataSource, cases: SuiteCase[]): Promise<CaseResult[]> {
  const results: CaseResult[] = [];
  for (const suiteCase of cases) {
    const decision = await simulateCase(dataSource, suiteCase.policyCase);
    results.push({ ...suiteCase, decision, failures: failuresOf(suiteCase.policyCase, decision) });
  }
  return results;
}

/** A failure as the reviewer reads it: what was expected, what decided, and what else was tried. */
export function formatFailure(result: CaseResult): string {
  const { policyCase: c, decision: d } = result;
  const lines = [
    `FAIL ${c.name}  (${result.file} ${result.path})`,
    `  ${describeCall(c)}`,
    ...result.failures.map((failure) => `  ${failure}`),
    `  decided by: ${d.rule ? `${d.rule} ("${d.reason}")` : d.reason}`,
  ];
  if (d.allowed && !d.readable && d.outcome === SimulatedOutcome.NOT_FOUND) lines.push('  (the action\'s rule holds, but the row is not readable, so the API answers NOT_FOUND)');
  lines.push(`  rules of this principal for ${c.action} ${c.resource.type}: ${d.considered.length ? d.considered.join('; ') : 'none'}`);
  return lines.join('\n');
}

export const describeCall = (c: PolicyCase) => {
  const p = c.principal;
  const who = p.role === 'CLIENT' ? `CLIENT ${p.contact}` : `${p.role} of ${p.segment} (team ${p.team}${p.leads.length ? `, leads ${p.leads.join(', ')}` : ''})`;
  const grants = p.grants.map((g) => `${g.purpose} ${g.contact ?? ''}${g.serviceRequest ? ` SR ${g.serviceRequest}` : ''} ${g.from.toISOString()}..${g.until.toISOString()}${g.removedAt ? ' removed' : ''}`);
  return `${who}${p.active ? '' : ' (inactive)'}${grants.length ? ` with grants [${grants.join('; ')}]` : ''} -> ${c.action} ${c.resource.type} ${c.resource.label} at ${c.at.toISOString()}`;
};

/** How many cases name each rule ID. */
export function ruleCoverage(cases: SuiteCase[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const { policyCase } of cases) for (const rule of policyCase.rules) counts.set(rule, (counts.get(rule) ?? 0) + 1);
  return counts;
}
