import { isNonNullType } from 'graphql';
import { buildAppSchema } from '../src/server/schema';
import { contactByScin, DEMO } from './support/demo';
import { caseIdsOf } from './support/preferences';
import { codesOf, startTestApp, type TestApp } from './support/test-app';

/**
 * Issue 8 point 14: one root field failing does not wipe the others. Every root Query and Mutation
 * field is nullable, so a refused, missing or badly asked field answers null with its own error (and its
 * path), while the rest of the response keeps its data.
 */

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const MISSING = '00000000-0000-4000-8000-000000000000';

describe('issue 8 point 14: one failing root field leaves the others their data', () => {
  it('every root Query field is nullable in the contract', () => {
    const fields = Object.values(buildAppSchema().getQueryType()!.getFields());
    expect(fields.filter((field) => isNonNullType(field.type)).map((field) => field.name)).toEqual([]);
    expect(fields.length).toBeGreaterThan(20);
  });

  it('a FORBIDDEN root field is null with its error; the fields around it keep their data', async () => {
    const res = await t.as('CW1002')('{ me { staff { staffNumber } } auditEvents(first: 1) { totalCount } contacts(first: 1) { totalCount } }');
    expect(res.status).toBe(200);
    expect(res.errors).toHaveLength(1);
    expect(res.errors![0]).toMatchObject({ path: ['auditEvents'], extensions: { code: 'FORBIDDEN' } });
    expect(res.data.auditEvents).toBeNull();
    expect(res.data.me).toEqual({ staff: { staffNumber: 'CW1002' } });
    expect(res.data.contacts.totalCount).toBeGreaterThan(0);
  });

  it('a NOT_FOUND root field (staff(id)) is null with its error; the others stay', async () => {
    const res = await t.as('CW1002')(`{ staff(id: "${MISSING}") { id } me { staff { staffNumber } } }`);
    expect(codesOf(res)).toEqual(['NOT_FOUND']);
    expect(res.errors![0].path).toEqual(['staff']);
    expect(res.data).toEqual({ staff: null, me: { staff: { staffNumber: 'CW1002' } } });
  });

  it('bad input in one root field (first: 0) is BAD_USER_INPUT for it alone', async () => {
    const res = await t.as('CW1002')('{ cases(first: 0) { totalCount } contacts(first: 1) { totalCount } }');
    expect(codesOf(res)).toEqual(['BAD_USER_INPUT']);
    expect(res.errors![0].path).toEqual(['cases']);
    expect(res.data.cases).toBeNull();
    expect(res.data.contacts.totalCount).toBeGreaterThan(0);
  });

  it('a self-service client asking for staff-only lists gets their own record alongside the refusals', async () => {
    const alice = await contactByScin(t.dataSource, DEMO.ordinaryPwc);
    const res = await t.asClient(alice.id)(
      'query($id: ID!) { accessRequests(first: 1) { totalCount } contact(id: $id) { id } auditEvents(first: 1) { totalCount } }',
      { id: alice.id },
    );
    expect(codesOf(res).sort()).toEqual(['FORBIDDEN', 'FORBIDDEN']);
    expect(res.errors!.map((error) => error.path).sort()).toEqual([['accessRequests'], ['auditEvents']]);
    expect(res.data).toEqual({ accessRequests: null, contact: { id: alice.id }, auditEvents: null });
  });

  it('every root Mutation field is nullable: a refused mutation answers null and the next one in the document still runs', async () => {
    const mutations = Object.values(buildAppSchema().getMutationType()!.getFields());
    expect(mutations.filter((field) => isNonNullType(field.type)).map((field) => field.name)).toEqual([]);

    const daniel = await contactByScin(t.dataSource, DEMO.ordinaryNrpSameCase);
    const res = await t.as('CW1002')(
      `mutation($input: CreateServiceRequestInput!) {
        refused: approveAccessRequest(input: { id: "${MISSING}" }) { accessRequest { id } } # a caseworker may approve nothing: FORBIDDEN
        created: createServiceRequest(input: $input) { serviceRequest { id status } }
      }`,
      { input: {
        kind: 'SECURITY_SET_UP', subjectContactId: daniel.id, caseIds: await caseIdsOf(t.dataSource, daniel.id),
        source: { type: 'REPORTING_PERSON', firstName: daniel.firstName, lastName: daniel.lastName, role: 'NRP' },
      } },
    );
    expect(res.status).toBe(200);
    expect(codesOf(res)).toEqual(['FORBIDDEN']);
    expect(res.errors![0].path).toEqual(['refused']);
    expect(res.data.refused).toBeNull();
    expect(res.data.created.serviceRequest).toMatchObject({ status: 'OPEN' });
    const [row] = await t.dataSource.query('SELECT count(*)::int AS n FROM service_request WHERE id = $1', [res.data.created.serviceRequest.id]);
    expect(row.n).toBe(1);
  });
});
