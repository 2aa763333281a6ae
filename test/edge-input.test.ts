import fc from 'fast-check';
import { contactByScin, DEMO } from './support/demo';
import { sensitiveDemoSr } from './support/access-chain';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * Bad input is a 4xx with a code, never a masked 500: NUL characters, oversized strings, forged
 * cursors and ids, over the operations that take text. Seeded, so every run sends the same requests.
 */

let t: TestApp;
let ids: { sr: string; contact: string };
beforeAll(async () => {
  t = await startTestApp();
  ids = { sr: (await sensitiveDemoSr(t.dataSource)).id, contact: (await contactByScin(t.dataSource, DEMO.ordinaryPwc)).id };
});
afterAll(() => t.close());

const CRAFTED = ['a\u0000b', 'x'.repeat(20_000), 'y'.repeat(101), "'; DROP TABLE contact; --", 'eyJhIjoxfQ', '00000000-0000-0000-0000-00000000000g'];
const NASTY = fc.oneof(fc.constantFrom(...CRAFTED), fc.string({ maxLength: 30 }));

type Probe = (value: string) => [string, string, Record<string, unknown>];
const PROBES: Probe[] = [
  (v) => ['CW1002', 'query($v: String) { contacts(first: 5, after: $v) { totalCount } }', { v }],
  (v) => ['CW1002', 'query($v: String) { contacts(first: 5, filter: { name: $v }) { totalCount } }', { v }],
  (v) => ['CW1002', 'query($v: String) { serviceRequests(first: 5, after: $v) { totalCount } }', { v }],
  (v) => ['CW1002', 'query($v: String) { letters(first: 5, after: $v) { totalCount } }', { v }],
  (v) => ['CW1002', 'query($v: String) { cases(first: 5, after: $v) { totalCount } }', { v }],
  (v) => ['SECR5001', 'query($v: String) { auditEvents(first: 5, after: $v) { totalCount } }', { v }],
  (v) => ['CW1002', 'query($v: ID!) { contact(id: $v) { id } }', { v }],
  (v) => ['CW1002', 'mutation($v: String!) { addServiceRequestNote(input: { id: "' + ids.sr + '", text: $v }) { serviceRequest { id } } }', { v }],
  (v) => ['CW1002', `mutation($v: String) { createServiceRequest(input: { kind: SECURITY_SET_UP, subjectContactId: "${ids.contact}", caseIds: [],
    source: { type: REPORTING_PERSON, firstName: $v, lastName: $v, role: PWC } }) { serviceRequest { id } } }`, { v }],
  (v) => ['CW1002', 'mutation($v: ID!) { cancelLetter(input: { id: $v }) { letter { id } } }', { v }],
  (v) => ['CW1002', `mutation($v: String!) { submitAccessRequest(input: { staffNumber: "CW1002", team: $v, grade: "EO", area: "NE",
    requestedHours: 1, purpose: VIEW_CONTACT, serviceRequestId: "${ids.sr}", justification: $v }) { accessRequest { id } } }`, { v }],
];

describe('bad input answers a coded 4xx, never a 500', () => {
  it('NUL characters, oversized strings, forged cursors and ids over every probe: no INTERNAL_SERVER_ERROR', async () => {
    const seen = new Set<string>();
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: PROBES.length - 1 }), NASTY, async (probe, value) => {
        const [staff, query, variables] = PROBES[probe](value);
        const res = await t.as(staff)(query, variables);
        const codes = (res.errors ?? []).map((error) => error.extensions?.code);
        codes.forEach((code) => seen.add(String(code)));
        expect({ probe, status: res.status < 500, codes: codes.filter((code) => code === 'INTERNAL_SERVER_ERROR') })
          .toEqual({ probe, status: true, codes: [] });
        // The answer never quotes the value back.
        if (CRAFTED.includes(value) && !value.startsWith('0000')) expect(JSON.stringify(res.errors ?? [])).not.toContain(value.slice(0, 40));
      }),
      { numRuns: 150, seed: 20261126 },
    );
    expect(seen).toContain('BAD_USER_INPUT');
  });

  it('a NUL character anywhere (variable or literal) is BAD_USER_INPUT naming the field, status 400', async () => {
    const variable = await t.as('CW1002')('query($v: String) { contacts(first: 5, filter: { name: $v }) { totalCount } }', { v: 'A\u0000' });
    expect(variable.status).toBe(400);
    expect(variable.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'v', message: 'contains a NUL character' }] });
    const literal = await t.as('CW1002')('{ contacts(first: 5, filter: { name: "A\\u0000" }) { totalCount } }');
    expect(literal.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('SEC-3: no input value is echoed: not a PIN typed as a number, nor a password holding "; " or " at "', async () => {
    const SET_UP = 'mutation($i: SetUpSecurityInput!) { setUpSecurity(input: $i) { serviceRequest { id } } }';
    const password = 'Open; Sesame at "i.pin"; 7654321';
    const bad = await t.as('CW1002')(SET_UP, { i: { serviceRequestId: ids.sr, pin: 5830291, password } });
    expect(bad.status).toBe(400);
    expect(bad.errors?.[0].message).toBe('Variable "$i" got an invalid value at "i.pin"; String cannot represent a non string value: <redacted>');
    const inline = await t.as('CW1002')(`mutation { setUpSecurity(input: { serviceRequestId: "${ids.sr}", pin: 5830291, password: "p" }) { serviceRequest { id } } }`);
    for (const res of [bad, inline]) {
      const text = JSON.stringify(res.errors);
      for (const secret of ['5830291', 'Sesame', '7654321']) expect(text).not.toContain(secret);
    }
  });

  it('a subscription operation is a coded 400, not a masked 500', async () => {
    const res = await t.as('CW1002')('subscription { notificationAdded { id } }');
    expect(res.status).toBe(400);
    expect(res.errors?.[0].extensions?.code).not.toBe('INTERNAL_SERVER_ERROR');
  });

  it('no expensive work before authentication: a big anonymous document is 401 unparsed; a signed-in one past the token limit is a 400', async () => {
    const huge = `{ ${'__typename '.repeat(60_000)}}`; // 660 kB, under the 1 MB body limit
    const anonymous = await t.as()(huge);
    expect(anonymous.status).toBe(401);
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const signedIn = await t.as('CW1002')(huge);
    expect(signedIn.status).toBe(400);
    expect(signedIn.errors?.[0].extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
    // A small anonymous document is still answered by GraphQL (refused by the field's policy).
    const small = await t.as()('{ me { staff { staffNumber } } }');
    expect(small.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('cost counts page sizes given as variables and nested lists: an operation asking for too much is a 400 before any resolver', async () => {
    const block = 'parties { contact { representatives { client { representatives { representative { firstName } } } } } }';
    const nested = `query($n: Int) { cases(first: $n) { edges { node { a: ${block} b: ${block} c: ${block} } } } }`;
    const small = await t.as('CW1002')(nested, { n: 2 });
    expect(small.errors).toBeUndefined();
    const big = await t.as('CW1002')(nested, { n: 100 });
    expect(big.status).toBe(400);
    expect(big.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(big.errors?.[0].message).not.toMatch(/\d{4,}/); // the limit's value is not told
  });
});
