import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ACCESS_RULE_IDS } from '../src/modules/policy-workbench/access-rules';
import { formatFailure, readSuite, ruleCoverage, runSuite, type SuiteCase } from '../src/modules/policy-workbench/policy-suite';
import { openTestDatabase } from './support/database';
import type { OpenDatabase } from '../src/database/open-database';

const ROOT = join(__dirname, '..');
const SHIPPED = readdirSync(join(ROOT, 'policies')).filter((name) => name.endsWith('.suite.json')).map((name) => join('policies', name));
const shipped = (): SuiteCase[] => SHIPPED.flatMap((file) => {
  const suite = readSuite(file, readFileSync(join(ROOT, file), 'utf8'));
  expect(suite.problems).toEqual([]);
  return suite.cases;
});
const suiteOf = (cases: unknown[]) => JSON.stringify({ at: '2026-03-02T09:00:00Z', cases });
const CHLOE = { type: 'Contact', id: 'chloe', sensitive: true };

let db: OpenDatabase;
beforeAll(async () => {
  db = await openTestDatabase();
});
afterAll(() => db?.close());

describe('POL-1: reviewers write policy suites run against the real ability and SQL', () => {
  it('POL-1: the shipped suite passes against the real role table and its SQL, and writes nothing', async () => {
    const cases = shipped();
    const counts = async () => db.dataSource.query(`SELECT (SELECT count(*) FROM staff) s, (SELECT count(*) FROM contact) c,
      (SELECT count(*) FROM service_request) r, (SELECT count(*) FROM access_grant) g, (SELECT count(*) FROM team) t`);
    const before = await counts();
    const results = await runSuite(db.dataSource, cases);
    const failed = results.filter((result) => result.failures.length > 0);
    if (failed.length > 0) throw new Error(failed.map(formatFailure).join('\n\n'));
    expect(results.length).toBe(cases.length);
    expect(results.every((result) => result.decision.sqlAgreesWithMemory)).toBe(true);
    expect(await counts()).toEqual(before);
  });

  it('POL-1: the shipped suite names every access rule ID of the domain, each in a case', () => {
    const coverage = ruleCoverage(shipped());
    const uncovered = Object.keys(ACCESS_RULE_IDS).filter((id) => !coverage.has(id));
    expect(uncovered).toEqual([]);
  });

  it('POL-1: a failing case is reported with the rule that decided it and the rules that were tried', async () => {
    const { cases, problems } = readSuite('wrong.suite.json', suiteOf([
      { name: 'SCR-1: a caseworker would see a sensitive contact (wrong)', principal: { role: 'CASEWORKER' }, resource: CHLOE, action: 'read', expect: 'allow' },
      { name: 'SR-5: a caseworker may not work their own segment\'s SR (wrong)', principal: { role: 'CASEWORKER' }, resource: { type: 'ServiceRequest' },
        action: 'work', expect: 'deny' },
      { name: 'right rule expected, wrong rule named', principal: { role: 'CASEWORKER', grants: [{ contact: 'chloe' }] }, resource: CHLOE, action: 'read',
        expect: 'allow', rule: 'allContacts' },
    ]));
    expect(problems).toEqual([]);
    const [hidden, works, named] = await runSuite(db.dataSource, cases);
    expect(hidden.failures).toEqual(['expected allow, got deny (NOT_FOUND)']);
    const report = formatFailure(hidden);
    expect(report).toContain('FAIL SCR-1: a caseworker would see a sensitive contact (wrong)  (wrong.suite.json cases[0])');
    expect(report).toContain('decided by: no rule allows it (deny by default)');
    expect(report).toContain('rules of this principal for read Contact: nonSensitiveContacts when {"sensitive":false}');
    expect(works.failures).toEqual(['expected deny, got allow (ALLOWED)']);
    expect(formatFailure(works)).toContain(`decided by: segmentWork ("SR-5: works SRs of the caller's own segment whose subject they may see")`);
    expect(named.failures).toEqual(['expected the deciding rule allContacts, got grant']);
  });

  it('POL-1: an invalid suite is refused with every problem and its path, so a typo never reads as a default', () => {
    const { cases, problems } = readSuite('typos.suite.json', suiteOf([
      { name: 'typo', principal: { role: 'CASEWORKER' }, resource: { type: 'Contact', sensitve: true }, action: 'read', expect: 'deny' },
      { name: 'no role', principal: {}, resource: { type: 'Letter', status: 'POSTED' }, action: 'fly', expect: 'maybe' },
      { name: 'twice', principal: { role: 'CASEWORKER', grants: [{ contact: { id: 'chloe', sensitive: false } }] }, resource: CHLOE, action: 'read', expect: 'allow' },
      { name: 'nothing expected', principal: { role: 'FLLS' }, resource: CHLOE, action: 'read' },
    ]));
    const fields = problems.map((problem) => `${problem.field}: ${problem.message}`);
    expect(fields).toEqual(expect.arrayContaining([
      'typos.suite.json: cases[0].resource.sensitve: is not a field of a Contact resource',
      'typos.suite.json: cases[1].principal.role: is required: one of CASEWORKER, TEAM_LEADER, SCR_CASEWORKER, SCR_MANAGER, FLLS, SECURITY_REVIEWER, CLIENT',
      'typos.suite.json: cases[1].resource.status: must be one of GENERATED, SENT, CANCELLED',
      expect.stringMatching(/^typos\.suite\.json: cases\[1\]\.action: must be one of read, /),
      'typos.suite.json: cases[1].expect: must be one of allow, deny',
      expect.stringMatching(/^typos\.suite\.json: cases\[2\].*"chloe" is described twice with different sensitive/),
      'typos.suite.json: cases[3]: states no expectation (expect, outcome, rule or personalData)',
    ]));
    expect(cases.map((c) => c.policyCase.name)).toEqual(['nothing expected']);
  });

  it('POL-1: `npm run policy:test -- <file>` prints each failure with its deciding rule and exits non-zero', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'policy-suite-'));
    const failing = join(dir, 'failing.suite.json');
    writeFileSync(failing, suiteOf([
      { name: 'SCR-1: the SCR manager sees a sensitive contact', principal: { role: 'SCR_MANAGER', segment: 'SCR' }, resource: CHLOE, action: 'read', expect: 'allow' },
      { name: 'SCR-1: FLLS would see it (wrong)', principal: { role: 'FLLS' }, resource: CHLOE, action: 'read', expect: 'allow' },
    ]));
    const run = (file: string) => promisify(execFile)(process.execPath, ['-r', 'ts-node/register/transpile-only', 'src/cli/policy-test.ts', file], { cwd: ROOT })
      .then(() => ({ code: 0, stdout: '' }), (error: { code: number; stdout: string }) => error);
    const result = await run(failing);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('FAIL SCR-1: FLLS would see it (wrong)');
    expect(result.stdout).toContain('expected allow, got deny (NOT_FOUND)');
    expect(result.stdout).toContain('decided by: no rule allows it (deny by default)');
    expect(result.stdout).toContain('1 passed, 1 failed, 2 cases in 1 suite(s)');
  }, 120_000);
});
