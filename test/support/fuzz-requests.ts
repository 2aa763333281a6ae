import fc from 'fast-check';
import {
  getNamedType, isEnumType, isInputObjectType, isInterfaceType, isLeafType, isListType, isNonNullType, isObjectType, isUnionType,
  type GraphQLArgument, type GraphQLField, type GraphQLInputType, type GraphQLNamedType, type GraphQLSchema,
} from 'graphql';

/**
 * Random GraphQL requests built by walking the schema: every argument of the right and of wrong
 * shapes (hostile strings, wrong types, bogus and real ids, forged and foreign cursors, out-of-range
 * numbers and dates, nulls, unknown fields), as variables or as literals, under random, sometimes
 * too deep, selections. Values come from fast-check, so a seed replays the same requests.
 */

/** Values of the running database the fuzz mixes in, so requests also reach past the lookups. */
export interface FuzzPools {
  ids: string[];
  /** The same ids by table, for arguments whose name says which (`serviceRequestId`, `caseIds`, `extensionId`). */
  idsByTable: Record<string, string[]>;
  strings: string[];
  cursors: string[];
}

export interface FuzzRequest {
  field: string;
  document: string;
  variables: Record<string, unknown>;
  /** Strings this request sends that an error message must never quote back. */
  sent: string[];
}

type G = fc.GeneratorValue;
const draw = <T>(g: G, arbitrary: fc.Arbitrary<T>): T => g(() => arbitrary);
// Unbiased: fast-check leans towards small integers, which would skew every choice to the first option.
const PERCENT = fc.noBias(fc.nat({ max: 99 }));
const chance = (g: G, percent: number) => draw(g, PERCENT) < percent;
const pick = <T>(g: G, items: readonly T[]): T => items[draw(g, fc.noBias(fc.nat({ max: items.length - 1 })))];

const HOSTILE = [
  '', ' ', 'a\u0000b', '\u0000', "'; DROP TABLE contact; --", "' OR '1'='1", '%', '_', '\\', '%_\\%', '$1', '${jndi:ldap://x/a}',
  '<script>alert(1)</script>', '../../etc/passwd', 'null', 'undefined', 'NaN', '-1', '1e309', '\u202egnirts', '\ud83d\ude00',
  '\ud800', 'zażółć gęślą jaźń', '🇬🇧👩‍👩‍👧', 'x'.repeat(10_001), 'y'.repeat(1000), 'z'.repeat(256), ' padded ', 'line\nbreak',
  '\t', 'eyJhIjoxfQ', '{"a":1}', '[]', 'NOT_A_VALUE', '2026-02-30T00:00:00Z', 'Robert\'); DROP TABLE staff;--',
];
const BOGUS_IDS = ['0', '-1', '00000000-0000-0000-0000-000000000000', '00000000-0000-0000-0000-00000000000g', 'not-a-uuid', '', 'NULL'];
const INT32_EDGES = [0, -1, 1, 2, 100, 101, 1000, 2147483647, -2147483648];
const EDGE_INTS = [...INT32_EDGES, 2147483648, 1e15, -1e15, 1.5, Number.MAX_SAFE_INTEGER];
const VALID_DATES = ['2026-03-02T09:00:00Z', '2026-03-02T09:00:00.000+01:00', '0001-01-01T00:00:00Z', '9999-12-31T23:59:59Z', '1970-01-01T00:00:00Z'];
const EDGE_DATES = [...VALID_DATES, '+275760-09-13T00:00:00.000Z', '-000001-01-01T00:00:00Z', 'yesterday', '2026-13-01T00:00:00Z', '2026-03-02'];
const FOUR_DIGIT_YEARS = fc.date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true });

export class RequestGenerator {
  private readonly strings: fc.Arbitrary<string>;
  private readonly ids: fc.Arbitrary<string>;
  /**
   * Half the requests are well-typed (hostile content in the right shapes, within the depth limit),
   * so they get past validation and into the resolvers and SQL; the other half may break any rule.
   */
  private strict = false;
  private readonly wrong = fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constantFrom<unknown>([], {}, true, 0, '', [[[]]], -1.5));

  constructor(private readonly schema: GraphQLSchema, private readonly pools: FuzzPools) {
    this.strings = fc.oneof(
      { arbitrary: fc.constantFrom(...HOSTILE), weight: 4 },
      { arbitrary: fc.string({ unit: 'binary', maxLength: 40 }), weight: 2 },
      { arbitrary: fc.string({ maxLength: 20 }), weight: 2 },
      { arbitrary: fc.constantFrom(...pools.strings, ...pools.cursors), weight: 2 },
      { arbitrary: fc.constantFrom(...pools.ids), weight: 1 },
    );
    this.ids = fc.oneof(
      { arbitrary: fc.constantFrom(...pools.ids), weight: 6 },
      { arbitrary: fc.uuid(), weight: 2 },
      { arbitrary: fc.constantFrom(...BOGUS_IDS), weight: 1 },
      { arbitrary: this.strings, weight: 1 },
    );
  }

  /** One request on a root field of `root` (Query or Mutation), drawn from the generator `g`. */
  request(g: G, root: 'query' | 'mutation', field: GraphQLField<unknown, unknown>): FuzzRequest {
    const variables: Record<string, unknown> = {};
    const declarations: string[] = [];
    const sent: string[] = [];
    this.strict = chance(g, 50);
    const strict = this.strict;
    const maxDepth = strict || chance(g, 85) ? g(fc.integer, { min: 1, max: 4 }) : g(fc.integer, { min: 5, max: 14 });
    const argsOf = (args: readonly GraphQLArgument[]) => {
      const given = args.filter((arg) => (isNonNullType(arg.type) && arg.defaultValue === undefined ? strict || !chance(g, 3) : chance(g, 50)));
      if (given.length === 0) return '';
      return `(${given.map((arg) => {
        const value = this.value(g, arg.type, 0, arg.name);
        collectStrings(value, sent);
        if (chance(g, 12)) return `${arg.name}: ${literal(value, arg.type)}`;
        const name = `v${declarations.length}`;
        // Now and then the variable is declared with another type than the argument's.
        declarations.push(`$${name}: ${!strict && chance(g, 3) ? pick(g, ['String', 'Int!', '[ID]', 'Boolean']) : String(arg.type)}`);
        if (strict || !chance(g, 2)) variables[name] = value;
        return `${arg.name}: $${name}`;
      }).join(', ')})`;
    };
    const selection = (type: GraphQLNamedType, depth: number): string => {
      if (isLeafType(type)) return '';
      if (isUnionType(type) || isInterfaceType(type)) {
        const fragments = this.schema.getPossibleTypes(type).filter(() => chance(g, 50))
          .map((possible) => `... on ${possible.name} ${selection(possible, depth)}`);
        return `{ __typename ${fragments.join(' ')} }`;
      }
      if (!isObjectType(type)) return '';
      const fields = Object.values(type.getFields());
      const chosen = new Set<string>();
      const parts = ['__typename'];
      for (let i = g(fc.integer, { min: 1, max: 4 }); i > 0; i--) {
        const child = pick(g, fields);
        const named = getNamedType(child.type);
        if (chosen.has(child.name) || (!isLeafType(named) && depth >= maxDepth)) continue;
        chosen.add(child.name);
        parts.push(`${child.name}${argsOf(child.args)} ${selection(named, depth + 1)}`);
      }
      return `{ ${parts.join(' ')} }`;
    };
    const body = `${field.name}${argsOf(field.args)} ${selection(getNamedType(field.type), 1)}`;
    const head = declarations.length > 0 ? `${root} Fuzz(${declarations.join(', ')})` : `${root} Fuzz`;
    return { field: field.name, document: `${head} { ${body} }`, variables, sent };
  }

  /** A real id of the table the argument's name points at (`extensionId` -> access_extension), if any. */
  private idNamed(g: G, name: string): string | undefined {
    const stem = name.replace(/Ids?$/, '').replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
    const table = Object.keys(this.pools.idsByTable).find((candidate) => candidate === stem || candidate.endsWith(`_${stem}`));
    const ids = table ? this.pools.idsByTable[table] : [];
    return ids.length > 0 ? pick(g, ids) : undefined;
  }

  /** A value for an input of `type` named `name`: mostly of its shape, sometimes of any other. */
  value(g: G, type: GraphQLInputType, depth: number, name: string, nullable = true): unknown {
    const loose = !this.strict;
    if (loose && chance(g, 4)) return draw(g, this.wrong);
    if (isNonNullType(type)) return loose && chance(g, 3) ? null : this.value(g, type.ofType, depth, name, false);
    if (nullable && chance(g, 6)) return null;
    if (isListType(type)) {
      if (chance(g, 8)) return this.value(g, type.ofType, depth, name); // one item stands for a list of one
      const length = chance(g, 3) ? 300 : g(fc.nat, { max: 3 });
      return Array.from({ length }, () => this.value(g, type.ofType, depth + 1, name));
    }
    if (isInputObjectType(type)) {
      const object: Record<string, unknown> = {};
      if (depth > 4) return object;
      for (const field of Object.values(type.getFields())) {
        if (isNonNullType(field.type) ? !loose || !chance(g, 4) : chance(g, 50)) object[field.name] = this.value(g, field.type, depth + 1, field.name);
      }
      if (loose && chance(g, 4)) object.unexpectedField = draw(g, this.strings);
      return object;
    }
    if (isEnumType(type)) return loose && chance(g, 8) ? draw(g, this.strings) : pick(g, type.getValues()).name;
    switch (type.name) {
      case 'String':
        return draw(g, this.strings);
      case 'ID':
        return chance(g, 60) ? this.idNamed(g, name) ?? draw(g, this.ids) : draw(g, this.ids);
      case 'Int':
        return chance(g, 50) ? pick(g, loose ? EDGE_INTS : INT32_EDGES) : g(fc.integer, { min: -10, max: 200 });
      case 'Float':
        return chance(g, 50) ? pick(g, EDGE_INTS) : g(fc.double, { noNaN: true, noDefaultInfinity: true });
      case 'Boolean':
        return loose && chance(g, 10) ? 'true' : g(fc.boolean);
      case 'DateTimeISO':
        if (chance(g, 50)) return pick(g, loose ? EDGE_DATES : VALID_DATES);
        return draw(g, (loose ? fc.date({ noInvalidDate: true }) : FOUR_DIGIT_YEARS).map((date) => date.toISOString()));
      default:
        return draw(g, fc.oneof(fc.jsonValue({ maxDepth: 2 }), this.strings));
    }
  }
}

/** A value written into the document: strings JSON-quoted (GraphQL takes its escapes), enum names bare. */
function literal(value: unknown, type: GraphQLInputType): string {
  if (value === null || value === undefined) return 'null';
  const inner = isNonNullType(type) ? type.ofType : type;
  if (Array.isArray(value)) return `[${value.map((item) => literal(item, isListType(inner) ? inner.ofType : inner)).join(', ')}]`;
  if (typeof value === 'object') {
    const fields = isInputObjectType(inner) ? inner.getFields() : {};
    return `{${Object.entries(value).map(([key, item]) => `${key}: ${literal(item, fields[key]?.type ?? inner)}`).join(', ')}}`;
  }
  if (typeof value === 'string' && isEnumType(getNamedType(inner)) && /^[_A-Za-z]\w*$/.test(value)) return value;
  return JSON.stringify(value);
}

function collectStrings(value: unknown, into: string[]): void {
  if (typeof value === 'string') into.push(value);
  else if (Array.isArray(value)) value.forEach((item) => collectStrings(item, into));
  else if (value && typeof value === 'object') Object.values(value).forEach((item) => collectStrings(item, into));
}

/** Bodies that are not a well-formed GraphQL request at all. */
export const MALFORMED_BODIES: { contentType: string; body: string }[] = [
  { contentType: 'application/json', body: 'not json' },
  { contentType: 'application/json', body: '{"query": 5}' },
  { contentType: 'application/json', body: '{"query": "{ me { staff { id } } }", "variables": "x"}' },
  { contentType: 'application/json', body: '[{"query": "{ __typename }"}]' },
  { contentType: 'application/json', body: '{"query": "query A { __typename } query B { __typename }"}' },
  { contentType: 'application/json', body: '{"query": "{ __typename }", "operationName": "Nope"}' },
  { contentType: 'application/json', body: '{"query": "{ __typename }", "extensions": {"persistedQuery": {"version": 1, "sha256Hash": "x"}}}' },
  { contentType: 'application/json', body: '{}' },
  { contentType: 'application/json', body: 'null' },
  { contentType: 'application/json', body: '"{ __typename }"' },
  { contentType: 'application/json', body: `{"query": "${'{ me '.repeat(400)}"}` },
  { contentType: 'text/plain', body: '{"query": "{ __typename }"}' },
  { contentType: 'application/graphql', body: '{ __typename }' },
  { contentType: 'application/json; charset=latin1', body: '{"query": "{ __typename }"}' },
];
