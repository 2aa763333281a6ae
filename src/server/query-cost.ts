import type { ApolloServerPlugin } from '@apollo/server';
import {
  getNamedType, getNullableType, isInterfaceType, isListType, isObjectType, Kind, type DocumentNode, type FragmentDefinitionNode,
  type GraphQLInterfaceType, type GraphQLNamedType, type GraphQLObjectType, type GraphQLSchema, type OperationDefinitionNode,
  type SelectionSetNode, type ValueNode, valueFromASTUntyped,
} from 'graphql';
import { DEFAULT_PAGE_SIZE } from '../common/connection';
import { AppError, ErrorCode } from '../common/errors';
import { declareRefusals } from '../common/refusals';

/** What a nested list without a page size (parties, representatives, activities, notes...) is counted as. */
export const NESTED_LIST_ESTIMATE = 5;
/** Most rows and fields one operation may ask for, counted with its variables. */
export const MAX_QUERY_COST = 25_000;

/** Why an operation was refused before any resolver ran, for its shape or size (the README's "Query limits"). */
export enum QueryLimitRefusal {
  TOO_COSTLY = 'TOO_COSTLY',
  TOO_DEEP = 'TOO_DEEP',
  TOO_MANY_ALIASES = 'TOO_MANY_ALIASES',
  TOO_MANY_DIRECTIVES = 'TOO_MANY_DIRECTIVES',
}
declareRefusals('QueryLimitRefusal', QueryLimitRefusal, 'Why an operation was refused for its size or shape before any resolver ran (HTTP 400).', {
  TOO_COSTLY: 'It asks for too many rows and fields at once (BAD_USER_INPUT): ask for smaller pages or fewer nested lists, or split it.',
  TOO_DEEP: 'Its fields nest too deeply (GRAPHQL_VALIDATION_FAILED): ask for fewer levels, or fetch the deeper objects in a second request.',
  TOO_MANY_ALIASES: 'It uses too many aliases (GRAPHQL_VALIDATION_FAILED): send several smaller operations.',
  TOO_MANY_DIRECTIVES: 'It uses too many directives (GRAPHQL_VALIDATION_FAILED): send several smaller operations.',
});

type Composite = GraphQLObjectType | GraphQLInterfaceType;
const isComposite = (type: GraphQLNamedType | null | undefined): type is Composite => isObjectType(type) || isInterfaceType(type);

interface Walk {
  schema: GraphQLSchema;
  variables: Record<string, unknown>;
  fragments: Map<string, FragmentDefinitionNode>;
}

/** How many ids a list argument (`nodes(ids:)`) names, literal or variable. */
function listLengthOf(node: ValueNode, variables: Record<string, unknown>): number {
  if (node.kind === Kind.LIST) return node.values.length;
  if (node.kind === Kind.VARIABLE) {
    const value = variables[node.name.value];
    return Array.isArray(value) ? value.length : 1;
  }
  return 1;
}

function pageSizeOf(node: ValueNode | undefined, variables: Record<string, unknown>): number {
  if (!node) return DEFAULT_PAGE_SIZE;
  if (node.kind === Kind.INT) return Number(node.value);
  if (node.kind === Kind.VARIABLE) {
    const value = variables[node.name.value];
    return typeof value === 'number' ? value : DEFAULT_PAGE_SIZE;
  }
  return DEFAULT_PAGE_SIZE;
}

/**
 * Fields of `selections` on `type`, each weighted by how many times it can be resolved. A connection
 * (`first`) hands its page size to its `edges` list; a list of ids (`nodes(ids:)`) counts its ids; any
 * other list counts NESTED_LIST_ESTIMATE. An interface (`node`) counts its own fields and each
 * fragment on a type as that type.
 */
function costOf(walk: Walk, type: Composite, selections: SelectionSetNode, times: number, seen: Set<string>, page?: number): number {
  let total = 0;
  for (const selection of selections.selections) {
    if (selection.kind === Kind.FRAGMENT_SPREAD) {
      const fragment = walk.fragments.get(selection.name.value);
      if (!fragment || seen.has(fragment.name.value)) continue;
      const on = walk.schema.getType(fragment.typeCondition.name.value);
      if (isComposite(on)) total += costOf(walk, on, fragment.selectionSet, times, new Set([...seen, fragment.name.value]), page);
      continue;
    }
    if (selection.kind === Kind.INLINE_FRAGMENT) {
      const on = selection.typeCondition ? walk.schema.getType(selection.typeCondition.name.value) : type;
      if (isComposite(on)) total += costOf(walk, on, selection.selectionSet, times, seen, page);
      continue;
    }
    const field = type.getFields()[selection.name.value];
    total += times;
    if (!field || !selection.selectionSet) continue;
    const first = selection.arguments?.find((argument) => argument.name.value === 'first');
    const list = isListType(getNullableType(field.type));
    const ids = selection.arguments?.find((argument) => argument.name.value === 'ids');
    const many = !list ? 1 : ids ? listLengthOf(ids.value, walk.variables) : page ?? NESTED_LIST_ESTIMATE;
    const child = getNamedType(field.type);
    const childPage = first ? pageSizeOf(first.value, walk.variables) : undefined;
    if (isComposite(child)) total += costOf(walk, child, selection.selectionSet, times * Math.max(many, 1), seen, childPage);
  }
  return total;
}

/** The cost of `operation`: every field once per row it can be resolved for, page sizes and variables counted. */
export function operationCost(
  schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown> = {},
): number {
  const root = operation.operation === 'mutation' ? schema.getMutationType()
    : operation.operation === 'subscription' ? schema.getSubscriptionType() : schema.getQueryType();
  if (!root) return 0;
  const fragments = new Map(document.definitions
    .filter((definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION)
    .map((fragment) => [fragment.name.value, fragment]));
  // A variable left out takes its default (`query($n: Int = 100)`), as execution will.
  const defaults = Object.fromEntries((operation.variableDefinitions ?? [])
    .filter((definition) => definition.defaultValue !== undefined)
    .map((definition) => [definition.variable.name.value, valueFromASTUntyped(definition.defaultValue!)]));
  return costOf({ schema, variables: { ...defaults, ...variables }, fragments }, root, operation.selectionSet, 1, new Set());
}

export const tooCostly = () =>
  new AppError(ErrorCode.BAD_USER_INPUT, 'The operation asks for too much at once: ask for smaller pages or fewer nested lists, or split it into several requests.', {
    reason: QueryLimitRefusal.TOO_COSTLY,
    http: { status: 400 },
  });

/**
 * The one cost limit, for HTTP (this plugin) and WebSocket (websocket.ts) alike: it counts page
 * sizes, so `first: 100` and `first: $n` with n = 100 cost the same, and nested lists. An operation
 * over MAX_QUERY_COST is refused (400) before any resolver runs; the answer does not say the
 * limit's value.
 */
export const queryCostLimit = (schema: GraphQLSchema): ApolloServerPlugin => {
  // Apollo hands the same parsed document to every request with the same text (its document
  // store): an operation without variables costs the same every time, so it is counted once.
  const fixed = new WeakMap<OperationDefinitionNode, number>();
  const costFor = (document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown>) => {
    if (operation.variableDefinitions?.length) return operationCost(schema, document, operation, variables);
    let cost = fixed.get(operation);
    if (cost === undefined) fixed.set(operation, (cost = operationCost(schema, document, operation)));
    return cost;
  };
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, operation }) {
          if (operation && costFor(document, operation, request.variables ?? {}) > MAX_QUERY_COST) throw tooCostly();
        },
      };
    },
  };
};
