import { registerEnumType } from 'type-graphql';

/**
 * The outcome of a step of an activity plan: what the code records as it completes a step, and what
 * a caseworker records (seed 000 steps 6, 10 and 19; seed 001; seed 002). Any detail in words goes
 * in the activity's outcomeNote, never in the outcome (contract point 11).
 */
export enum ActivityOutcome {
  // Change of security details (seed 000, SEC-6).
  SECURITY_DETAILS = 'SECURITY_DETAILS',
  CMSL9800_SENT = 'CMSL9800_SENT',
  VERIFICATION_RECEIVED = 'VERIFICATION_RECEIVED',
  ENOUGH_INFORMATION = 'ENOUGH_INFORMATION',
  NOT_ENOUGH_INFORMATION = 'NOT_ENOUGH_INFORMATION',
  NO_RESPONSE = 'NO_RESPONSE',
  COFC_ACCEPT = 'COFC_ACCEPT',
  COFC_DECLINED = 'COFC_DECLINED',
  SMS_SENT = 'SMS_SENT',
  CMSL9802_SENT = 'CMSL9802_SENT',
  SELF_SERVICE = 'SELF_SERVICE',
  SELF_SERVICE_REQUEST = 'SELF_SERVICE_REQUEST',
  // Security set up (seed 001, SEC-1 and SEC-2).
  COLLECTED = 'COLLECTED',
  PIN_AND_PASSWORD_SET = 'PIN_AND_PASSWORD_SET',
  DEFAULTS_APPLIED = 'DEFAULTS_APPLIED',
  // Change of contact preferences (seed 002, PREF-3 and PREF-5).
  SECURITY_CHECK_PASSED = 'SECURITY_CHECK_PASSED',
  CHANGES_RECORDED = 'CHANGES_RECORDED',
  NO_CHANGE_NEEDED = 'NO_CHANGE_NEEDED',
  LETTER_GENERATED = 'LETTER_GENERATED',
  LETTER_GENERATED_AND_SMS_SENT = 'LETTER_GENERATED_AND_SMS_SENT',
  // Anything else a caseworker records: the note says what.
  OTHER = 'OTHER',
}

registerEnumType(ActivityOutcome, {
  name: 'ActivityOutcome',
  description: 'The outcome of a step of an activity plan; any detail in words is in the activity\'s outcomeNote.',
  valuesConfig: {
    SECURITY_DETAILS: { description: 'Seed 000 step 6: the first step of a change of security details is under way (sub status SECURITY_DETAILS).' },
    CMSL9800_SENT: { description: 'Seed 000 step 7: the security details form CMSL9800 was sent to the client.' },
    VERIFICATION_RECEIVED: { description: 'Seed 000 step 10: the client returned the form; the new details can be checked.' },
    ENOUGH_INFORMATION: { description: 'Seed 000 step 10: the client gave enough information to change their security details.' },
    NOT_ENOUGH_INFORMATION: { description: 'Seed 000 step 10: the client did not give enough information to change their security details.' },
    NO_RESPONSE: { description: 'Seed 000 step 10: no reply after CMSL9800, CMSL9801 and their 7 days each; the change is declined.' },
    COFC_ACCEPT: { description: 'Seed 000 step 16: the change of security details was accepted and the details replaced.' },
    COFC_DECLINED: { description: 'Seed 000 step 19: the change of security details was declined (CoC Declined); the note may say why.' },
    SMS_SENT: { description: 'Seed 000 step 17: the client was told by SMS that their details were updated.' },
    CMSL9802_SENT: { description: 'Seed 000 step 17: the client was told by letter CMSL9802 that their details were updated (no SMS).' },
    SELF_SERVICE: { description: 'SEC-7: verified by the client signing in to self service (no form needed).' },
    SELF_SERVICE_REQUEST: { description: 'SEC-7: the new details came with the self-service request (no reply to wait for).' },
    COLLECTED: { description: 'Seed 001: the security questions were collected from the client (SEC-1).' },
    PIN_AND_PASSWORD_SET: { description: 'Seed 001: the PIN and special customer password were set (SEC-1).' },
    DEFAULTS_APPLIED: { description: 'SEC-2: default security details were applied; the note gives the reason when it is the collecting step.' },
    SECURITY_CHECK_PASSED: { description: 'Seed 002 / PREF-3: the client passed a security check in this contact.' },
    CHANGES_RECORDED: { description: 'Seed 002: the new contact preferences were recorded; the note says how many changes.' },
    NO_CHANGE_NEEDED: { description: 'Seed 002: the preferences asked for were already held; nothing changed.' },
    LETTER_GENERATED: { description: 'PREF-5: the confirmation letter was generated; the note names the template (CMSL9547 or CMSL9548).' },
    LETTER_GENERATED_AND_SMS_SENT: { description: 'PREF-5 / seed 002 step 10: the confirmation letter was generated and the SMS sent; the note names the template.' },
    OTHER: { description: 'Anything else a caseworker records; outcomeNote says what (required with OTHER).' },
  },
});
