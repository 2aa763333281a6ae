import 'reflect-metadata';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import {
  checkPolicyGate, generatePolicyTable, parsePolicyTable, renderPolicyTable, suggestedEntry, type TableRule,
} from '../modules/policy-workbench/policy-gate';

const POLICIES = join(__dirname, '..', '..', 'policies');
const option = (name: string, fallback: string) => {
  const at = process.argv.indexOf(name);
  return at >= 0 && process.argv[at + 1] ? process.argv[at + 1] : fallback;
};
// Other files than the committed ones, for trying a change log before committing it.
const TABLE = option('--table', join(POLICIES, 'policy-table.json'));
const CHANGE_LOG = option('--log', join(POLICIES, 'CHANGELOG.json'));

const line = (principal: string, rule: TableRule) =>
  `${principal} may ${rule.action} ${rule.subject}${rule.when ? ` when ${JSON.stringify(rule.when)}` : ' (always)'} [${rule.reason}]`;

/**
 * `npm run policy:diff` (POL-3, CI): compares the role table in code with the committed
 * policies/policy-table.json and checks every rule reaching sensitive data against
 * policies/CHANGELOG.json. Fails (exit 1) on an unapproved widening, a change-log entry without a
 * reason, or a committed table that is not the generated one. `-- --write` rewrites the table;
 * `--table <file>` and `--log <file>` check other files than the committed ones.
 */
function main(): number {
  const generated = generatePolicyTable();
  const write = process.argv.includes('--write');
  const committed = existsSync(TABLE) ? parsePolicyTable(readFileSync(TABLE, 'utf8')) : null;
  const changeLog = existsSync(CHANGE_LOG) ? JSON.parse(readFileSync(CHANGE_LOG, 'utf8')) : { entries: [] };
  const sinceCommitted = checkPolicyGate(generated, committed, changeLog);
  const changes = [...sinceCommitted.added.map((e) => `  + ${line(e.principal, e.rule)}`), ...sinceCommitted.removed.map((e) => `  - ${line(e.principal, e.rule)}`)];
  if (committed && changes.length > 0) console.log(`Changes since the committed table:\n${changes.join('\n')}`);
  if (write) {
    writeFileSync(TABLE, renderPolicyTable(generated));
    console.log(`${relative(process.cwd(), TABLE)} written.`);
  }
  const report = write ? checkPolicyGate(generated, generated, changeLog) : sinceCommitted;
  let failed = false;
  if (report.stale) {
    failed = true;
    console.log('FAIL: policies/policy-table.json is not the table the code generates: run `npm run policy:diff -- --write` and commit it.');
  }
  for (const problem of report.problems) {
    failed = true;
    console.log(`FAIL: policies/CHANGELOG.json ${problem}.`);
  }
  if (report.unapproved.length > 0) {
    failed = true;
    console.log(`FAIL: ${report.unapproved.length} rule(s) widen who may see or act on sensitive data, and no change-log entry approves them:`);
    for (const { principal, rule } of report.unapproved) console.log(`  ${line(principal, rule)}`);
    console.log('Record them in policies/CHANGELOG.json "entries", with what changed and why:');
    console.log(JSON.stringify(suggestedEntry(report.unapproved, new Date().toISOString().slice(0, 10)), null, 2));
  }
  if (!failed) console.log(`Policy gate passed: ${Object.values(generated).flat().filter((r) => r.sensitive).length} rules reach sensitive data, each approved in the change log.`);
  return failed ? 1 : 0;
}

process.exit(main());
