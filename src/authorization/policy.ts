import type { MiddlewareFn } from 'type-graphql';
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
  | { kind: 'roles'; roles: StaffRole[] };

export const Policies = {
  /** Any verified principal, staff or self-service client. */
  signedIn: (): Policy => ({ kind: 'signedIn' }),
  /** The caller's ability allows the action on at least some rows; row rules then apply in SQL. */
  can: (action: Action, subject: SubjectType): Policy => ({ kind: 'ability', action, subject }),
  /** Only staff in one of these roles. */
  staffRoles: (...roles: StaffRole[]): Policy => ({ kind: 'roles', roles }),
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
      if (ctx.principal.kind !== 'staff' || !policy.roles.includes(ctx.principal.staff.role)) throw forbidden();
      return;
  }
}

/** The global guard: root fields run only when their declared policy allows it. */
export function policyGuard(): MiddlewareFn<RequestContext> {
  let policies: Map<string, Policy | undefined> | undefined;
  return async ({ context, info }, next) => {
    if (info.path.prev !== undefined) return next();
    policies ??= rootFieldPolicies();
    const policy = policies.get(`${info.parentType.name}.${info.fieldName}`);
    if (!policy) throw forbidden(`${info.parentType.name}.${info.fieldName} declares no access policy.`);
    checkPolicy(policy, context);
    return next();
  };
}
