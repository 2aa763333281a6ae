import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { SEES_EVERY_CONTACT } from '../src/authorization/ability';
import { StaffRole } from '../src/authorization/roles';
import {
  checkPolicyGate, generatePolicyTable, parsePolicyTable, renderPolicyTable, type Permission, type PolicyTable, type TableRule,
} from '../src/modules/policy-workbench/policy-gate';

const ROOT = join(__dirname, '..');
const TABLE_FILE = join(ROOT, 'policies', 'policy-table.json');
const LOG_FILE = join(ROOT, 'policies', 'CHANGELOG.json');
const changeLog = () => JSON.parse(readFileSync(LOG_FILE, 'utf8'));
const clone = (table: PolicyTable): PolicyTable => JSON.parse(JSON.stringify(table));
const entry = (reason: string, permissions: Permission[]) => ({ date: '2026-11-26', change: 'Test change', reason, permissions });
/** A log approving every rule reaching sensitive data as the code stands, so a test sees only its own change. */
const approvingAll = (table: PolicyTable) => ({ entries: [entry('Every rule of the table as generated now, approved for this test.',
  Object.entries(table).flatMap(([principal, rules]) => rules.filter((rule) => rule.sensitive)
    .map((rule) => ({ principal, action: rule.action, subject: rule.subject, when: rule.when })))) ] });
const describeUnapproved = (report: ReturnType<typeof checkPolicyGate>) => report.unapproved.map(({ principal, rule }) => `${principal} ${rule.action} ${rule.subject}`);

describe('POL-3: a change widening who may see or act on sensitive data fails unless the change log records it with a reason', () => {
  it('POL-3: the committed policy table is the one the role table generates (reads and writes, by role, sensitive scope marked)', () => {
    const generated = generatePolicyTable();
    expect(readFileSync(TABLE_FILE, 'utf8')).toBe(renderPolicyTable(generated));
    const actions = new Set(Object.values(generated).flat().map((rule) => rule.action));
    for (const action of ['read', 'work', 'route', 'assign', 'cancel', 'check', 'approve', 'grant', 'remove', 'preview']) expect(actions.has(action as never)).toBe(true);
    const caseworkerContact = generated.CASEWORKER.find((rule) => rule.action === 'read' && rule.subject === 'Contact')!;
    expect(caseworkerContact).toMatchObject({ when: { sensitive: false }, sensitive: false });
    expect(generated['CASEWORKER holding grants']).toContainEqual({ action: 'read', subject: 'Contact', when: { id: { $in: ['<granted contact>'] } }, reason: 'grant', sensitive: true });
  });

  it('POL-3: every rule of the role table that reaches sensitive data is approved in the committed change log', () => {
    const report = checkPolicyGate(generatePolicyTable(), parsePolicyTable(readFileSync(TABLE_FILE, 'utf8')), changeLog());
    expect(report.problems).toEqual([]);
    expect(describeUnapproved(report)).toEqual([]);
  });

  it('POL-3: a real widening of the role table (team leaders seeing every contact) fails, naming each permission', () => {
    const before = generatePolicyTable();
    (SEES_EVERY_CONTACT as Set<StaffRole>).add(StaffRole.TEAM_LEADER);
    let widened: PolicyTable;
    try {
      widened = generatePolicyTable();
    } finally {
      (SEES_EVERY_CONTACT as Set<StaffRole>).delete(StaffRole.TEAM_LEADER);
    }
    const report = checkPolicyGate(widened, before, approvingAll(before));
    expect(describeUnapproved(report)).toEqual(expect.arrayContaining(['TEAM_LEADER read Contact', 'TEAM_LEADER work ServiceRequest', 'TEAM_LEADER read Letter']));
    expect(report.unapproved.every(({ principal }) => principal.startsWith('TEAM_LEADER'))).toBe(true);
    expect(report.added.length).toBeGreaterThan(0);

    const recorded = { entries: [...approvingAll(before).entries, entry('Team leaders cover for the SCR team during the pilot, agreed by the SCR manager.',
      report.unapproved.map(({ principal, rule }) => ({ principal, action: rule.action, subject: rule.subject, when: rule.when })))] };
    expect(describeUnapproved(checkPolicyGate(widened, before, recorded))).toEqual([]);
  });

  it('POL-3: an entry without a reason approves nothing', () => {
    const table = clone(generatePolicyTable());
    const always: TableRule = { action: 'read', subject: 'Contact', reason: 'allContacts', sensitive: true };
    table.CASEWORKER.push(always);
    for (const reason of ['', '<why: the need, who agreed>', 'because']) {
      const report = checkPolicyGate(table, table, { entries: [...approvingAll(generatePolicyTable()).entries, entry(reason, [{ principal: 'CASEWORKER', action: 'read', subject: 'Contact' }])] });
      expect(describeUnapproved(report)).toEqual(['CASEWORKER read Contact']);
      expect(report.problems).toEqual([expect.stringContaining('needs a "reason" saying why (not a placeholder)')]);
    }
  });

  it('POL-3: dropping a condition widens; adding one or removing a rule narrows and passes without an entry', () => {
    const committed = generatePolicyTable();
    const srRead = (table: PolicyTable) => table.CASEWORKER.find((rule) => rule.action === 'read' && rule.subject === 'ServiceRequest')!;
    const dropped = clone(committed);
    delete srRead(dropped).when;
    expect(describeUnapproved(checkPolicyGate(dropped, committed, approvingAll(committed)))).toEqual(['CASEWORKER read ServiceRequest']);

    const narrowed = clone(committed);
    srRead(narrowed).when = { ...srRead(narrowed).when, status: 'OPEN' };
    narrowed.FLLS = narrowed.FLLS.filter((rule) => rule.action !== 'remove');
    const report = checkPolicyGate(narrowed, committed, approvingAll(committed));
    expect(report.unapproved).toEqual([]);
    expect(report.problems).toEqual([]);
    expect(report.removed.map(({ principal, rule }) => `${principal} ${rule.action} ${rule.subject}`)).toEqual(
      expect.arrayContaining(['FLLS remove AccessGrant', 'CASEWORKER read ServiceRequest']),
    );
  });

  it('POL-3: widening only over contacts not flagged sensitive needs no entry', () => {
    const committed = generatePolicyTable();
    const wider = clone(committed);
    wider.CASEWORKER.push({ action: 'verify', subject: 'Contact', when: { sensitive: false, kind: 'REPRESENTATIVE' }, reason: 'segmentWork', sensitive: false });
    wider.CASEWORKER.push({ action: 'read', subject: 'Letter', when: { 'contact.sensitive': false, status: 'SENT' }, reason: 'contactLetters', sensitive: false });
    expect(checkPolicyGate(wider, committed, approvingAll(committed)).unapproved).toEqual([]);
  });

  it('POL-3: `npm run policy:diff` fails (exit 1) on an unapproved widening, printing the entry to complete, and passes once it is recorded', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'policy-diff-'));
    const generated = generatePolicyTable();
    const table = join(dir, 'policy-table.json');
    writeFileSync(table, renderPolicyTable(generated));
    // The approved state without the POL-2 preview rules: adding them is the widening under test.
    const approved = approvingAll(generated);
    approved.entries[0].permissions = approved.entries[0].permissions.filter((p) => p.action !== 'preview');
    const withoutPreview = join(dir, 'without-preview.json');
    writeFileSync(withoutPreview, JSON.stringify(approved));
    const previewEntry = changeLog().entries.find((e: { change: string }) => e.change.startsWith('POL-2'));
    const recorded = join(dir, 'recorded.json');
    writeFileSync(recorded, JSON.stringify({ entries: [...approved.entries, previewEntry] }));
    const run = (log: string) => promisify(execFile)(process.execPath, ['-r', 'ts-node/register/transpile-only', 'src/cli/policy-diff.ts', '--table', table, '--log', log], { cwd: ROOT })
      .then(({ stdout }) => ({ code: 0, stdout }), (error: { code: number; stdout: string }) => error);
    const failing = await run(withoutPreview);
    expect(failing.code).toBe(1);
    expect(failing.stdout).toContain('3 rule(s) widen who may see or act on sensitive data');
    expect(failing.stdout).toContain('TEAM_LEADER may preview AccessRequest when {"status":"SUBMITTED"');
    expect(failing.stdout).toContain('"reason": "<why: the need, who agreed>"');
    const passing = await run(recorded);
    expect(passing).toMatchObject({ code: 0 });
    expect(passing.stdout).toContain('Policy gate passed');
  }, 60_000);
});
