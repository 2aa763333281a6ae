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

registerEnumType(SrStatus, {
  name: 'SrStatus',
  description: 'OPEN -> IN_PROGRESS -> WAIT <-> IN_PROGRESS -> CLOSED; PENDING_ASSIGNMENT for routing to a hopper.',
  valuesConfig: {
    OPEN: { description: 'Raised, not yet started.' },
    IN_PROGRESS: { description: 'Being worked on by its owner.' },
    WAIT: { description: 'Waiting for something outside (for example a reply from the client); see the sub status.' },
    PENDING_ASSIGNMENT: { description: 'Routed to a team hopper, waiting for someone to take it.' },
    CLOSED: { description: 'Finished; no further change.' },
  },
});
registerEnumType(SrKind, {
  name: 'SrKind',
  description: 'What the service request is for; decides its process, area, sub area and activity plan.',
  valuesConfig: {
    SECURITY_SET_UP: { description: 'Set up security details (memorable answers) for a contact.' },
    CHANGE_SECURITY_DETAILS: { description: "Change a contact's security details." },
    CHANGE_CONTACT_PREFERENCES: { description: "Change a contact's contact preferences or special requirements." },
  },
});
registerEnumType(SrSourceType, {
  name: 'SrSourceType',
  description: 'Who reported the change.',
  valuesConfig: {
    REPORTING_PERSON: { description: 'A named person (give their last name).' },
    PWC_SELF_SERVICE: { description: 'The receiving parent (PWC), through self service.' },
    NRP_SELF_SERVICE: { description: 'The paying parent (NRP), through self service.' },
  },
});
registerEnumType(SubjectType, {
  name: 'SubjectType',
  description: 'Role of the person the change is about.',
  valuesConfig: {
    PWC: { description: 'The receiving parent (parent with care).' },
    NRP: { description: 'The paying parent (non-resident parent).' },
    REPRESENTATIVE: { description: 'A representative acting for a parent.' },
  },
});
registerEnumType(ActivityStatus, {
  name: 'ActivityStatus',
  description: "Where one activity of a service request's plan stands.",
  valuesConfig: {
    OPEN: { description: 'Still to do.' },
    DONE: { description: 'Done.' },
    NOT_REQUIRED: { description: 'Not needed for this request (recorded as such, not skipped silently).' },
  },
});
