import type { ApolloServerPlugin } from '@apollo/server';
import {
  getNamedType, getNullableType, isListType, isObjectType, Kind, type FragmentDefinitionNode, type GraphQLObjectType,
  type GraphQLSchema, type SelectionSetNode, type ValueNode,
} from 'graphql';
import { DEFAULT_PAGE_SIZE } from '../common/connection';
import { AppError, ErrorCode } from '../common/errors';

/** What a nested list without a page size (parties, representatives, activities, notes...) is counted as. */
export const NESTED_LIST_ESTIMATE = 5;
/** Most rows and fields one operation may ask for, counted with its variables. */
export const MAX_QUERY_COST = 10_000;

interface Walk {
  schema: GraphQLSchema;
  variables: Record<string, unknown>;
  fragments: Map<string, FragmentDefinitionNode>;
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
 * (`first`) hands its page size to its `edges` list; any other list counts NESTED_LIST_ESTIMATE.
 */
function costOf(walk: Walk, type: GraphQLObjectType, selections: SelectionSetNode, times: number, seen: Set<string>, page?: number): number {
  let total = 0;
  for (const selection of selections.selections) {
    if (selection.kind === Kind.FRAGMENT_SPREAD) {
      const fragment = walk.fragments.get(selection.name.value);
      if (!fragment || seen.has(fragment.name.value)) continue;
      const on = walk.schema.getType(fragment.typeCondition.name.value);
      if (isObjectType(on)) total += costOf(walk, on, fragment.selectionSet, times, new Set([...seen, fragment.name.value]), page);
      continue;
    }
    if (selection.kind === Kind.INLINE_FRAGMENT) {
      const on = selection.typeCondition ? walk.schema.getType(selection.typeCondition.name.value) : type;
      if (isObjectType(on)) total += costOf(walk, on, selection.selectionSet, times, seen, page);
      continue;
    }
    const field = type.getFields()[selection.name.value];
    total += times;
    if (!field || !selection.selectionSet) continue;
    const first = selection.arguments?.find((argument) => argument.name.value === 'first');
    const list = isListType(getNullableType(field.type));
    const many = list ? page ?? NESTED_LIST_ESTIMATE : 1;
    const child = getNamedType(field.type);
    const childPage = first ? pageSizeOf(first.value, walk.variables) : undefined;
    if (isObjectType(child)) total += costOf(walk, child, selection.selectionSet, times * Math.max(many, 1), seen, childPage);
  }
  return total;
}

/**
 * Cost analysis that counts what graphql-armor cannot see: a page size given as a variable
 * (`first: $n`) and nested lists without a page size. An operation over MAX_QUERY_COST is refused
 * (400) before any resolver runs; the answer does not say the limit's value.
 */
export const queryCostLimit = (schema: GraphQLSchema): ApolloServerPlugin => ({
  async requestDidStart() {
    return {
      async didResolveOperation({ request, document, operation }) {
        if (!operation) return;
        const root = operation.operation === 'mutation' ? schema.getMutationType() : schema.getQueryType();
        if (!root) return;
        const fragments = new Map(document.definitions
          .filter((definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION)
          .map((fragment) => [fragment.name.value, fragment]));
        const cost = costOf({ schema, variables: request.variables ?? {}, fragments }, root, operation.selectionSet, 1, new Set());
        if (cost > MAX_QUERY_COST) {
          throw new AppError(ErrorCode.BAD_USER_INPUT, 'The operation asks for too much at once: ask for smaller pages or fewer nested lists.', {
            http: { status: 400 },
          });
        }
      },
    };
  },
});
