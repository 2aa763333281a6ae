import { type CustomTypesConfig, type Pool, type PoolClient, type QueryResult, types } from 'pg';
import { type DataSource, type EntityManager, QueryFailedError } from 'typeorm';
import { embeddedHubFor } from './embedded-notifications';

/**
 * The hot read path's SQL (issue 11): statements whose text is built once per shape and run as
 * pg prepared statements (`{ name, text, values }`), so Postgres parses and plans them once per
 * connection, and the rows come back as pg gives them, without TypeORM's query building or entity
 * hydration (a `date` stays the YYYY-MM-DD text an entity holds). TypeORM stays for entities,
 * migrations and writes.
 *
 * A statement is named after its text: the same text always gets the same name, so the name can
 * never point at another statement on a connection that prepared it earlier. Names are capped
 * (MAX_NAMED): a text past the cap still runs, unnamed (parsed each time), so a flood of unusual
 * shapes cannot grow every connection's prepared statements without bound.
 *
 * The embedded database (PGlite behind a socket) has one Postgres session for all the pool's
 * connections, so a statement one connection prepared already exists for the next, which pg does
 * not know and Postgres refuses ("prepared statement already exists", 42P05): there every
 * statement runs unnamed (still one extended-protocol round trip, still no TypeORM).
 */
export interface Statement {
  readonly text: string;
  /** Undefined: run unnamed. */
  readonly name: string | undefined;
}

const MAX_NAMED = 1000;
const statements = new Map<string, Statement>();

/** The statement for `text`, the same object every time for the same text (up to MAX_NAMED texts). */
export function statement(text: string): Statement {
  const found = statements.get(text);
  if (found) return found;
  // Past the cap a text is neither named nor remembered, so neither the connections nor this map grow.
  if (statements.size >= MAX_NAMED) return { text, name: undefined };
  const named = { text, name: `cmg_${statements.size + 1}` };
  statements.set(text, named);
  return named;
}

/**
 * Statements built from parts that take a few shapes (a role's rules, which filter fields were
 * given): `build` runs once per `key`; after that the key gives the statement without building
 * its text again. The key must decide the text.
 */
export function statementCache<K>(): (key: K, build: () => string) => Statement {
  const built = new Map<K, Statement>();
  return (key, build) => {
    let found = built.get(key);
    if (!found) {
      found = statement(build());
      if (built.size < MAX_NAMED) built.set(key, found);
    }
    return found;
  };
}

interface PostgresDriverLike {
  master?: Pool;
}

/**
 * How values come back: as pg parses them, except a `date`, kept as Postgres writes it
 * (YYYY-MM-DD), which is what TypeORM's entities hold, so no Date is made and turned back.
 */
const DATE_OID = 1082;
const READ_TYPES: CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === DATE_OID && format !== 'binary' ? (value: string) => value : types.getTypeParser(oid, format)) as CustomTypesConfig['getTypeParser'],
};

const sharedSession = new WeakMap<DataSource, boolean>();
const isSharedSession = (dataSource: DataSource) => {
  let shared = sharedSession.get(dataSource);
  if (shared === undefined) {
    shared = embeddedHubFor((dataSource.options as { url?: string }).url) !== undefined;
    sharedSession.set(dataSource, shared);
  }
  return shared;
};

/**
 * Runs `statement` and returns its rows. On `manager`'s own connection when it has one (inside a
 * transaction), else on the pool. TypeORM's logger and afterQuery subscribers see the statement as
 * they see TypeORM's own (query tracing, SQL capture in tests and the bench), and a failure is
 * thrown as TypeORM's QueryFailedError, as from `manager.query`.
 */
export async function queryRows<R = Record<string, any>>(
  manager: EntityManager,
  { text, name }: Statement,
  values: unknown[],
): Promise<R[]> {
  const dataSource = manager.dataSource as DataSource | undefined;
  const pool = (dataSource?.driver as PostgresDriverLike | undefined)?.master;
  // Not a TypeORM manager over pg (the bench's floor passes its own `query`): run it as given.
  if (!dataSource || !pool) return manager.query(text, values);
  const runner = manager.queryRunner;
  const client: Pool | PoolClient = runner && !runner.isReleased ? ((await runner.connect()) as PoolClient) : pool;
  dataSource.logger.logQuery(text, values, runner);
  const config = name === undefined || isSharedSession(dataSource) ? { text, values, types: READ_TYPES } : { name, text, values, types: READ_TYPES };
  const started = Date.now();
  let result: QueryResult;
  try {
    result = await client.query(config);
  } catch (error) {
    afterQuery(dataSource, manager, text, values, false, undefined, error);
    throw new QueryFailedError(text, values, error as Error);
  }
  afterQuery(dataSource, manager, text, values, true, Date.now() - started, undefined);
  return result.rows as R[];
}

/** TypeORM's afterQuery event, for the subscribers that listen to it (query spans, spans.ts). */
function afterQuery(
  dataSource: DataSource, manager: EntityManager, query: string, parameters: unknown[],
  success: boolean, executionTime: number | undefined, error: unknown,
) {
  for (const subscriber of dataSource.subscribers) {
    if (!subscriber.afterQuery) continue;
    void subscriber.afterQuery({
      dataSource, connection: dataSource, queryRunner: manager.queryRunner!, manager,
      query, parameters, success, executionTime, rawResults: undefined, error,
    });
  }
}
