import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { simulateCase } from '../src/modules/policy-workbench/decide';
import { readSuite } from '../src/modules/policy-workbench/policy-suite';
import { snapshot } from './support/snapshot';
import { codesOf, startTestApp, type TestApp } from './support/test-app';

const SIMULATE = `query($input: SimulateAccessInput!) { simulateAccess(input: $input) {
  allowed outcome rule reason readable personalDataShown consideredRules sqlAgreesWithMemory sqlChecked at } }`;
const SUITE_FILE = join(__dirname, '..', 'policies', 'access-model.suite.json');

type Json = Record<string, any>;
const ref = (value: unknown) => (typeof value === 'string' ? { id: value } : value);
/** A suite case as GraphQL variables: labels given as plain strings become { id } objects (GraphQL takes one shape). */
function asInput(raw: Json): Json {
  const grant = (g: Json) => ({ ...g, contact: ref(g.contact), serviceRequest: ref(g.serviceRequest) });
  const sr = (s: unknown) => (typeof s === 'object' && s !== null ? { ...s, subject: ref((s as Json).subject) } : ref(s));
  const r = raw.resource;
  const resource = Object.fromEntries(Object.entries({
    ...r, subject: ref(r.subject), contact: ref(r.contact), serviceRequest: sr(r.serviceRequest),
    parties: r.parties?.map(ref), grant: r.grant && grant(r.grant),
  }).filter(([, value]) => value !== undefined));
  const principal = { ...raw.principal, grants: raw.principal.grants?.map(grant) };
  const action = raw.action.replace(/[A-Z]/g, (c: string) => `_${c}`).toUpperCase(); // requestExtension -> REQUEST_EXTENSION
  return { principal, resource, action, at: raw.at ?? '2026-03-02T09:00:00Z' };
}

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

describe('POL-2: a security reviewer simulates a decision for a hypothetical principal and resource', () => {
  it('POL-2: over HTTP, a suite case gets the same decision and deciding rule as the suite runner, one case per access rule', async () => {
    const raw = JSON.parse(readFileSync(SUITE_FILE, 'utf8')).cases as Json[];
    const { cases } = readSuite('access-model.suite.json', readFileSync(SUITE_FILE, 'utf8'));
    // One case for each rule ID, so every part of the access model goes through the API once.
    const picked = new Map<string, number>();
    cases.forEach((c, index) => c.policyCase.rules.forEach((id) => { if (!picked.has(id)) picked.set(id, index); }));
    expect(picked.size).toBeGreaterThanOrEqual(20);
    for (const index of new Set(picked.values())) {
      const suiteDecision = await simulateCase(t.dataSource, cases[index].policyCase);
      const res = await t.as('SECR5001')(SIMULATE, { input: asInput(raw[index]) });
      expect({ name: raw[index].name, errors: res.errors }).toEqual({ name: raw[index].name, errors: undefined });
      const answer = res.data.simulateAccess;
      expect({ name: raw[index].name, outcome: answer.outcome, rule: answer.rule, reason: answer.reason, shown: answer.personalDataShown })
        .toEqual({ name: raw[index].name, outcome: suiteDecision.outcome, rule: suiteDecision.rule, reason: suiteDecision.reason, shown: suiteDecision.contactVisible });
      expect(answer.allowed).toBe(raw[index].expect === 'allow');
      expect(answer.sqlAgreesWithMemory).toBe(true);
    }
  });

  it('POL-2: a simulation writes nothing and touches no real row', async () => {
    const before = await snapshot(t.dataSource);
    const res = await t.as('SECR5001')(SIMULATE, { input: {
      principal: { role: 'CASEWORKER', grants: [{ purpose: 'VIEW_CONTACT', contact: { id: 'chloe' }, from: '-1h', until: '+2h' }] },
      resource: { type: 'Letter', serviceRequest: { id: 'sr', subject: { id: 'chloe', sensitive: true } }, status: 'GENERATED' },
      action: 'CANCEL',
    } });
    expect(res.errors).toBeUndefined();
    expect(res.data.simulateAccess).toMatchObject({ allowed: true, outcome: 'ALLOWED', rule: 'segmentLetters', personalDataShown: true, sqlChecked: true });
    expect(await snapshot(t.dataSource)).toEqual(before);
  });

  it('POL-2: the decision is taken at the request instant unless `at` is given, so a grant ends exactly at its expiry', async () => {
    const input = (at?: string) => ({
      principal: { role: 'CASEWORKER', grants: [{ contact: { id: 'chloe' }, from: '2026-03-02T08:00:00Z', until: '2026-03-02T10:00:00Z' }] },
      resource: { type: 'Contact', id: 'chloe', sensitive: true }, action: 'READ', ...(at ? { at } : {}),
    });
    t.clock.set('2026-03-02T09:59:59.999Z');
    expect((await t.as('SECR5001')(SIMULATE, { input: input() })).data.simulateAccess).toMatchObject({ allowed: true, rule: 'grant', at: '2026-03-02T09:59:59.999Z' });
    t.clock.set('2026-03-02T10:00:00Z');
    expect((await t.as('SECR5001')(SIMULATE, { input: input() })).data.simulateAccess).toMatchObject({ allowed: false, outcome: 'NOT_FOUND', rule: null });
    expect((await t.as('SECR5001')(SIMULATE, { input: input('2026-03-02T09:00:00Z') })).data.simulateAccess.allowed).toBe(true);
  });

  it('POL-2: a case that does not hold together is BAD_USER_INPUT naming every field, never a 500', async () => {
    const res = await t.as('SECR5001')(SIMULATE, { input: {
      principal: { role: 'CLIENT', grants: [{ contact: { id: 'x' } }] },
      resource: { type: 'Contact', segment: 'SCR', status: 'OPEN' },
      action: 'READ',
    } });
    expect(codesOf(res)).toEqual(['BAD_USER_INPUT']);
    expect(res.errors![0].extensions!.fields).toEqual(expect.arrayContaining([
      { field: 'principal.grants', message: 'a CLIENT holds no grants' },
      { field: 'resource.segment', message: 'is not a field of a Contact resource' },
      { field: 'resource.status', message: 'is not a field of a Contact resource' },
    ]));
    const badInstant = await t.as('SECR5001')(SIMULATE, { input: {
      principal: { role: 'CASEWORKER', grants: [{ contact: { id: 'c' }, until: 'tomorrow' }] }, resource: { type: 'Contact' }, action: 'READ',
    } });
    expect(badInstant.errors![0].extensions!.fields).toEqual([
      { field: 'principal.grants[0].until', message: 'must be an ISO 8601 instant (2026-03-02T09:00:00Z) or hours from `at` ("+4h", "-1h")' },
    ]);
  });

  it('POL-2: only a security reviewer simulates: every other role is FORBIDDEN, an anonymous caller UNAUTHENTICATED', async () => {
    const input = { principal: { role: 'CASEWORKER' }, resource: { type: 'Contact' }, action: 'READ' };
    for (const staff of ['CW1002', 'TL1001', 'SCRM3001', 'SCRC3002', 'FLLS4001']) {
      expect(codesOf(await t.as(staff)(SIMULATE, { input }))).toEqual(['FORBIDDEN']);
    }
    expect(codesOf(await t.as(undefined)(SIMULATE, { input }))).toEqual(['UNAUTHENTICATED']);
  });
});
