import { GraphQLEnumType } from 'graphql';

/**
 * Typed refusals: each module names the reasons it refuses with (the `reason` of an error's
 * extensions) as an enum, declared here once so the schema lists every value front-end teams
 * can meet, module by module, and a test can forbid a reason that is not one of them.
 */
const declared = new Map<string, { values: Record<string, string>; description: string }>();

export function declareRefusals<E extends Record<string, string>>(name: string, values: E, description: string): E {
  declared.set(name, { values, description });
  return values;
}

/** The refusal enums as schema types (added to the schema by the composition root). */
export const refusalEnumTypes = (): GraphQLEnumType[] =>
  [...declared.entries()].map(([name, { values, description }]) => new GraphQLEnumType({
    name,
    description: `${description} Values of \`extensions.reason\` in errors.`,
    values: Object.fromEntries(Object.values(values).map((value) => [value, { value }])),
  }));

export const declaredRefusalValues = (): Set<string> =>
  new Set([...declared.values()].flatMap(({ values }) => Object.values(values)));
