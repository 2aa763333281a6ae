import { registerEnumType } from 'type-graphql';

/** Staff roles, as the verified token's principal has them in the database. */
export enum StaffRole {
  CASEWORKER = 'CASEWORKER',
  TEAM_LEADER = 'TEAM_LEADER',
  SCR_CASEWORKER = 'SCR_CASEWORKER',
  SCR_MANAGER = 'SCR_MANAGER',
  FLLS = 'FLLS',
  SECURITY_REVIEWER = 'SECURITY_REVIEWER',
}

/** Business segments that own cases and service requests. */
export enum Segment {
  MAINTENANCE = 'MAINTENANCE',
  ENFORCEMENT = 'ENFORCEMENT',
  WELSH = 'WELSH',
  SCR = 'SCR',
}

registerEnumType(StaffRole, {
  name: 'StaffRole', description: 'What a member of staff does; decides their permissions.',
  valuesConfig: {
    CASEWORKER: { description: 'Owns cases in a segment and works their service requests; belongs to a team with a team leader.' },
    TEAM_LEADER: { description: 'Leads a team: first check of temporary-access forms; assigns from the hoppers of their own segment.' },
    SCR_CASEWORKER: { description: 'Member of the SCR segment: sees sensitive contacts permanently (SCR-1).' },
    SCR_MANAGER: { description: 'Approves or rejects temporary-access forms; assigns from the SCR hopper.' },
    FLLS: { description: 'Front line live support: final approval; grants, extends and removes temporary access.' },
    SECURITY_REVIEWER: { description: 'Reads the audit trail and asks who can see a sensitive contact and why (AUD-2).' },
  },
});
registerEnumType(Segment, {
  name: 'Segment', description: 'Business segment owning cases and service requests.',
  valuesConfig: {
    MAINTENANCE: { description: 'Ordinary maintenance casework.' },
    ENFORCEMENT: { description: 'Enforcement of unpaid maintenance.' },
    WELSH: { description: 'Casework in Welsh.' },
    SCR: { description: 'Sensitive contacts: the SCR team works their service requests (SR-6).' },
  },
});
