import { GraphQLEnumType } from 'graphql';

/**
 * Typed refusals: each module names the reasons it refuses with (the `reason` of an error's
 * extensions) as an enum, declared here once so the schema lists every value front-end teams
 * can meet, module by module, and a test can forbid a reason that is not one of them.
 */
const declared = new Map<string, { values: Record<string, string>; description: string; meanings: Record<string, string> }>();

/** `meanings` says, per value, what the refusal means in plain words (the contract shows it). */
export function declareRefusals<E extends Record<string, string>>(
  name: string, values: E, description: string, meanings: Partial<Record<E[keyof E], string>> = {},
): E {
  declared.set(name, { values, description, meanings: meanings as Record<string, string> });
  return values;
}

/** The refusal enums as schema types (added to the schema by the composition root). */
export const refusalEnumTypes = (): GraphQLEnumType[] =>
  [...declared.entries()].map(([name, { values, description, meanings }]) => new GraphQLEnumType({
    name,
    description: `${description} Values of \`extensions.reason\` in errors.`,
    values: Object.fromEntries(Object.values(values).map((value) => [value, { value, description: meanings[value] }])),
  }));

export const declaredRefusalValues = (): Set<string> =>
  new Set([...declared.values()].flatMap(({ values }) => Object.values(values)));
