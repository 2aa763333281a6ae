import { randomBytes } from 'node:crypto';
import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { SubjectType } from '../../authorization/ability';
import { loadPrincipal } from '../../authorization/load-principal';
import type { Principal } from '../../authorization/principal';
import { StaffRole } from '../../authorization/roles';
import { AppError, ErrorCode } from '../../common/errors';
import { AccessExtension } from '../access-requests/access-extension.entity';
import { AccessGrant } from '../access-requests/access-grant.entity';
import { SrActorType } from '../service-requests/sr-status-change.entity';
import { type AccessRequestStatus, ExtensionStatus } from '../access-requests/access-enums';
import { AccessRequest } from '../access-requests/access-request.entity';
import { CaseParty } from '../cases/case-party.entity';
import { Case } from '../cases/case.entity';
import { ClientRole, ContactKind, SelfServiceStatus } from '../contacts/contact-enums';
import { Contact } from '../contacts/contact.entity';
import { LetterChannel, LetterStatus, LetterTemplate } from '../letters/letter-enums';
import { Letter } from '../letters/letter.entity';
import { Notification, NotificationKind } from '../notifications/notification.entity';
import { PreferenceField } from '../preferences/preference-enums';
import { PreferenceChange } from '../preferences/preference-change.entity';
import { Activity } from '../service-requests/activity.entity';
import { newServiceRequest } from '../service-requests/new-service-request';
import { ServiceRequest } from '../service-requests/service-request.entity';
import { SrNote } from '../service-requests/sr-note.entity';
import { SrKind, SrSourceType, SubjectType as SrSubjectType } from '../service-requests/sr-enums';
import { Staff } from '../staff/staff.entity';
import { Team } from '../staff/team.entity';
import { CLIENT, type GrantSpec, type PolicyCase } from './policy-case';

/** The tables behind the subjects of the role table (AuditEvent and Policy are decided in memory: see decide.ts). */
export const ENTITY_OF: Partial<Record<SubjectType, EntityTarget<ObjectLiteral>>> = {
  Contact, Case, Staff, Team, ServiceRequest, Activity, SrNote, PreferenceChange, Letter,
  AccessRequest, AccessGrant, AccessExtension, Notification,
};

/** The relations the role table's conditions read, attached for the in-memory form of a rule. */
const RELATIONS: Partial<Record<SubjectType, Record<string, boolean>>> = {
  Case: { parties: true },
  ServiceRequest: { subjectContact: true },
  Activity: { serviceRequest: true },
  SrNote: { serviceRequest: true },
  PreferenceChange: { serviceRequest: true, contact: true },
  Letter: { contact: true, serviceRequest: true },
  AccessExtension: { grant: true },
};

export interface BuiltWorld {
  /** Null when the principal would be refused at sign-in (inactive, or not active on self service). */
  principal: Principal | null;
  /** The resource row; null for subjects without a table. */
  target: { entity: EntityTarget<ObjectLiteral>; subject: SubjectType; id: string } | null;
  /** The same row with the relations its rules read. */
  row: Record<string, unknown>;
  /** The contact whose personal data the row carries (SCR-3), if one. */
  contactId: string | null;
  /** Each hypothetical row's id and its label, so answers speak in the case's words, not throw-away ids. */
  labels: Map<string, string>;
}

/**
 * Writes the case's hypothetical rows through `tx`, which the caller rolls back. Names and numbers
 * carry a random tag so they never meet a real row's unique key, and every foreign key points at a
 * hypothetical row, so the simulation neither reads nor locks real data.
 */
export async function buildHypotheticalWorld(tx: EntityManager, c: PolicyCase): Promise<BuiltWorld> {
  const tag = randomBytes(4).toString('hex');
  let serial = 0;
  const unique = (prefix: string) => `${prefix}${tag}${(serial += 1)}`;
  const { principal: p, world, resource: r } = c;
  const save = <T extends ObjectLiteral>(entity: EntityTarget<T>, row: Partial<T>) => tx.save(entity, tx.create(entity, row as T));

  const teams = new Map<string, string>();
  for (const label of world.teams) teams.set(label, (await save(Team, { name: unique(`Simulation ${label} `).slice(0, 100), segment: p.segment, leaderId: null })).id);
  const staff = new Map<string, Staff>();
  const addStaff = async (label: string, role: StaffRole, active: boolean) => staff.set(label, await save(Staff, {
    staffNumber: unique('SIM'), firstName: 'Hypothetical', lastName: label.slice(0, 100), role, segment: p.segment,
    teamId: teams.get(p.team)!, grade: 'EO', area: 'Simulation', workPhone: null, active,
  }));
  if (p.role !== CLIENT) {
    await addStaff('me', p.role, p.active);
    for (const led of p.leads) await tx.update(Team, { id: teams.get(led)! }, { leaderId: staff.get('me')!.id });
  }
  for (const label of world.people) await addStaff(label, StaffRole.CASEWORKER, true);
  const staffId = (label: string | undefined) => (label === undefined ? null : staff.get(label)!.id);

  const contacts = new Map<string, Contact>();
  for (const contact of world.contacts) {
    const own = p.role === CLIENT && contact.label === p.contact;
    contacts.set(contact.label, await save(Contact, {
      kind: contact.representative ? ContactKind.REPRESENTATIVE : ContactKind.CLIENT,
      clientRole: contact.representative ? null : ClientRole.PWC,
      firstName: 'Hypothetical', lastName: contact.label.slice(0, 100), sensitive: contact.sensitive,
      selfServiceStatus: own && p.active ? SelfServiceStatus.REGISTERED_ACTIVE : SelfServiceStatus.NOT_REGISTERED,
    }));
  }
  const srs = new Map<string, ServiceRequest>();
  for (const sr of world.serviceRequests) {
    const subject = contacts.get(sr.subject)!;
    const row = newServiceRequest(tx, c.at, {
      kind: SrKind.CHANGE_CONTACT_PREFERENCES, sourceType: SrSourceType.REPORTING_PERSON, subjectContactId: subject.id,
      subjectType: subject.kind === ContactKind.REPRESENTATIVE ? SrSubjectType.REPRESENTATIVE : SrSubjectType.PWC, segment: sr.segment, cases: [],
    });
    row.status = sr.status;
    srs.set(sr.label, await tx.save(row));
  }
  const saveGrant = (g: GrantSpec) => save(AccessGrant, {
    requestId: null, staffId: staffId(g.staff)!, teamId: teams.get(g.team)!, purpose: g.purpose,
    contactId: g.contact ? contacts.get(g.contact)!.id : null, serviceRequestId: g.serviceRequest ? srs.get(g.serviceRequest)!.id : null,
    grantedAt: g.from, expiresAt: g.until, removedAt: g.removedAt, removedById: null, removalReason: null,
  });
  for (const grant of p.grants) await saveGrant(grant);

  const srOf = () => srs.get(r.serviceRequest!)!;
  let id: string | undefined;
  let contactId: string | null = null;
  switch (r.type) {
    case 'Contact':
      id = contactId = contacts.get(r.label)!.id;
      break;
    case 'Case': {
      id = (await save(Case, { caseNumber: unique('S').slice(0, 20), segment: r.segment, csaArrearsOnly: false })).id;
      for (const [index, label] of [...new Set(r.parties)].entries()) {
        await save(CaseParty, { caseId: id, contactId: contacts.get(label)!.id, role: index % 2 === 0 ? ClientRole.PWC : ClientRole.NRP });
      }
      break;
    }
    case 'ServiceRequest':
      id = srOf().id;
      contactId = srOf().subjectContactId;
      break;
    case 'Activity':
      id = (await save(Activity, { serviceRequestId: srOf().id, sequence: 1, name: 'Hypothetical step' })).id;
      contactId = srOf().subjectContactId;
      break;
    case 'SrNote':
      id = (await save(SrNote, { serviceRequestId: srOf().id, authorId: null, text: 'Hypothetical note', createdAt: c.at })).id;
      contactId = srOf().subjectContactId;
      break;
    case 'PreferenceChange':
      contactId = srOf().subjectContactId;
      id = String((await save(PreferenceChange, {
        serviceRequestId: srOf().id, contactId, field: PreferenceField.PREFERRED_CONTACT_METHOD, oldValue: null, newValue: null,
        changedAt: c.at, actorType: SrActorType.STAFF, actorId: null,
      })).id);
      break;
    case 'Letter': {
      contactId = r.contact ? contacts.get(r.contact)!.id : srOf().subjectContactId;
      const status = r.status as LetterStatus;
      id = (await save(Letter, {
        template: LetterTemplate.CMSL9547, contactId, serviceRequestId: r.serviceRequest ? srOf().id : null, status,
        channel: LetterChannel.POST, title: 'Hypothetical', body: 'Hypothetical', createdAt: c.at,
        sentAt: status === LetterStatus.SENT ? c.at : null, cancelledAt: status === LetterStatus.CANCELLED ? c.at : null,
      })).id;
      break;
    }
    case 'AccessRequest':
      contactId = srOf().subjectContactId;
      id = (await save(AccessRequest, {
        requesterId: staffId(r.people.requester)!, teamId: teams.get(r.team)!, staffNumber: 'SIM', teamName: 'Simulation',
        grade: 'EO', area: 'Simulation', requestedHours: 4, purpose: r.purpose, serviceRequestId: srOf().id, contactId,
        justification: 'Hypothetical', status: r.status as AccessRequestStatus, tlCheckedById: staffId(r.people.tlCheckedBy),
        scrApprovedById: staffId(r.people.scrApprovedBy), createdAt: c.at,
      })).id;
      break;
    case 'AccessGrant':
    case 'AccessExtension': {
      const grant = await saveGrant(r.grant!);
      contactId = grant.contactId;
      id = grant.id;
      if (r.type === 'AccessGrant') break;
      const decided = r.status === ExtensionStatus.GRANTED || r.status === ExtensionStatus.REJECTED;
      id = (await save(AccessExtension, {
        grantId: grant.id, requestedById: staffId(r.people.requestedBy)!, requestedHours: 4, reason: 'Hypothetical',
        status: r.status as ExtensionStatus, tlSupportedById: staffId(r.people.tlSupportedBy), createdAt: c.at,
        decidedAt: decided ? c.at : null, newExpiresAt: r.status === ExtensionStatus.GRANTED ? grant.expiresAt : null,
        previousExpiresAt: r.status === ExtensionStatus.GRANTED ? grant.expiresAt : null,
      })).id;
      break;
    }
    case 'Notification':
      id = (await save(Notification, {
        recipientId: staffId(r.people.recipient)!, kind: NotificationKind.ACCESS_GRANTED, message: 'Hypothetical',
        dedupeKey: unique('simulation:'), createdAt: c.at,
      })).id;
      break;
    case 'Staff':
      id = staff.get(r.label)!.id;
      break;
    case 'Team':
      id = teams.get(r.label)!;
      break;
    default:
      break;
  }

  const principal = await principalOf(tx, c, p.role === CLIENT ? undefined : staff.get('me'), p.role === CLIENT ? contacts.get(p.contact)!.id : undefined);
  const labels = new Map<string, string>([
    ...[...teams].map(([label, teamId]) => [teamId, label] as const), ...[...staff].map(([label, row]) => [row.id, label] as const),
    ...[...contacts].map(([label, row]) => [row.id, label] as const), ...[...srs].map(([label, row]) => [row.id, label] as const),
  ]);
  const entity = ENTITY_OF[r.type];
  if (!entity || id === undefined) return { principal, target: null, row: {}, contactId: null, labels };
  const row = await tx.getRepository(entity).findOneOrFail({ where: { id }, relations: RELATIONS[r.type] ?? {} });
  return { principal, target: { entity, subject: r.type, id }, row, contactId, labels };
}

/** Exactly the principal a request of theirs would get at `at` (role, led teams, live grants), or null if refused at sign-in. */
async function principalOf(tx: EntityManager, c: PolicyCase, me: Staff | undefined, clientContactId: string | undefined): Promise<Principal | null> {
  const claims = me ? { principalType: 'staff' as const, subject: me.staffNumber } : { principalType: 'client' as const, subject: clientContactId! };
  try {
    return await loadPrincipal(tx, claims, c.at);
  } catch (error) {
    if (error instanceof AppError && error.code === ErrorCode.UNAUTHENTICATED) return null;
    throw error;
  }
}

