import { AccessGrant } from '../modules/access-requests/access-grant.entity';
import { CaseParty } from '../modules/cases/case-party.entity';
import { Case } from '../modules/cases/case.entity';
import { Contact } from '../modules/contacts/contact.entity';
import { RepresentativeLink } from '../modules/contacts/representative-link.entity';
import { Staff } from '../modules/staff/staff.entity';
import { Team } from '../modules/staff/team.entity';

/** Every entity of the data source, listed once. */
export const ENTITIES = [Team, Staff, Contact, RepresentativeLink, Case, CaseParty, AccessGrant];
