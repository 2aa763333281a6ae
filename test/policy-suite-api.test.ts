import { snapshot } from './support/snapshot';
import { codesOf, startTestApp, type TestApp } from './support/test-app';

/** POL-1 from outside: a security reviewer with a token runs a suite through the API, nothing written. */

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const RUN = `query($suite: JSONObject!) { runPolicySuite(suite: $suite) { passed total failed failures { name path failures decidedBy consideredRules report } } }`;

const SUITE = {
  at: '2026-03-02T09:00:00Z',
  cases: [
    { name: 'SCR-1: a caseworker does not see a sensitive contact', principal: { role: 'CASEWORKER' },
      resource: { type: 'Contact', id: 'chloe', sensitive: true }, action: 'read', expect: 'deny', outcome: 'NOT_FOUND' },
    { name: 'SCR-4: a grant that ended an hour ago still shows the contact (wrong on purpose)',
      principal: { role: 'CASEWORKER', grants: [{ purpose: 'VIEW_CONTACT', contact: 'chloe', from: '-5h', until: '-1h' }] },
      resource: { type: 'Contact', id: 'chloe', sensitive: true }, action: 'read', expect: 'allow', rule: 'grant' },
    { name: 'SCR-4: a live grant shows it', principal: { role: 'CASEWORKER', grants: [{ purpose: 'VIEW_CONTACT', contact: 'chloe', from: '-1h', until: '+1h' }] },
      resource: { type: 'Contact', id: 'chloe', sensitive: true }, action: 'read', expect: 'allow', rule: 'grant' },
  ],
};

describe('POL-1: a reviewer runs a policy suite through the API', () => {
  it('POL-1: each failing case comes back with the rule that decided and the rules tried; nothing is written', async () => {
    const before = await snapshot(t.dataSource);
    const res = await t.as('SECR5001')(RUN, { suite: SUITE });
    expect(res.errors).toBeUndefined();
    const report = res.data.runPolicySuite;
    expect(report).toMatchObject({ passed: false, total: 3, failed: 1 });
    expect(report.failures[0]).toMatchObject({
      name: 'SCR-4: a grant that ended an hour ago still shows the contact (wrong on purpose)', path: 'cases[1]', decidedBy: null,
    });
    expect(report.failures[0].failures).toEqual(expect.arrayContaining(['expected allow, got deny (NOT_FOUND)']));
    expect(report.failures[0].consideredRules.join(' ')).toContain('nonSensitiveContacts');
    expect(report.failures[0].report).toContain('decided by: no rule allows it');
    expect(await snapshot(t.dataSource)).toEqual(before);
  });

  it('POL-1: a suite with mistakes is BAD_USER_INPUT naming each; only those who may read the policy run one', async () => {
    const bad = await t.as('SECR5001')(RUN, { suite: { cases: [{ name: 'x', principal: { role: 'NOBODY' }, resource: { type: 'Contact' }, action: 'read' }], extra: 1 } });
    expect(codesOf(bad)).toEqual(['BAD_USER_INPUT']);
    const fields = (bad.errors![0].extensions!.fields as { field: string }[]).map((problem) => problem.field);
    expect(fields).toEqual(expect.arrayContaining(['suite: extra']));
    expect(codesOf(await t.as('CW1002')(RUN, { suite: SUITE }))).toEqual(['FORBIDDEN']);
    expect(codesOf(await t.as()(RUN, { suite: SUITE }))).toEqual(['UNAUTHENTICATED']);
  });
});
