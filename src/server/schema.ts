import 'reflect-metadata';
import { type GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { buildSchemaSync } from 'type-graphql';
import { guardRootFields } from '../authorization/policy';
import { AccessGrantResolver } from '../modules/access-requests/access-grant.resolver';
import { AccessRequestResolver } from '../modules/access-requests/access-request.resolver';
import { AuditResolver } from '../modules/audit/audit.resolver';
import { CasePartyResolver, CaseResolver } from '../modules/cases/case.resolver';
import { ContactResolver, RepresentativeLinkResolver } from '../modules/contacts/contact.resolver';
import { NotificationResolver } from '../modules/notifications/notification.resolver';
import { DueWorkResolver } from '../modules/due-work/due-work.resolver';
import { LetterResolver } from '../modules/letters/letter.resolver';
import {
  ContactPreferencesFieldResolver, ContactPreferencesResolver, ServiceRequestPreferencesResolver,
} from '../modules/preferences/preferences.resolver';
import { ServiceRequestResolver } from '../modules/service-requests/service-request.resolver';
import { ContactSecurityResolver, SecurityResolver } from '../modules/security/security.resolver';
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
  LetterResolver,
  ContactPreferencesResolver,
  ContactPreferencesFieldResolver,
  ServiceRequestPreferencesResolver,
  DueWorkResolver,
  SecurityResolver,
  ContactSecurityResolver,
] as const;

let built: GraphQLSchema | undefined;

/** The schema, built once from the resolver classes; every root field gets its policy guard. */
export function buildAppSchema(): GraphQLSchema {
  built ??= guardRootFields(buildSchemaSync({ resolvers: [...RESOLVERS], validate: false, emitSchemaFile: false }));
  return built;
}

/** The committed contract: sorted so that the file changes only when the API does. */
export const printContract = (schema: GraphQLSchema = buildAppSchema()) =>
  `${printSchema(lexicographicSortSchema(schema))}\n`;
