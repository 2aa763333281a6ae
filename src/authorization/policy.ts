import { defaultFieldResolver, type GraphQLSchema } from 'graphql';
import { getMetadataStorage } from 'type-graphql';
import { forbidden, unauthenticated } from '../common/errors';
import type { StaffRole } from '../modules/staff/staff-role';
import type { RequestContext } from '../server/context';
import type { Action, SubjectType } from './ability';

/**
 * Who may call an operation. Every Query and Mutation declares one with `@Requires(...)`;
 * the global guard refuses any root field that declares none (deny by default).
 */
export type Policy =
  | { kind: 'signedIn' }
  | { kind: 'ability'; action: Action; subject: SubjectType }
  | { kind: 'roles'; roles: StaffRole[]; selfService?: boolean }
  | { kind: 'selfService' };

export const Policies = {
  /** Any verified principal, staff or self-service client. */
  signedIn: (): Policy => ({ kind: 'signedIn' }),
  /** The caller's ability allows the action on at least some rows; row rules then apply in SQL. */
  can: (action: Action, subject: SubjectType): Policy => ({ kind: 'ability', action, subject }),
  /** Only staff in one of these roles. */
  staffRoles: (...roles: StaffRole[]): Policy => ({ kind: 'roles', roles }),
  /** Staff in one of these roles, or a self-service client (acting on their own record only). */
  staffRolesOrSelfService: (...roles: StaffRole[]): Policy => ({ kind: 'roles', roles, selfService: true }),
  /** Only a self-service client, on their own record. */
  selfService: (): Policy => ({ kind: 'selfService' }),
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
  return result;
}

export function checkPolicy(policy: Policy, ctx: RequestContext): void {
  if (!ctx.principal) throw unauthenticated();
  switch (policy.kind) {
    case 'signedIn':
      return;
    case 'ability':
      if (!ctx.ability.can(policy.action, policy.subject)) throw forbidden();
      return;
    case 'roles':
      if (ctx.principal.kind === 'client' ? !policy.selfService : !policy.roles.includes(ctx.principal.staff.role)) throw forbidden();
      return;
    case 'selfService':
      if (ctx.principal.kind !== 'client') throw forbidden('Only a self-service client may do this, for themselves.');
      return;
  }
}

/**
 * The guard, installed on every root field of the built schema: a field runs only when its declared
 * policy allows it, and a field that declares none is refused (deny by default). Wrapping the root
 * resolvers once costs nothing per nested field, unlike a global middleware.
 */
export function guardRootFields(
  schema: GraphQLSchema,
  policies: Map<string, Policy | undefined> = rootFieldPolicies(),
): GraphQLSchema {
  for (const type of [schema.getQueryType(), schema.getMutationType()]) {
    if (!type) continue;
    for (const field of Object.values(type.getFields())) {
      const coordinate = `${type.name}.${field.name}`;
      const policy = policies.get(coordinate);
      const resolve = field.resolve ?? defaultFieldResolver;
      field.resolve = (source, args, context: RequestContext, info) => {
        if (!policy) throw forbidden(`${coordinate} declares no access policy.`);
        checkPolicy(policy, context);
        return resolve(source, args, context, info);
      };
    }
  }
  return schema;
}
