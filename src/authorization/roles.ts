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

registerEnumType(StaffRole, { name: 'StaffRole', description: 'What a member of staff does; decides their permissions.' });
registerEnumType(Segment, { name: 'Segment', description: 'Business segment owning cases and service requests.' });
