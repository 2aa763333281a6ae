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
  description: 'Which standard letter it is (LET-1).',
  valuesConfig: {
    CMSL9800: { description: 'We need to update your security details.' },
    CMSL9801: { description: 'Reminder: we need to update your security details (after 7 days).' },
    CMSL9802: { description: 'Thank you for updating your security details.' },
    CMSL9547: { description: "We've updated your personal details (receiving parent)." },
    CMSL9548: { description: "We've updated your personal details (paying parent)." },
    COVERING_REISSUE: { description: 'Covering letter sent with a reissued letter.' },
  },
});
registerEnumType(LetterStatus, {
  name: 'LetterStatus',
  description: 'Where a letter is: waiting for the end-of-day batch, sent, or cancelled (LET-2).',
  valuesConfig: {
    GENERATED: { description: 'Written and waiting for the end-of-day batch; it can still be cancelled.' },
    SENT: { description: 'Sent by the end-of-day batch; it can no longer be cancelled, only reissued.' },
    CANCELLED: { description: 'Cancelled before it was sent.' },
  },
});
registerEnumType(LetterChannel, {
  name: 'LetterChannel',
  description: 'How a letter reaches the contact (LET-4).',
  valuesConfig: {
    POST: { description: 'Printed and posted.' },
    ONLINE: { description: 'Stored online, with an email telling a self-service contact it is there.' },
  },
});
registerEnumType(LetterFormat, {
  name: 'LetterFormat',
  description: "The format the contact's special requirements ask for (LET-3).",
  valuesConfig: {
    STANDARD: { description: 'Standard print.' },
    LARGE_PRINT: { description: 'Large print.' },
    BRAILLE: { description: 'Braille.' },
  },
});
