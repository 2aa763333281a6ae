import 'reflect-metadata';
import { GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { errorCodeEnumType } from '../common/errors';
import { refusalEnumTypes } from '../common/refusals';
// LiveRefusal, the refusals of subscriptions over WebSocket: in the contract even where no socket is served.
import '../request/live';
// The edge's own refusal reasons (input-guard) belong in the contract as every module's do.
import './input-guard';
// And the query limits' (query-cost).
import './query-cost';
import { buildSchemaSync } from 'type-graphql';
import { guardPersonalData } from '../authorization/personal-data';
import { guardRootFields } from '../authorization/policy';
import { contactById } from '../modules/contacts/contact.loaders';
// Each module's declaration of the fields carrying a contact's personal data (SCR-3).
import '../modules/access-requests/access.personal-data';
import '../modules/cases/cases.personal-data';
import '../modules/contacts/contacts.personal-data';
import '../modules/letters/letters.personal-data';
import '../modules/preferences/preferences.personal-data';
import '../modules/service-requests/sr.personal-data';
import { AccessGrantResolver } from '../modules/access-requests/access-grant.resolver';
import { AccessRequestResolver } from '../modules/access-requests/access-request.resolver';
import { AuditResolver } from '../modules/audit/audit.resolver';
import { AuditIntegrityResolver } from '../modules/audit-integrity/audit-integrity.resolver';
import { CasePartyResolver, CaseResolver } from '../modules/cases/case.resolver';
import { ContactResolver, RepresentativeLinkResolver } from '../modules/contacts/contact.resolver';
import { NotificationResolver } from '../modules/notifications/notification.resolver';
import { DueWorkResolver } from '../modules/due-work/due-work.resolver';
import { LetterResolver } from '../modules/letters/letter.resolver';
import {
  ContactPreferencesFieldResolver, ContactPreferencesResolver, ServiceRequestPreferencesResolver,
} from '../modules/preferences/preferences.resolver';
import { ServiceRequestResolver } from '../modules/service-requests/service-request.resolver';
import { FinanceActionResolver } from '../modules/service-requests/finance-action.resolver';
import { SrStatusChangeResolver } from '../modules/service-requests/sr-history.resolver';
import { ContactSecurityResolver, SecurityResolver } from '../modules/security/security.resolver';
import { RepresentativeSecurityResolver } from '../modules/security/representative-security.resolver';
import { MeResolver, StaffResolver } from '../modules/staff/me.resolver';
import { PolicyWorkbenchResolver } from '../modules/policy-workbench/policy-workbench.resolver';
import { NodeResolver } from '../modules/node/node.resolver';
import { nullableRootFields } from './nullable-roots';
import { readPlainFieldsDirectly } from './plain-fields';

export const RESOLVERS = [
  MeResolver,
  StaffResolver,
  ContactResolver,
  RepresentativeLinkResolver,
  CaseResolver,
  CasePartyResolver,
  ServiceRequestResolver,
  FinanceActionResolver,
  SrStatusChangeResolver,
  AccessRequestResolver,
  AccessGrantResolver,
  NotificationResolver,
  AuditResolver,
  AuditIntegrityResolver,
  LetterResolver,
  ContactPreferencesResolver,
  ContactPreferencesFieldResolver,
  ServiceRequestPreferencesResolver,
  DueWorkResolver,
  SecurityResolver,
  ContactSecurityResolver,
  RepresentativeSecurityResolver,
  PolicyWorkbenchResolver,
  NodeResolver,
] as const;

let built: GraphQLSchema | undefined;

/**
 * type-graphql wants a PubSub once a Subscription exists. Ours declare their own `subscribe`, fed
 * from Postgres LISTEN/NOTIFY per instance (src/server/websocket.ts): an in-process topic would
 * miss events written on other instances, so any use of one is a bug.
 */
const NO_TOPICS = {
  publish: () => {
    throw new Error('Subscriptions are fed from the database, not published in process.');
  },
  subscribe: () => {
    throw new Error('Subscriptions declare their own `subscribe`.');
  },
};

/** The root types have no class of ours to carry a description, so they get theirs here. */
const ROOT_DESCRIPTIONS: Record<string, string> = {
  Query: 'Everything that can be read. Each field says who may call it; rows the caller may not see are left out or answer as not found.',
  Mutation: 'Everything that changes data: one intent per field, each in one transaction. Expected refusals come back as errors with a `code` and a `reason`.',
  Subscription: 'Live events, served over WebSocket (graphql-ws) on /graphql, never over HTTP.',
};

/** Lists every error code and every module's refusal reasons in the contract, so front-end teams can switch on them. */
const withRefusals = (schema: GraphQLSchema) => {
  const config = schema.toConfig();
  for (const root of [config.query, config.mutation, config.subscription]) {
    if (root) root.description ??= ROOT_DESCRIPTIONS[root.name];
  }
  return new GraphQLSchema({ ...config, types: [...config.types, errorCodeEnumType(), ...refusalEnumTypes()] });
};

/**
 * The schema, built once from the resolver classes: every root Query and Mutation field is nullable
 * (one failing field leaves the others' data), every root field gets its policy guard, every
 * nested subject its read check, every personal-data field the visibility of its contact.
 */
export function buildAppSchema(): GraphQLSchema {
  if (!built) readPlainFieldsDirectly();
  built ??= withRefusals(guardPersonalData(
    guardRootFields(nullableRootFields(buildSchemaSync({ resolvers: [...RESOLVERS], validate: false, emitSchemaFile: false, pubSub: NO_TOPICS }))),
    async (ctx, contactId) => (await contactById(ctx).load(contactId)) !== null,
  ));
  return built;
}

/** The committed contract: sorted so that the file changes only when the API does. */
export const printContract = (schema: GraphQLSchema = buildAppSchema()) =>
  `${printSchema(lexicographicSortSchema(schema))}\n`;
