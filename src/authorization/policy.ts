import { defaultFieldResolver, type GraphQLSchema } from 'graphql';
import { getMetadataStorage } from 'type-graphql';
import { forbidden, unauthenticated } from '../common/errors';
import type { AccessContext } from './access-context';
import type { Action, SubjectType } from './ability';
import { AccessRefusal } from './require-access';

/**
 * Who may call an operation. Every Query, Mutation and Subscription declares one with `@Requires(...)`;
 * the global guard refuses any root field that declares none (deny by default).
 */
export type Policy =
  | { kind: 'signedIn' }
  | { kind: 'ability'; anyOf: [Action, SubjectType][] };

export const Policies = {
  /** Any verified principal, staff or self-service client. */
  signedIn: (): Policy => ({ kind: 'signedIn' }),
  /** The caller's ability allows the action on at least some rows; row rules then apply in SQL. */
  can: (action: Action, subject: SubjectType): Policy => ({ kind: 'ability', anyOf: [[action, subject]] }),
  /** Any of these, e.g. a caseworker's `work` or a client's `selfServe`; the service then asks which applies. */
  canAny: (...anyOf: [Action, SubjectType][]): Policy => ({ kind: 'ability', anyOf }),
};

const declared = new Map<Function, Map<string, Policy>>();

/** Declares the policy of a resolver method. */
export function Requires(policy: Policy): MethodDecorator {
  return (target, propertyKey) => {
    const byMethod = declared.get(target.constructor) ?? new Map<string, Policy>();
    byMethod.set(String(propertyKey), policy);
    declared.set(target.constructor, byMethod);
  };
}

/** Policies by schema coordinate ("Query.contacts"), from type-graphql's metadata. */
export function rootFieldPolicies(): Map<string, Policy | undefined> {
  const storage = getMetadataStorage();
  const result = new Map<string, Policy | undefined>();
  const add = (typeName: string, handlers: { target: Function; methodName: string; schemaName: string }[]) => {
    for (const handler of handlers) {
      result.set(`${typeName}.${handler.schemaName}`, declared.get(handler.target)?.get(handler.methodName));
    }
  };
  add('Query', storage.queries);
  add('Mutation', storage.mutations);
  add('Subscription', storage.subscriptions);
  return result;
}

export function checkPolicy(policy: Policy, ctx: AccessContext): void {
  if (!ctx.principal) throw unauthenticated();
  switch (policy.kind) {
    case 'signedIn':
      return;
    case 'ability':
      if (!policy.anyOf.some(([action, subject]) => ctx.ability.can(action, subject))) {
        const [action, subject] = policy.anyOf[0];
        throw forbidden(`You may not ${action} any ${subject}.`, { reason: AccessRefusal.NOT_PERMITTED, action });
      }
      return;
  }
}

/**
 * The guard, installed on every root field of the built schema: a field runs only when its declared
 * policy allows it, and a field that declares none is refused (deny by default). Wrapping the root
 * resolvers once costs nothing per nested field, unlike a global middleware. A subscription is
 * guarded where it starts (`subscribe`); each event is then judged by its feed.
 */
export function guardRootFields(
  schema: GraphQLSchema,
  policies: Map<string, Policy | undefined> = rootFieldPolicies(),
): GraphQLSchema {
  for (const type of [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]) {
    if (!type) continue;
    const subscription = type === schema.getSubscriptionType();
    for (const field of Object.values(type.getFields())) {
      const coordinate = `${type.name}.${field.name}`;
      const policy = policies.get(coordinate);
      const run = (subscription ? field.subscribe : field.resolve) ?? defaultFieldResolver;
      const guarded: typeof run = (source, args, context, info) => {
        if (!policy) throw forbidden(`${coordinate} declares no access policy.`);
        checkPolicy(policy, context as AccessContext);
        return run(source, args, context, info);
      };
      if (subscription) field.subscribe = guarded;
      else field.resolve = guarded;
    }
  }
  return schema;
}
