import { seedLargeData } from '../src/cli/seed/large-data';
import { statementsDuring } from './support/sql-capture';
import { startTestApp, type TestApp } from './support/test-app';

const NESTED_CASES = `query($first: Int) { cases(first: $first) { edges { node { caseNumber
  parties { role contact { lastName representatives { trn representative { lastName } } } } } } } }`;

describe('per-request DataLoaders', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await seedLargeData(t.dataSource, 200);
  });
  afterAll(() => t.close());

  it('the number of queries for nested fields does not grow with page size', async () => {
    const small = await statementsDuring(t.dataSource, () => t.as('CW1002')(NESTED_CASES, { first: 2 }));
    const large = await statementsDuring(t.dataSource, () => t.as('CW1002')(NESTED_CASES, { first: 50 }));
    const page = await t.as('CW1002')(NESTED_CASES, { first: 50 });
    expect(page.data.cases.edges).toHaveLength(50);
    expect(page.data.cases.edges.flatMap((edge: any) => edge.node.parties).length).toBeGreaterThan(50);
    expect(large.length).toBe(small.length);
    // principal with live grants + cases + parties + representative links
    expect(large.length).toBeLessThanOrEqual(4);
  });

  it('loaders are per request: a second request does not see the first one\'s cache', async () => {
    const first = await t.as('CW1002')('{ contacts(first: 1) { edges { node { id lastName } } } }');
    const id = first.data.contacts.edges[0].node.id;
    await t.dataSource.query(`UPDATE contact SET last_name = 'Renamed' WHERE id = $1`, [id]);
    const second = await t.as('CW1002')('query($id: ID!) { contact(id: $id) { lastName } }', { id });
    expect(second.data.contact.lastName).toBe('Renamed');
  });
});
