import type { EntityTarget, ObjectLiteral } from 'typeorm';
import type { SubjectType } from '../../authorization/ability';
import { visibleQuery } from '../../authorization/visible-query';
import { AuditEvent } from '../../audit-trail/audit-event.entity';
import type { RequestContext } from '../../request/context';
import { AccessExtension } from '../access-requests/access-extension.entity';
import { AccessGrant } from '../access-requests/access-grant.entity';
import { findVisibleAccessGrant } from '../access-requests/access-grant.service';
import { AccessRequest } from '../access-requests/access-request.entity';
import { findVisibleAccessRequest } from '../access-requests/access-request.service';
import { Case } from '../cases/case.entity';
import { findVisibleCase } from '../cases/case.service';
import { Contact } from '../contacts/contact.entity';
import { findVisibleContact } from '../contacts/contact.loaders';
import { Letter } from '../letters/letter.entity';
import { findVisibleLetter } from '../letters/letter.service';
import { Notification } from '../notifications/notification.entity';
import { ServiceRequest } from '../service-requests/service-request.entity';
import { findVisibleServiceRequest } from '../service-requests/service-request.service';
import { staffById, teamById } from '../staff/staff.loaders';
import { Staff } from '../staff/staff.entity';
import { Team } from '../staff/team.entity';

export interface NodeType {
  entity: EntityTarget<ObjectLiteral>;
  subject: SubjectType;
  /**
   * The type's own single-row read (the one `contact(id)`, `serviceRequest(id)`... use), so a node
   * answers exactly as that query would, side effects included (TAR-8: a contact read under a
   * grant is audited).
   */
  load: (ctx: RequestContext, id: string) => Promise<ObjectLiteral | null>;
}

const plain = (entity: EntityTarget<ObjectLiteral>, subject: SubjectType): NodeType => ({
  entity,
  subject,
  load: (ctx, id) => visibleQuery(ctx, entity, subject, 'row').andWhere('row.id = :id', { id }).getOne(),
});

/** The node types whose ids are UUIDs: the type is found by which table holds the id. */
export const UUID_NODE_TYPES: readonly NodeType[] = [
  { entity: Contact, subject: 'Contact', load: findVisibleContact },
  { entity: Case, subject: 'Case', load: findVisibleCase },
  { entity: ServiceRequest, subject: 'ServiceRequest', load: findVisibleServiceRequest },
  { entity: Letter, subject: 'Letter', load: findVisibleLetter },
  { entity: AccessRequest, subject: 'AccessRequest', load: findVisibleAccessRequest },
  { entity: AccessGrant, subject: 'AccessGrant', load: findVisibleAccessGrant },
  plain(AccessExtension, 'AccessExtension'),
  plain(Notification, 'Notification'),
  { entity: Staff, subject: 'Staff', load: (ctx, id) => staffById(ctx).load(id) },
  { entity: Team, subject: 'Team', load: (ctx, id) => teamById(ctx).load(id) },
];

/** The one node type with a numeric id (an identity column), so a numeric id can only be one. */
export const AUDIT_EVENT_NODE: NodeType = plain(AuditEvent, 'AuditEvent');

/** Digits that fit a bigint (18 of them always do): a longer number would be a database error, not a miss. */
const SEQUENCE = /^[1-9][0-9]{0,17}$/;

export const isSequence = (id: string) => SEQUENCE.test(id);
