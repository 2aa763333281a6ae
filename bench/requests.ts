/**
 * The three requests of issue 11, and the checks run on both servers before any load: the right
 * rows straight from the database, a sensitive contact hidden from a caseworker, and the floor
 * answering exactly the JSON the API answers.
 */
import { isDeepStrictEqual } from 'node:util';
import { Client } from 'pg';
import { check, BenchFailure } from './settings';

export interface RequestKind {
  key: 'list' | 'count' | 'byId';
  title: string;
  query: string;
  variables?: Record<string, unknown>;
  /** The body autocannon sends. */
  body: string;
}

const LIST = '{ contacts(first: 20) { edges { node { id firstName lastName scin } } pageInfo { hasNextPage endCursor } } }';
const COUNT = '{ contacts(first: 20) { totalCount edges { node { id firstName lastName scin } } pageInfo { hasNextPage endCursor } } }';
const BY_ID = 'query($id: ID!) { contact(id: $id) { id firstName lastName } }';

const kind = (key: RequestKind['key'], title: string, query: string, variables?: Record<string, unknown>): RequestKind =>
  ({ key, title, query, variables, body: JSON.stringify(variables ? { query, variables } : { query }) });

export async function post(url: string, token: string, body: string): Promise<any> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body,
    signal: AbortSignal.timeout(15_000),
  });
  const text = await response.text();
  try {
    const parsed = JSON.parse(text);
    check(response.status === 200 && !parsed.errors && parsed.data, `${url}: HTTP ${response.status} ${text.slice(0, 300)}`);
    return parsed;
  } catch (error) {
    if (error instanceof BenchFailure) throw error;
    throw new BenchFailure(`${url}: non-JSON response (HTTP ${response.status}): ${text.slice(0, 300)}`);
  }
}

/** The request kinds, with what a caseworker must get for each, read from the seeded database. */
export async function requestKinds(databaseUrl: string) {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const ids = async (sql: string) => (await db.query(sql)).rows.map((row: { id: string }) => row.id);
    const firstVisible = await ids('SELECT id FROM contact WHERE NOT sensitive ORDER BY last_name, first_name, id LIMIT 20');
    const visible: number = (await db.query('SELECT COUNT(*)::int AS n FROM contact WHERE NOT sensitive')).rows[0].n;
    const [target] = (await db.query(
      `SELECT id, first_name, last_name FROM contact WHERE NOT sensitive AND scin LIKE 'GS%' ORDER BY scin OFFSET $1 LIMIT 1`,
      [Math.floor(visible / 2)])).rows;
    const [hidden] = await ids(`SELECT id FROM contact WHERE sensitive AND scin LIKE 'GS%' ORDER BY scin LIMIT 1`);
    check(target && hidden, 'seeded data has both non-sensitive and sensitive generated contacts');
    const kinds = [
      kind('list', 'contacts(first: 20)', LIST),
      kind('count', 'contacts(first: 20) with totalCount', COUNT),
      kind('byId', 'contact(id)', BY_ID, { id: target.id }),
    ];

    /** Checks one server's answers for a caseworker; returns them for the API/floor comparison. */
    const verify = async (url: string, token: string, request: RequestKind) => {
      const { data } = await post(url, token, request.body);
      if (request.key === 'byId') {
        check(data.contact?.id === target.id && data.contact.firstName === target.first_name,
          `${url} contact(id) returns ${target.id}, got ${JSON.stringify(data.contact)}`);
        const hiddenAnswer = await post(url, token, JSON.stringify({ query: BY_ID, variables: { id: hidden } }));
        check(hiddenAnswer.data.contact === null, `${url}: a sensitive contact by id is null for a caseworker`);
      } else {
        const edges = data.contacts.edges as { node: { id: string } }[];
        check(isDeepStrictEqual(edges.map((edge) => edge.node.id), firstVisible), `${url} ${request.title}: the first 20 visible rows`);
        check(data.contacts.pageInfo.hasNextPage === true, `${url} ${request.title}: hasNextPage`);
        if (request.key === 'count') check(data.contacts.totalCount === visible, `${url}: totalCount = ${visible}`);
      }
      return data;
    };
    return { kinds, verify, visible, targetId: target.id as string, sensitiveId: hidden as string };
  } finally {
    await db.end();
  }
}

/** The floor must answer exactly what the API answers, or the comparison means nothing. */
export function checkSameAnswer(request: RequestKind, api: unknown, floor: unknown) {
  check(isDeepStrictEqual(api, floor),
    `${request.title}: the floor's answer differs from the API's\n API:   ${JSON.stringify(api).slice(0, 400)}\n floor: ${JSON.stringify(floor).slice(0, 400)}`);
}
