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

registerEnumType(MemorableQuestion, { name: 'MemorableQuestion', description: 'The seven memorable questions (SEC-1).' });
registerEnumType(SecurityCheckChannel, { name: 'SecurityCheckChannel', description: 'CASEWORKER checks are not case sensitive; SELF_SERVICE checks are (SEC-4).' });
registerEnumType(SecurityCheckResult, { name: 'SecurityCheckResult' });
registerEnumType(SecurityDefaultsReason, { name: 'SecurityDefaultsReason', description: 'Why default security details were applied (SEC-2).' });
registerEnumType(SecurityLetterReason, { name: 'SecurityLetterReason', description: 'Why CMSL9800 is sent: the account is blocked, or the client asked to give new details in writing.' });
registerEnumType(SecurityNotifyBy, { name: 'SecurityNotifyBy', description: 'SMS, or letter CMSL9802 when an SMS is not appropriate.' });
registerEnumType(SecurityDeclineReason, { name: 'SecurityDeclineReason' });
