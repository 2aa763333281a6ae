import { registerEnumType } from 'type-graphql';

export enum SrStatus {
  OPEN = 'OPEN',
  IN_PROGRESS = 'IN_PROGRESS',
  WAIT = 'WAIT',
  PENDING_ASSIGNMENT = 'PENDING_ASSIGNMENT',
  CLOSED = 'CLOSED',
}

/** The kind of SR decides its process/area/sub area and its activity plan. */
export enum SrKind {
  SECURITY_SET_UP = 'SECURITY_SET_UP',
  CHANGE_SECURITY_DETAILS = 'CHANGE_SECURITY_DETAILS',
  CHANGE_CONTACT_PREFERENCES = 'CHANGE_CONTACT_PREFERENCES',
}

/** Who reported the change: a named person, or the parent through self service. */
export enum SrSourceType {
  REPORTING_PERSON = 'REPORTING_PERSON',
  PWC_SELF_SERVICE = 'PWC_SELF_SERVICE',
  NRP_SELF_SERVICE = 'NRP_SELF_SERVICE',
}

export enum SubjectType {
  PWC = 'PWC',
  NRP = 'NRP',
  REPRESENTATIVE = 'REPRESENTATIVE',
}

export enum ActivityStatus {
  OPEN = 'OPEN',
  DONE = 'DONE',
  NOT_REQUIRED = 'NOT_REQUIRED',
}

registerEnumType(SrStatus, { name: 'SrStatus', description: 'OPEN -> IN_PROGRESS -> WAIT <-> IN_PROGRESS -> CLOSED; PENDING_ASSIGNMENT for routing to a hopper.' });
registerEnumType(SrKind, { name: 'SrKind' });
registerEnumType(SrSourceType, { name: 'SrSourceType' });
registerEnumType(SubjectType, { name: 'SubjectType', description: 'Role of the person the change is about.' });
registerEnumType(ActivityStatus, { name: 'ActivityStatus' });
