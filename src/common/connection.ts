import { createCipheriv, createDecipheriv, createHmac, hkdfSync } from 'node:crypto';
import type { ClassType } from 'type-graphql';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { ArgsType, Field, Int, ObjectType } from 'type-graphql';
import { badUserInput } from './errors';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, description: `Page size, 1 to ${MAX_PAGE_SIZE} (default ${DEFAULT_PAGE_SIZE}).` })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Cursor of the last edge of the previous page.' })
  after?: string | null;
}

@ObjectType({ description: 'Where this page sits in the list (Relay page information).' })
export class PageInfo {
  @Field({ description: 'True when more rows follow: ask again with `after: endCursor`.' })
  hasNextPage: boolean;

  @Field({ description: 'True when this page was asked for with an `after` cursor (rows came before it).' })
  hasPreviousPage: boolean;

  /** The page's edges: their cursors are sealed only when asked for (each costs an HMAC and an AES-GCM seal). */
  private edges: readonly { cursor: string }[] = [];

  @Field(() => String, { nullable: true, description: 'Cursor of the first edge of this page; null when the page is empty.' })
  get startCursor(): string | null {
    return this.edges.length > 0 ? this.edges[0].cursor : null;
  }

  @Field(() => String, { nullable: true, description: 'Cursor of the last edge of this page; pass it as `after` for the next page. Null when the page is empty.' })
  get endCursor(): string | null {
    return this.edges.length > 0 ? this.edges[this.edges.length - 1].cursor : null;
  }

  static of(hasNextPage: boolean, hasPreviousPage: boolean, edges: readonly { cursor: string }[]): PageInfo {
    const info = new PageInfo();
    info.hasNextPage = hasNextPage;
    info.hasPreviousPage = hasPreviousPage;
    info.edges = edges;
    return info;
  }
}

export function pageSize(args: PageArgs): number {
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw badUserInput([{ field: 'first', message: `must be from 1 to ${MAX_PAGE_SIZE}` }]);
  }
  return first;
}

/**
 * Opaque cursors (SCR-6): the sort key of a row (a name, a date, an id) sealed with AES-256-GCM
 * under a key derived from the server's secrets key, bound to the list's sort columns. A cursor
 * carries nothing readable, so no name lands in a URL or a log, and a forged or edited one is
 * refused as bad input before any SQL sees its values.
 */
const cursorKeys = new WeakMap<Buffer, Buffer>();
function cursorKeyOf(secretsKey: Buffer): Buffer {
  let key = cursorKeys.get(secretsKey);
  if (!key) {
    key = Buffer.from(hkdfSync('sha256', secretsKey, Buffer.alloc(0), 'cmg cursor v1', 32));
    cursorKeys.set(secretsKey, key);
  }
  return key;
}

export function encodeCursor(secretsKey: Buffer, list: string, key: string[]): string {
  // A synthetic IV (an HMAC of the content): the same row gives the same cursor, nothing else repeats.
  const plain = JSON.stringify(key);
  const iv = createHmac('sha256', cursorKeyOf(secretsKey)).update(list).update('\0').update(plain).digest().subarray(0, 12);
  const cipher = createCipheriv('aes-256-gcm', cursorKeyOf(secretsKey), iv);
  cipher.setAAD(Buffer.from(list));
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
}

export function decodeCursor(secretsKey: Buffer, list: string, cursor: string, length: number): string[] {
  try {
    const raw = Buffer.from(cursor, 'base64url');
    const decipher = createDecipheriv('aes-256-gcm', cursorKeyOf(secretsKey), raw.subarray(0, 12));
    decipher.setAAD(Buffer.from(list));
    decipher.setAuthTag(raw.subarray(12, 28));
    const key = JSON.parse(Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8'));
    if (Array.isArray(key) && key.length === length && key.every((part) => typeof part === 'string')) return key;
  } catch {
    // fall through to the input error
  }
  throw badUserInput([{ field: 'after', message: 'is not a cursor of this list' }]);
}

export interface Page<T> {
  nodes: T[];
  cursorOf: (node: T) => string;
  hasNextPage: boolean;
  afterGiven: boolean;
  count: () => Promise<number>;
}

export interface KeysetOptions<T> {
  first: number;
  after?: string | null;
  /** Alias-qualified sort columns, unique together (end with the id). */
  columns: string[];
  direction: 'ASC' | 'DESC';
  /** The row's values of `columns`, as strings (dates as ISO instants at millisecond precision). */
  keyOf: (row: T) => string[];
}

/** The name a cursor carries of its list's order (a cursor of another list is refused, SCR-6). */
export const listOrder = (columns: readonly string[], direction: 'ASC' | 'DESC') => `${columns.join(',')} ${direction}`;

/**
 * A page from the `first + 1` rows fetched after the cursor: the extra row only says there is a
 * next page; cursors name `list` and are sealed when asked for.
 */
export function pageOf<T>(
  secretsKey: Buffer,
  rows: T[],
  { first, after, list, keyOf, count }: { first: number; after?: string | null; list: string; keyOf: (row: T) => string[]; count: () => Promise<number> },
): Page<T> {
  return {
    nodes: rows.slice(0, first),
    hasNextPage: rows.length > first,
    afterGiven: Boolean(after),
    cursorOf: (row) => encodeCursor(secretsKey, list, keyOf(row)),
    count,
  };
}

/**
 * One page of a list by keyset pagination: filter, row rule, order and cursor are all SQL, so
 * pages neither skip nor repeat rows, and `totalCount` counts with the very same filter.
 * `base` builds the filtered query afresh (once for the page, once more if the count is asked).
 */
export async function keysetPage<T extends ObjectLiteral>(
  ctx: { config: { secretsKey: Buffer } },
  base: () => SelectQueryBuilder<T>,
  { first, after, columns, direction, keyOf }: KeysetOptions<T>,
): Promise<Page<T>> {
  const list = listOrder(columns, direction);
  const secretsKey = ctx.config.secretsKey;
  const query = base();
  columns.forEach((column, i) => (i === 0 ? query.orderBy(column, direction) : query.addOrderBy(column, direction)));
  query.limit(first + 1);
  if (after) {
    const key = decodeCursor(secretsKey, list, after, columns.length);
    const names = key.map((_, i) => `after_${i}`);
    query.andWhere(
      `(${columns.join(', ')}) ${direction === 'ASC' ? '>' : '<'} (${names.map((name) => `:${name}`).join(', ')})`,
      Object.fromEntries(names.map((name, i) => [name, key[i]])),
    );
  }
  return pageOf(secretsKey, await query.getMany(), { first, after, list, keyOf, count: () => base().getCount() });
}

export interface ConnectionShape<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: PageInfo;
  totalCount(): Promise<number>;
}

/**
 * A Relay connection type for a node type. `totalCount` is computed only when asked for,
 * by a separate COUNT with the same authorization filter, so it always matches the rows.
 */
export function ConnectionType<T extends object>(nodeType: ClassType<T>, name: string) {
  @ObjectType(`${name}Edge`, { description: `One ${name} in a page, with its cursor.` })
  class Edge {
    @Field(() => nodeType, { description: `The ${name} itself.` })
    node: T;

    private page!: Page<T>;
    private sealed: string | undefined;

    // Sealed on first ask: a page whose edge cursors nobody selects seals none (only endCursor, often).
    @Field(() => String, { description: 'Opaque cursor of this row; pass it as `after` to get the rows that follow it (SCR-6).' })
    get cursor(): string {
      return (this.sealed ??= this.page.cursorOf(this.node));
    }

    static of(node: T, page: Page<T>): Edge {
      const edge = new Edge();
      edge.node = node;
      edge.page = page;
      return edge;
    }
  }

  @ObjectType(`${name}Connection`, { description: `A page of ${name} rows visible to the caller.` })
  class Connection implements ConnectionShape<T> {
    @Field(() => [Edge], { description: 'The rows of this page, in the list order.' })
    edges: Edge[];

    @Field(() => PageInfo, { description: 'Whether more pages follow, and the cursors to ask for them.' })
    pageInfo: PageInfo;

    private count!: () => Promise<number>;

    @Field(() => Int, { description: 'Rows matching the filter that the caller may see, over all pages.' })
    totalCount(): Promise<number> {
      return this.count();
    }

    static from(page: Page<T>): Connection {
      const connection = new Connection();
      connection.edges = page.nodes.map((node) => Edge.of(node, page));
      connection.pageInfo = PageInfo.of(page.hasNextPage, page.afterGiven, connection.edges);
      connection.count = page.count;
      return connection;
    }
  }
  return Connection;
}
