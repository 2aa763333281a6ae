import 'reflect-metadata';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { openDatabase } from '../database/open-database';
import { ENTITIES, SUBSCRIBERS } from '../modules/entities';
import { ACCESS_RULE_IDS } from '../modules/policy-workbench/access-rules';
import { formatFailure, readSuite, ruleCoverage, runSuite, type SuiteCase } from '../modules/policy-workbench/policy-suite';

const ROOT = join(__dirname, '..', '..');
const SUITES = join(ROOT, 'policies');

/**
 * `npm run policy:test -- <suite files>` (POL-1): runs policy suites against the real role table
 * and its SQL on a throw-away embedded database (in memory, migrated, empty: each case writes its
 * hypothetical rows in a transaction that is rolled back). Without arguments, every
 * `policies/*.suite.json`. Prints each failure with the rule that decided; exits 1 when a case
 * fails, 2 when a suite cannot be read.
 */
async function main(): Promise<number> {
  const given = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
  const files = given.length > 0 ? given : readdirSync(SUITES).filter((name) => name.endsWith('.suite.json')).map((name) => join(SUITES, name));
  const cases: SuiteCase[] = [];
  const problems: string[] = [];
  for (const file of files) {
    const shown = relative(process.cwd(), file) || file;
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      problems.push(`${shown}: cannot be read`);
      continue;
    }
    const suite = readSuite(shown, text);
    cases.push(...suite.cases);
    problems.push(...suite.problems.map((problem) => `${problem.field}: ${problem.message}`));
  }
  if (problems.length > 0) {
    console.error(`Invalid policy suite:\n${problems.map((line) => `  ${line}`).join('\n')}`);
    return 2;
  }

  const started = Date.now();
  const database = await openDatabase({ embeddedDataDir: 'memory' }, { entities: ENTITIES, subscribers: SUBSCRIBERS });
  try {
    const results = await runSuite(database.dataSource, cases);
    const failed = results.filter((result) => result.failures.length > 0);
    for (const result of failed) console.log(`${formatFailure(result)}\n`);
    const coverage = ruleCoverage(cases);
    const uncovered = Object.keys(ACCESS_RULE_IDS).filter((id) => !coverage.has(id));
    console.log(`${results.length - failed.length} passed, ${failed.length} failed, ${results.length} cases in ${files.length} suite(s), ${Date.now() - started} ms.`);
    // The shipped suites must name every access rule; a reviewer's own suite need not.
    if (given.length === 0 && uncovered.length > 0) console.log(`Access rules no case names: ${uncovered.join(', ')}.`);
    return failed.length > 0 ? 1 : 0;
  } finally {
    await database.close();
  }
}

main().then((code) => process.exit(code), (error) => {
  console.error(error);
  process.exit(2);
});
