import { registerEnumType } from 'type-graphql';

/** SEC-1: the seven memorable questions. */
export enum MemorableQuestion {
  NAME = 'NAME',
  TEACHER = 'TEACHER',
  PLACE = 'PLACE',
  SINGER = 'SINGER',
  DATE = 'DATE',
  EVENT = 'EVENT',
  FIRST_SCHOOL = 'FIRST_SCHOOL',
}

export const MEMORABLE_QUESTIONS = Object.values(MemorableQuestion);

/** SEC-4: who is answering: a caseworker on the phone (not case sensitive) or the client online (case sensitive). */
export enum SecurityCheckChannel {
  CASEWORKER = 'CASEWORKER',
  SELF_SERVICE = 'SELF_SERVICE',
}

export enum SecurityCheckResult {
  PASSED = 'PASSED',
  FAILED = 'FAILED',
}

/** SEC-2: why defaults were applied. */
export enum SecurityDefaultsReason {
  CLIENT_UNREACHABLE = 'CLIENT_UNREACHABLE',
  CLIENT_REFUSED = 'CLIENT_REFUSED',
}

/** SEC-6 step 7: why CMSL9800 is sent. */
export enum SecurityLetterReason {
  ACCOUNT_BLOCKED = 'ACCOUNT_BLOCKED',
  CLIENT_REQUEST = 'CLIENT_REQUEST',
}

/** SEC-6 step 17: how the client is told the change is done. */
export enum SecurityNotifyBy {
  SMS = 'SMS',
  LETTER = 'LETTER',
}

/** SEC-6 step 19: why the change is declined. */
export enum SecurityDeclineReason {
  NO_RESPONSE = 'NO_RESPONSE',
  INSUFFICIENT_INFORMATION = 'INSUFFICIENT_INFORMATION',
}

registerEnumType(MemorableQuestion, {
  name: 'MemorableQuestion', description: 'The seven memorable questions (SEC-1).',
  valuesConfig: {
    NAME: { description: 'A memorable name.' },
    TEACHER: { description: 'A favourite teacher.' },
    PLACE: { description: 'A memorable place.' },
    SINGER: { description: 'A favourite singer.' },
    DATE: { description: 'A memorable date.' },
    EVENT: { description: 'A memorable event.' },
    FIRST_SCHOOL: { description: 'The first school attended.' },
  },
});
registerEnumType(SecurityCheckChannel, {
  name: 'SecurityCheckChannel', description: 'CASEWORKER checks are not case sensitive; SELF_SERVICE checks are (SEC-4).',
  valuesConfig: {
    CASEWORKER: { description: 'A caseworker checks the client on the phone: answers are not case sensitive.' },
    SELF_SERVICE: { description: 'The client answers online: answers are case sensitive.' },
  },
});
registerEnumType(SecurityCheckResult, { name: 'SecurityCheckResult' });
registerEnumType(SecurityDefaultsReason, {
  name: 'SecurityDefaultsReason', description: 'Why default security details were applied (SEC-2).',
  valuesConfig: {
    CLIENT_UNREACHABLE: { description: 'The client could not be reached.' },
    CLIENT_REFUSED: { description: 'The client refused to give security details.' },
  },
});
registerEnumType(SecurityLetterReason, {
  name: 'SecurityLetterReason', description: 'Why CMSL9800 is sent: the account is blocked, or the client asked to give new details in writing.',
  valuesConfig: {
    ACCOUNT_BLOCKED: { description: 'The account is blocked.' },
    CLIENT_REQUEST: { description: 'The client asked to give new details in writing.' },
  },
});
registerEnumType(SecurityNotifyBy, {
  name: 'SecurityNotifyBy', description: 'SMS, or letter CMSL9802 when an SMS is not appropriate.',
  valuesConfig: {
    SMS: { description: 'By text message.' },
    LETTER: { description: 'By letter CMSL9802, when a text message is not appropriate.' },
  },
});
registerEnumType(SecurityDeclineReason, {
  name: 'SecurityDeclineReason', description: 'Why a change of security details is declined (SEC-6).',
  valuesConfig: {
    NO_RESPONSE: { description: 'The client did not reply, even after the reminder CMSL9801 and its 7 days.' },
    INSUFFICIENT_INFORMATION: { description: 'The client did not give enough information to verify the change.' },
  },
});
