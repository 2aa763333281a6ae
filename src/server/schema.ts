import 'reflect-metadata';
import { type GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { buildSchemaSync } from 'type-graphql';
import { policyGuard } from '../authorization/policy';
import { AccessGrantResolver } from '../modules/access-requests/access-grant.resolver';
import { AccessRequestResolver } from '../modules/access-requests/access-request.resolver';
import { AuditResolver } from '../modules/audit/audit.resolver';
import { CasePartyResolver, CaseResolver } from '../modules/cases/case.resolver';
import { ContactResolver, RepresentativeLinkResolver } from '../modules/contacts/contact.resolver';
import { NotificationResolver } from '../modules/notifications/notification.resolver';
import { ServiceRequestResolver } from '../modules/service-requests/service-request.resolver';
import { MeResolver, StaffResolver } from '../modules/staff/me.resolver';

export const RESOLVERS = [
  MeResolver,
  StaffResolver,
  ContactResolver,
  RepresentativeLinkResolver,
  CaseResolver,
  CasePartyResolver,
  ServiceRequestResolver,
  AccessRequestResolver,
  AccessGrantResolver,
  NotificationResolver,
  AuditResolver,
] as const;

let built: GraphQLSchema | undefined;

/** The schema, built once from the resolver classes; the policy guard runs on every root field. */
export function buildAppSchema(): GraphQLSchema {
  built ??= buildSchemaSync({
    resolvers: [...RESOLVERS],
    globalMiddlewares: [policyGuard()],
    validate: false,
    emitSchemaFile: false,
  });
  return built;
}

/** The committed contract: sorted so that the file changes only when the API does. */
export const printContract = (schema: GraphQLSchema = buildAppSchema()) =>
  `${printSchema(lexicographicSortSchema(schema))}\n`;
