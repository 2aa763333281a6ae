import { AccessExtension } from './access-requests/access-extension.entity';
import { AccessGrant } from './access-requests/access-grant.entity';
import { AccessRequest } from './access-requests/access-request.entity';
import { AuditEvent } from '../audit-trail/audit-event.entity';
import { Letter } from './letters/letter.entity';
import { ContactCallTimes } from './preferences/contact-call-times.entity';
import { ContactDisability } from './preferences/contact-disability.entity';
import { PreferenceChange } from './preferences/preference-change.entity';
import { SpecialRequirement } from './preferences/special-requirement.entity';
import { Notification } from './notifications/notification.entity';
import { Activity } from './service-requests/activity.entity';
import { ServiceRequest } from './service-requests/service-request.entity';
import { SrNote } from './service-requests/sr-note.entity';
import { SrStatusChange } from './service-requests/sr-status-change.entity';
import { SrHistorySubscriber } from './service-requests/sr-history';
import { CaseParty } from './cases/case-party.entity';
import { Case } from './cases/case.entity';
import { Contact } from './contacts/contact.entity';
import { RepresentativeLink } from './contacts/representative-link.entity';
import { Staff } from './staff/staff.entity';
import { Team } from './staff/team.entity';
import { PendingSecurityChange } from './security/pending-security-change.entity';
import { SecurityAccount } from './security/security-account.entity';
import { SecurityCheck } from './security/security-check.entity';

/** Every entity of the data source, listed once. */
export const ENTITIES = [
  Team, Staff, Contact, RepresentativeLink, Case, CaseParty,
  ServiceRequest, SrNote, Activity, SrStatusChange,
  AccessRequest, AccessGrant, AccessExtension, Notification, AuditEvent,
  Letter,
  SpecialRequirement, ContactDisability, PreferenceChange, ContactCallTimes,
  SecurityAccount, SecurityCheck, PendingSecurityChange,
];

/** Entity subscribers: writes that must go with an entity whatever path saves it (SR-8 history). */
export const SUBSCRIBERS = [SrHistorySubscriber];
