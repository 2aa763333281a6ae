import { AccessExtension } from '../modules/access-requests/access-extension.entity';
import { AccessGrant } from '../modules/access-requests/access-grant.entity';
import { AccessRequest } from '../modules/access-requests/access-request.entity';
import { AuditEvent } from '../audit-trail/audit-event.entity';
import { Letter } from '../modules/letters/letter.entity';
import { ContactDisability } from '../modules/preferences/contact-disability.entity';
import { PreferenceChange } from '../modules/preferences/preference-change.entity';
import { SpecialRequirement } from '../modules/preferences/special-requirement.entity';
import { Notification } from '../modules/notifications/notification.entity';
import { Activity } from '../modules/service-requests/activity.entity';
import { ServiceRequest } from '../modules/service-requests/service-request.entity';
import { SrNote } from '../modules/service-requests/sr-note.entity';
import { CaseParty } from '../modules/cases/case-party.entity';
import { Case } from '../modules/cases/case.entity';
import { Contact } from '../modules/contacts/contact.entity';
import { RepresentativeLink } from '../modules/contacts/representative-link.entity';
import { Staff } from '../modules/staff/staff.entity';
import { Team } from '../modules/staff/team.entity';
import { PendingSecurityChange } from '../modules/security/pending-security-change.entity';
import { SecurityAccount } from '../modules/security/security-account.entity';
import { SecurityCheck } from '../modules/security/security-check.entity';

/** Every entity of the data source, listed once. */
export const ENTITIES = [
  Team, Staff, Contact, RepresentativeLink, Case, CaseParty,
  ServiceRequest, SrNote, Activity,
  AccessRequest, AccessGrant, AccessExtension, Notification, AuditEvent,
  Letter,
  SpecialRequirement, ContactDisability, PreferenceChange,
  SecurityAccount, SecurityCheck, PendingSecurityChange,
];
