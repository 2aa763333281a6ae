import { registerEnumType } from 'type-graphql';

/** LET-1: the letter templates of the procedures. */
export enum LetterTemplate {
  CMSL9800 = 'CMSL9800',
  CMSL9801 = 'CMSL9801',
  CMSL9802 = 'CMSL9802',
  CMSL9547 = 'CMSL9547',
  CMSL9548 = 'CMSL9548',
  COVERING_REISSUE = 'COVERING_REISSUE',
}

/** LET-2: GENERATED until the end-of-day batch sends it; cancellable only before. */
export enum LetterStatus {
  GENERATED = 'GENERATED',
  SENT = 'SENT',
  CANCELLED = 'CANCELLED',
}

/** LET-4: posted, or stored online with an email notice for self-service contacts. */
export enum LetterChannel {
  POST = 'POST',
  ONLINE = 'ONLINE',
}

/** LET-3: the format the contact's special requirements ask for. */
export enum LetterFormat {
  STANDARD = 'STANDARD',
  LARGE_PRINT = 'LARGE_PRINT',
  BRAILLE = 'BRAILLE',
}

registerEnumType(LetterTemplate, {
  name: 'LetterTemplate',
  valuesConfig: {
    CMSL9800: { description: 'We need to update your security details.' },
    CMSL9801: { description: 'Reminder: we need to update your security details (after 7 days).' },
    CMSL9802: { description: 'Thank you for updating your security details.' },
    CMSL9547: { description: "We've updated your personal details (receiving parent)." },
    CMSL9548: { description: "We've updated your personal details (paying parent)." },
    COVERING_REISSUE: { description: 'Covering letter sent with a reissued letter.' },
  },
});
registerEnumType(LetterStatus, { name: 'LetterStatus' });
registerEnumType(LetterChannel, { name: 'LetterChannel' });
registerEnumType(LetterFormat, { name: 'LetterFormat' });
