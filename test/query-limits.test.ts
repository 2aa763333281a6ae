import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  getNamedType, getOperationAST, isEnumType, isLeafType, isNonNullType, isObjectType, parse, type GraphQLField, type GraphQLObjectType,
} from 'graphql';
import { MAX_PAGE_SIZE } from '../src/common/connection';
import { QUERY_LIMITS } from '../src/server/apollo';
import { MAX_QUERY_COST, NESTED_LIST_ESTIMATE, operationCost } from '../src/server/query-cost';
import { buildAppSchema } from '../src/server/schema';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { startTestApp, type GraphQLResponse, type TestApp } from './support/test-app';

/**
 * Issue 8 point 13: the query limits never refuse what the API documents. A full page with what a
 * screen shows passes; the cost limit judges `first: 100` and `first: $n` alike; a refusal is a
 * coded error saying what to do; the limits are the README's.
 */

const schema = buildAppSchema();
const leaves = (type: GraphQLObjectType) =>
  Object.values(type.getFields())
    .filter((field) => isLeafType(getNamedType(field.type)) && field.args.every((arg) => !isNonNullType(arg.type)))
    .map((field) => field.name);

/** Every leaf of the node, and the leaves of each object it points at (one level): more than any screen shows. */
function screenSelection(type: GraphQLObjectType): string {
  const nested = Object.values(type.getFields() as Record<string, GraphQLField<unknown, unknown>>)
    .filter((field) => isObjectType(getNamedType(field.type)) && field.args.every((arg) => !isNonNullType(arg.type)))
    .flatMap((field) => {
      const inner = leaves(getNamedType(field.type) as GraphQLObjectType);
      return inner.length > 0 ? [`${field.name} { ${inner.join(' ')} }`] : [];
    });
  return [...leaves(type), ...nested].join(' ');
}

/** The lists a screen pages through: every root connection whose arguments are all optional. */
const connections = Object.values(schema.getQueryType()!.getFields())
  .filter((field) => field.args.some((arg) => arg.name === 'first') && field.args.every((arg) => !isNonNullType(arg.type) || arg.defaultValue !== undefined))
  .map((field) => {
    const connection = getNamedType(field.type) as GraphQLObjectType;
    const edge = getNamedType(connection.getFields().edges.type) as GraphQLObjectType;
    const node = getNamedType(edge.getFields().node.type) as GraphQLObjectType;
    return { name: field.name, query: `query($n: Int) { ${field.name}(first: $n) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { ${screenSelection(node)} } } } }` };
  });

const costOf = (query: string, variables: Record<string, unknown> = {}) => {
  const document = parse(query);
  return operationCost(schema, document, getOperationAST(document)!, variables);
};

describe('issue 8 point 13: a page of 100 with what a screen shows is within every limit', () => {
  it('the lists are found (contacts, cases, serviceRequests, accessRequests, auditEvents, ...)', () => {
    expect(connections.map((c) => c.name)).toEqual(expect.arrayContaining(['contacts', 'cases', 'serviceRequests', 'accessRequests', 'auditEvents', 'letters']));
  });

  it.each(connections.map((c) => [c.name, c.query]))('%s(first: 100) with every field of its node and of what it points at costs under the limit', (_name, query) => {
    expect(costOf(query, { n: MAX_PAGE_SIZE })).toBeLessThanOrEqual(MAX_QUERY_COST);
  });

  describe('over HTTP', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp();
    });
    afterAll(() => t.close());

    /** The page ran: HTTP 200, and the only error allowed is the role's own FORBIDDEN; true when it answered data. */
    const passes = (res: GraphQLResponse, name: string): boolean => {
      expect({ status: res.status, errors: res.status === 200 ? undefined : res.errors }).toEqual({ status: 200, errors: undefined });
      expect((res.errors ?? []).map((error) => error.extensions?.code).filter((code) => code !== 'FORBIDDEN')).toEqual([]);
      return res.data?.[name] != null;
    };

    it('each list screen of 100 runs for the security reviewer and the SCR manager (literal and variable page size alike)', async () => {
      const answered: string[] = [];
      for (const { name, query } of connections) {
        for (const who of ['SECR5001', 'SCRM3001']) {
          const byVariable = passes(await t.as(who)(query, { n: MAX_PAGE_SIZE }), name);
          const byLiteral = passes(await t.as(who)(query.replace('query($n: Int)', 'query').replace('first: $n', `first: ${MAX_PAGE_SIZE}`)), name);
          expect({ name, who, byLiteral }).toEqual({ name, who, byLiteral: byVariable });
          if (byVariable) answered.push(name);
        }
      }
      // Every list screen answered its page to at least one of the two roles.
      expect([...new Set(answered)].sort()).toEqual(connections.map(({ name }) => name).sort());
    });

    it('over WebSocket the same limits refuse with the same code and reason', async () => {
      const client = createClient({
        url: `${t.app.url.replace(/^http/, 'ws')}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0, lazy: true,
        connectionParams: { authorization: `Bearer ${t.tokenFor('CW1002')}` },
      });
      try {
        const aliases = Array.from({ length: QUERY_LIMITS.maxAliases + 1 }, (_, i) => `a${i}: id`).join(' ');
        const refusal = await client.iterate({ query: `subscription { notificationAdded { ${aliases} } }` }).next().then(() => null, (error) => error);
        expect(refusal).toEqual([expect.objectContaining({
          message: expect.stringMatching(/send several smaller operations/),
          extensions: expect.objectContaining({ code: 'GRAPHQL_VALIDATION_FAILED', reason: 'TOO_MANY_ALIASES' }),
        })]);
      } finally {
        await client.dispose();
      }
    });

    it('the cost limit refuses the same operation alike whether first is a literal or a variable', async () => {
      const block = 'parties { contact { representatives { client { representatives { representative { firstName } } } } } }';
      const withVariable = `query($n: Int) { cases(first: $n) { edges { node { a: ${block} b: ${block} c: ${block} } } } }`;
      const withLiteral = (n: number) => withVariable.replace('query($n: Int)', 'query').replace('first: $n', `first: ${n}`);
      for (const n of [2, 100]) expect(costOf(withLiteral(n))).toBe(costOf(withVariable, { n }));
      expect(costOf(withVariable.replace('query($n: Int)', 'query($n: Int = 100)'))).toBe(costOf(withVariable, { n: 100 }));
      const [viaVariable, viaLiteral] = [await t.as('CW1002')(withVariable, { n: 100 }), await t.as('CW1002')(withLiteral(100))];
      expect(viaVariable.status).toBe(400);
      expect({ status: viaLiteral.status, errors: viaLiteral.errors }).toEqual({ status: viaVariable.status, errors: viaVariable.errors });
      expect(viaVariable.errors).toEqual([expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', reason: 'TOO_COSTLY' } })]);
      expect(viaVariable.errors![0].message).toMatch(/ask for smaller pages or fewer nested lists/);
      expect(viaVariable.errors![0].message).not.toMatch(/Syntax Error|\d{4,}/);
      for (const small of [await t.as('CW1002')(withVariable, { n: 2 }), await t.as('CW1002')(withLiteral(2))]) expect(small.errors).toBeUndefined();
    });
  });
});

describe('issue 8 point 13: node(id) and nodes(ids) are counted like the types they return', () => {
  it('fields in a fragment on a node type are counted; nodes(ids) counts one per id', () => {
    const fragment = '... on Contact { firstName representatives { representative { id } } }';
    expect(costOf(`{ node(id: "x") { id ${fragment} } }`)).toBe(1 + 1 + 1 + 1 + NESTED_LIST_ESTIMATE * 2);
    const ids = Array.from({ length: 100 }, (_, i) => `id${i}`);
    const many = `query($ids: [ID!]!) { nodes(ids: $ids) { id ${fragment} } }`;
    expect(costOf(many, { ids })).toBe(1 + 100 * (1 + 1 + 1 + NESTED_LIST_ESTIMATE * 2));
    expect(costOf(`{ nodes(ids: ${JSON.stringify(ids)}) { id ${fragment} } }`)).toBe(costOf(many, { ids }));
  });
});

describe('issue 8 point 13: the limits are documented as they are', () => {
  it("the README's query limits name the values the server enforces", () => {
    const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');
    const start = readme.indexOf('### Query limits');
    expect(start).toBeGreaterThan(0);
    const end = readme.slice(start + 1).search(/\n##/);
    const body = readme.slice(start, end < 0 ? undefined : start + 1 + end);
    for (const value of [QUERY_LIMITS.maxDepth, QUERY_LIMITS.maxAliases, QUERY_LIMITS.maxDirectives, MAX_PAGE_SIZE, NESTED_LIST_ESTIMATE]) {
      expect(body).toContain(String(value));
    }
    expect(body).toContain(MAX_QUERY_COST.toLocaleString('en-GB'));
    for (const reason of ['TOO_COSTLY', 'TOO_DEEP', 'TOO_MANY_ALIASES', 'TOO_MANY_DIRECTIVES']) expect(body).toContain(reason);
  });

  it('the schema lists the refusal reasons of the limits', () => {
    const type = schema.getType('QueryLimitRefusal');
    expect(isEnumType(type) && type.getValues().map((value) => value.name).sort()).toEqual(['TOO_COSTLY', 'TOO_DEEP', 'TOO_MANY_ALIASES', 'TOO_MANY_DIRECTIVES']);
  });
});
