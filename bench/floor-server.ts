/**
 * The floor: the least a server can do for the bench's three requests, in its own process.
 * Plain node:http and a pg pool (max 10, like the app); per request it verifies the same JWT
 * (src/auth/jwt), loads the principal and live grants with the same SQL (src/authorization/
 * load-principal.ts), applies the same row rule and runs the same SQL as the API, and answers the
 * same JSON as the API (run.ts compares the two before measuring). No GraphQL: the request kind is
 * told from the query text, so the API's overhead over this is what GraphQL, CASL, TypeORM,
 * Apollo and our plugins cost.
 */
import { createCipheriv, createHmac, hkdfSync } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Pool } from 'pg';
import type { EntityManager } from 'typeorm';
import { verifyAccessToken } from '../src/auth/jwt';
import { loadPrincipal } from '../src/authorization/load-principal';
import { loadConfigOrExit } from '../src/config';
import { byIdSql, contactRule, COUNTERS_SQL, countSql, grantedCountSql, listSql, SEES_EVERY_CONTACT, type RowRule } from './floor-sql';
import { serveParent } from './ipc';

const config = loadConfigOrExit(process.env);
const pool = new Pool({ connectionString: config.databaseUrl, max: Number(process.env.BENCH_POOL_MAX ?? 10), application_name: 'cmg-bench-floor' });
// loadPrincipal only calls `query(sql, parameters)` and reads the rows, as pg answers them.
const manager = { query: async (sql: string, parameters: unknown[]) => (await pool.query(sql, parameters)).rows } as unknown as EntityManager;
/** The contact list's sort, as keysetPage names it: the cursor is bound to it. */
const LIST_KEY = 'c.last_name,c.first_name,c.id ASC';

/**
 * The API's opaque cursor (src/common/connection.ts `encodeCursor`), redone here because that file
 * also holds type-graphql classes a floor should not load; run.ts checks the JSON (endCursor
 * included) is byte for byte the API's, so a change there shows up as a failed check.
 */
const cursorKey = Buffer.from(hkdfSync('sha256', config.secretsKey, Buffer.alloc(0), 'cmg cursor v1', 32));
function encodeCursor(list: string, key: string[]): string {
  const plain = JSON.stringify(key);
  const iv = createHmac('sha256', cursorKey).update(list).update('\0').update(plain).digest().subarray(0, 12);
  const cipher = createCipheriv('aes-256-gcm', cursorKey, iv);
  cipher.setAAD(Buffer.from(list));
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
}

class Refused extends Error {
  constructor(readonly status: number, readonly code: string) {
    super(code);
  }
}

type Row = Record<string, any>;

/** Set at start: whether the database keeps contact counters (migration ContactCounts). */
let countersKept = false;

async function countVisible(role: string, granted: string[], rule: RowRule): Promise<number> {
  if (!countersKept) return Number((await pool.query(countSql(rule), rule.parameters)).rows[0].cnt);
  const counters: { sensitive: boolean; n: string }[] = (await pool.query(COUNTERS_SQL)).rows;
  const counter = (sensitive: boolean) => Number(counters.find((row) => row.sensitive === sensitive)?.n ?? 0);
  if (SEES_EVERY_CONTACT.has(role)) return counter(false) + counter(true);
  const nonSensitive = role !== 'SECURITY_REVIEWER';
  let total = nonSensitive ? counter(false) : 0;
  if (granted.length > 0) total += (await pool.query(grantedCountSql(nonSensitive), [granted])).rows[0].n;
  return total;
}

async function answer(body: { query?: string; variables?: Record<string, unknown> }, authorization: string | undefined) {
  const now = new Date();
  const token = authorization?.startsWith('Bearer ') ? authorization.slice(7) : '';
  let claims;
  try {
    claims = verifyAccessToken(config.jwt, token, now);
  } catch {
    throw new Refused(401, 'UNAUTHENTICATED');
  }
  let principal;
  try {
    principal = await loadPrincipal(manager, claims, now);
  } catch {
    throw new Refused(401, 'UNAUTHENTICATED');
  }
  if (principal.kind !== 'staff') throw new Refused(403, 'FORBIDDEN'); // the bench asks as staff only
  const granted = [...new Set(principal.grants
    .filter((grant) => grant.purpose === 'VIEW_CONTACT' && grant.contactId).map((grant) => grant.contactId as string))];
  const rule = contactRule(principal.staff.role, granted);
  const query = body.query ?? '';

  if (query.includes('contact(id')) {
    const id = String(body.variables?.id ?? '');
    const { rows } = await pool.query(byIdSql(rule), [...rule.parameters, [id]]);
    const row: Row | undefined = rows[0];
    return { data: { contact: row ? { id: row.c_id, firstName: row.c_first_name, lastName: row.c_last_name } : null } };
  }
  if (!query.includes('contacts(')) throw new Refused(400, 'BAD_REQUEST');
  const first = Number(/first:\s*(\d+)/.exec(query)?.[1] ?? 20);
  // One after the other, as the API does (the count is a field resolved after the page).
  const page = await pool.query(listSql(rule, first + 1), rule.parameters);
  const count = query.includes('totalCount') ? await countVisible(principal.staff.role, granted, rule) : undefined;
  const nodes: Row[] = page.rows.slice(0, first);
  const last = nodes[nodes.length - 1];
  const contacts: Row = {};
  if (count !== undefined) contacts.totalCount = count;
  contacts.edges = nodes.map((row) => ({ node: { id: row.c_id, firstName: row.c_first_name, lastName: row.c_last_name, scin: row.c_scin } }));
  contacts.pageInfo = {
    hasNextPage: page.rows.length > first,
    endCursor: last ? encodeCursor(LIST_KEY, [last.c_last_name, last.c_first_name, last.c_id]) : null,
  };
  return { data: { contacts } };
}

function send(res: ServerResponse, status: number, payload: unknown) {
  const text = JSON.stringify(payload);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function handle(req: IncomingMessage, res: ServerResponse) {
  if (req.method !== 'POST' || req.url !== '/graphql') return send(res, 404, { errors: [{ message: 'not found' }] });
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    let body;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      return send(res, 400, { errors: [{ message: 'bad JSON', extensions: { code: 'BAD_REQUEST' } }] });
    }
    answer(body, req.headers.authorization).then(
      (result) => send(res, 200, result),
      (error: Error) => {
        const status = error instanceof Refused ? error.status : 500;
        const code = error instanceof Refused ? error.code : 'INTERNAL_SERVER_ERROR';
        send(res, status, { errors: [{ message: code, extensions: { code } }] });
      },
    );
  });
}

const server = createServer(handle);
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', async () => {
  const { port } = server.address() as AddressInfo;
  countersKept = (await pool.query(`SELECT to_regclass('contact_count') IS NOT NULL AS kept`)).rows[0].kept;
  serveParent({ url: `http://127.0.0.1:${port}/graphql` }, {
    countersKept: async () => countersKept,
    stop: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await pool.end();
      setImmediate(() => process.exit(0));
      return true;
    },
  });
});
