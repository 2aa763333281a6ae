import { graphql, GraphQLObjectType, GraphQLSchema, GraphQLString } from 'graphql';
import { guardRootFields, Policies, rootFieldPolicies } from '../src/authorization/policy';
import { buildAppSchema } from '../src/server/schema';
import { codesOf, startTestApp, type TestApp } from './support/test-app';

describe('deny by default', () => {
  it('every Query and Mutation of the schema declares an access policy', () => {
    const schema = buildAppSchema();
    const policies = rootFieldPolicies();
    const rootFields = [schema.getQueryType(), schema.getMutationType()]
      .filter((type) => type !== null && type !== undefined)
      .flatMap((type) => Object.keys(type!.getFields()).map((field) => `${type!.name}.${field}`));
    expect(rootFields.length).toBeGreaterThan(0);
    const undeclared = rootFields.filter((coordinate) => !policies.get(coordinate));
    expect(undeclared).toEqual([]);
  });

  it('a root field that declares no policy is refused at run time, even for a signed-in caller', async () => {
    const schema = new GraphQLSchema({
      query: new GraphQLObjectType({
        name: 'Query',
        fields: { declared: { type: GraphQLString, resolve: () => 'ok' }, forgotten: { type: GraphQLString, resolve: () => 'leak' } },
      }),
    });
    guardRootFields(schema, new Map([['Query.declared', Policies.signedIn()]]));
    const contextValue = { principal: { kind: 'client', contactId: 'x' } };
    const declared = await graphql({ schema, source: '{ declared }', contextValue });
    expect(declared.data).toEqual({ declared: 'ok' });
    const forgotten = await graphql({ schema, source: '{ forgotten }', contextValue });
    expect(forgotten.data).toEqual({ forgotten: null });
    expect(forgotten.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const anonymous = await graphql({ schema, source: '{ declared }', contextValue: { principal: null } });
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  describe('over HTTP', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp();
    });
    afterAll(() => t.close());

    it('anonymous callers get UNAUTHENTICATED on every root query, with no data', async () => {
      const schema = buildAppSchema();
      for (const field of ['me', 'contacts', 'cases']) {
        const selection = field === 'me' ? '{ __typename }' : '{ totalCount }';
        const res = await t.as(undefined)(`{ ${field} ${selection} }`);
        expect(codesOf(res)).toEqual(['UNAUTHENTICATED']);
        expect(res.data).toEqual({ [field]: null });
      }
      expect(Object.keys(schema.getQueryType()!.getFields())).toEqual(expect.arrayContaining(['me', 'contacts', 'cases', 'contact', 'case']));
    });

    it('role policies: FLLS and reviewers run no security checks; self-service-only operations refuse staff', async () => {
      const contact = '00000000-0000-4000-8000-000000000000';
      for (const staff of ['FLLS4001', 'SECR5001']) {
        const res = await t.as(staff)('mutation($id: ID!) { startSecurityCheck(input: { contactId: $id }) { challenge { id } } }', { id: contact });
        expect(codesOf(res)).toEqual(['FORBIDDEN']);
      }
      const caseworker = await t.as('CW1002')('mutation($id: ID!) { startSecurityCheck(input: { contactId: $id }) { challenge { id } } }', { id: contact });
      expect(codesOf(caseworker)).not.toContain('FORBIDDEN');
      const staffSelfService = await t.as('CW1002')(
        'mutation { requestSecurityDetailsChange(input: { newPin: "9081726" }) { serviceRequest { id } } }',
      );
      expect(codesOf(staffSelfService)).toEqual(['FORBIDDEN']);
    });

    it('a security reviewer may not read client records: FORBIDDEN, not an empty list', async () => {
      for (const query of ['{ contacts(first: 5) { totalCount } }', '{ cases(first: 5) { totalCount } }']) {
        const res = await t.as('SECR5001')(query);
        expect(codesOf(res)).toEqual(['FORBIDDEN']);
      }
      const me = await t.as('SECR5001')('{ me { staff { role } } }');
      expect(me.data.me.staff.role).toBe('SECURITY_REVIEWER');
    });
  });
});
