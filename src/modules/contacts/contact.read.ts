import { accessFilterSql, type SqlFilter } from '../../authorization/casl-to-sql';
import { visibleRowsById } from '../../authorization/visible-rows';
import { queryRows, statementCache } from '../../database/prepared';
import { hydrate, readModel, selectList } from '../../database/read-model';
import type { RequestContext } from '../../request/context';
import { Contact } from './contact.entity';
import { RepresentativeLink } from './representative-link.entity';

/**
 * The contacts' hot read path (issue 11): list, by id and representative links as prepared
 * statements (src/database/prepared.ts), rows turned into Contact objects directly. The row rule
 * is the CASL-to-SQL converter's (`accessFilterSql`), as everywhere: the statement's text depends
 * only on the shape of the caller's rules, their values are parameters.
 *
 * The statements select and alias columns as TypeORM's query builder did (src/database/read-model.ts),
 * so plans, the bench's floor (bench/floor-sql.ts) and its drift check stay comparable.
 */

/** The caller's read rule on contacts under `alias`, parameters from `$first`. */
export const contactFilter = (ctx: RequestContext, alias: string, first = 1): SqlFilter =>
  accessFilterSql(ctx.ability, 'read', 'Contact', readModel(ctx.dataSource, Contact).metadata, alias, first);

/** Extra conditions of a list (the caller's filter), with their values. */
export interface ListCriteria {
  /** Which criteria were given: decides `clauses`' text, so it keys the statement cache. */
  shape: string;
  /** `AND`ed clauses; `parameter()` gives the next positional placeholder for each of `values`, in order. */
  clauses: (parameter: () => string) => string[];
  values: unknown[];
}

export interface ContactPageQuery {
  limit: number;
  /** The sort key after which the page starts (last name, first name, id), from a cursor. */
  after?: string[];
  criteria?: ListCriteria;
}

// Keyed by the row rule's text and the query's shape, which together decide the statement's text.
const pageStatements = statementCache<string>();
const countStatements = statementCache<string>();
const linkStatements = statementCache<string>();

/** One page of the contacts the caller may see, by last name, first name, id (keyset). */
export async function contactPageRows(ctx: RequestContext, { limit, after, criteria }: ContactPageQuery): Promise<Contact[]> {
  const model = readModel(ctx.dataSource, Contact);
  const rule = contactFilter(ctx, 'c');
  const values = after || criteria ? [...rule.values, ...(after ?? []), ...(criteria?.values ?? [])] : rule.values;
  // The page size is written into the text, not passed: with LIMIT $n the generic plan a prepared
  // statement settles on is costed for an unknown (large) row count, so Postgres would keep
  // re-planning it per execution. At most 101 sizes per shape; prepared.ts caps the names.
  const key = `${rule.sql}|${after ? after.length : 0}|${criteria?.shape ?? ''}|${limit}`;
  const query = pageStatements(key, () =>
    `SELECT ${selectList(model, 'c')} FROM "contact" "c" WHERE ${conditions(rule, after, criteria)} `
    + `ORDER BY "c"."last_name" ASC, "c"."first_name" ASC, "c"."id" ASC LIMIT ${Math.trunc(limit)}`);
  const rows = await queryRows(ctx.dataSource.manager, query, values);
  return rows.map((row) => hydrate(Contact, model, row, 'c'));
}

/** How many contacts the caller may see that meet `criteria`: the page's conditions, counted (by the index). */
export async function countContactRows(ctx: RequestContext, criteria?: ListCriteria): Promise<number> {
  const rule = contactFilter(ctx, 'c');
  const query = countStatements(`${rule.sql}|${criteria?.shape ?? ''}`, () =>
    `SELECT COUNT(1)::int AS "cnt" FROM "contact" "c" WHERE ${conditions(rule, undefined, criteria)}`);
  const [row] = await queryRows<{ cnt: number }>(ctx.dataSource.manager, query, [...rule.values, ...(criteria?.values ?? [])]);
  return row.cnt;
}

/** The row rule, the keyset position and the criteria, ANDed, their parameters numbered on from the rule's. */
function conditions(rule: SqlFilter, after: unknown[] | undefined, criteria: ListCriteria | undefined): string {
  let n = rule.values.length;
  const parameter = () => `$${++n}`;
  const where = [rule.sql];
  if (after) where.push(`("c"."last_name", "c"."first_name", "c"."id") > (${after.map(parameter).join(', ')})`);
  if (criteria) where.push(...criteria.clauses(parameter));
  return where.join(' AND ');
}

/** Contacts by id among those the caller may see. */
export const visibleContactRows = (ctx: RequestContext, ids: readonly string[]): Promise<Contact[]> =>
  visibleRowsById(ctx, Contact, 'Contact', ids, { alias: 'c' });

/** Links of `ids` on `side` whose representative and client the caller may both see, each end loaded, by TRN. */
export async function visibleLinkRows(ctx: RequestContext, side: 'clientId' | 'representativeId', ids: readonly string[]): Promise<RepresentativeLink[]> {
  const contact = readModel(ctx.dataSource, Contact);
  const link = readModel(ctx.dataSource, RepresentativeLink);
  // One rule, written for each end: the same rules give the same values in the same order, so both
  // ends share one set of parameters ($2...).
  const rep = contactFilter(ctx, 'rep', 2);
  const cli = contactFilter(ctx, 'cli', 2);
  const query = linkStatements(`${side}|${rep.sql}|${cli.sql}`, () => {
    const column = side === 'clientId' ? 'client_id' : 'representative_id';
    return `SELECT ${selectList(link, 'l')}, ${selectList(contact, 'rep')}, ${selectList(contact, 'cli')} FROM "representative_link" "l" `
      + 'INNER JOIN "contact" "rep" ON "rep"."id" = "l"."representative_id" INNER JOIN "contact" "cli" ON "cli"."id" = "l"."client_id" '
      + `WHERE "l"."${column}" = ANY($1) AND ${rep.sql} AND ${cli.sql} ORDER BY "l"."trn" ASC`;
  });
  const rows = await queryRows(ctx.dataSource.manager, query, [ids, ...rep.values]);
  return rows.map((row) => {
    const found = hydrate(RepresentativeLink, link, row, 'l');
    found.representative = hydrate(Contact, contact, row, 'rep');
    found.client = hydrate(Contact, contact, row, 'cli');
    return found;
  });
}
