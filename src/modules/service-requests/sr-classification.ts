import { registerEnumType } from 'type-graphql';

/**
 * The words of an SR's classification and progress as the contract lists them (issue 8 point 10),
 * so a screen can offer them: process, area, sub area (SR-1), sub status and resolution.
 * The columns stay text; every value the code writes is one of these.
 */
export enum SrProcess {
  CLIENT_CONTACT = 'CLIENT_CONTACT',
  CHANGE_OF_CIRCUMSTANCES = 'CHANGE_OF_CIRCUMSTANCES',
}

export enum SrArea {
  SECURITY = 'SECURITY',
  CHANGE_PERSONAL_INFO = 'CHANGE_PERSONAL_INFO',
}

export enum SrSubArea {
  SECURITY_SET_UP = 'SECURITY_SET_UP',
  CHANGE_CONTACT_SECURITY_INFO = 'CHANGE_CONTACT_SECURITY_INFO',
}

export enum SrSubStatus {
  SECURITY_DETAILS = 'SECURITY_DETAILS',
  ASSESS_OUTCOME_OF_CHANGE = 'ASSESS_OUTCOME_OF_CHANGE',
  COFC_ACCEPT = 'COFC_ACCEPT',
  COFC_DECLINED = 'COFC_DECLINED',
  CONTACT_DETAILS = 'CONTACT_DETAILS',
  COC_ACCEPTED = 'COC_ACCEPTED',
  COMPLETE = 'COMPLETE',
}

export enum SrResolution {
  SECURITY_SET_UP = 'SECURITY_SET_UP',
  DEFAULTS_APPLIED = 'DEFAULTS_APPLIED',
  COFC_ACCEPTED = 'COFC_ACCEPTED',
  COC_REJECTED = 'COC_REJECTED',
  COC_ACCEPTED = 'COC_ACCEPTED',
}

registerEnumType(SrProcess, {
  name: 'SrProcess',
  description: 'The process a service request belongs to (SR-1).',
  valuesConfig: {
    CLIENT_CONTACT: { description: 'Contact with the client, e.g. setting up security details.' },
    CHANGE_OF_CIRCUMSTANCES: { description: "A change to the client's circumstances (CofC)." },
  },
});
registerEnumType(SrArea, {
  name: 'SrArea',
  description: 'The area of a service request within its process (SR-1).',
  valuesConfig: {
    SECURITY: { description: "The client's security details." },
    CHANGE_PERSONAL_INFO: { description: "The client's personal information." },
  },
});
registerEnumType(SrSubArea, {
  name: 'SrSubArea',
  description: 'The sub area of a service request within its area (SR-1).',
  valuesConfig: {
    SECURITY_SET_UP: { description: 'Setting up PIN, password and memorable answers (seed 001).' },
    CHANGE_CONTACT_SECURITY_INFO: { description: 'Change Contact/Security Info: security details or contact preferences (seeds 000, 002).' },
  },
});
registerEnumType(SrSubStatus, {
  name: 'SrSubStatus',
  description: 'Finer detail of where a service request stands within its status.',
  valuesConfig: {
    SECURITY_DETAILS: { description: 'Working on the security details (SEC-6 steps 6-9).' },
    ASSESS_OUTCOME_OF_CHANGE: { description: 'The returned form is in and is being assessed, before the change is accepted or declined (seed 000 step 10).' },
    COFC_ACCEPT: { description: 'The change of security details was accepted; the client is still to be told (SEC-6).' },
    COFC_DECLINED: { description: 'The change of security details was declined (SEC-6).' },
    CONTACT_DETAILS: { description: 'Recording the new contact preferences (seed 002).' },
    COC_ACCEPTED: { description: 'The change of contact preferences was accepted (PREF-5).' },
    COMPLETE: { description: 'Done: the service request is closed.' },
  },
});
registerEnumType(SrResolution, {
  name: 'SrResolution',
  description: 'How a service request ended.',
  valuesConfig: {
    SECURITY_SET_UP: { description: "The client's own security details were set up (SEC-1)." },
    DEFAULTS_APPLIED: { description: 'The default security details were applied (SEC-2).' },
    COFC_ACCEPTED: { description: 'The change of security details was made (SEC-6).' },
    COC_REJECTED: { description: 'The change was rejected: declined, or no reply to CMSL9800 and CMSL9801 (SEC-6).' },
    COC_ACCEPTED: { description: 'The change of contact preferences was made (PREF-5).' },
  },
});
