import { declareRefusals } from '../../common/refusals';

export enum LetterRefusal {
  /** LET-2: the end-of-day batch already sent it. */
  LETTER_ALREADY_SENT = 'LETTER_ALREADY_SENT',
  LETTER_ALREADY_CANCELLED = 'LETTER_ALREADY_CANCELLED',
  /** LET-3: only a sent letter is reissued. */
  LETTER_NOT_SENT = 'LETTER_NOT_SENT',
}
declareRefusals('LetterRefusal', LetterRefusal, 'Why a letter could not be cancelled or reissued (LET-2, LET-3).', {
  LETTER_ALREADY_SENT: 'The end-of-day batch already sent the letter, so it can no longer be cancelled (LET-2).',
  LETTER_ALREADY_CANCELLED: 'The letter was already cancelled.',
  LETTER_NOT_SENT: 'Only a sent letter can be reissued; this one has not been sent (LET-3).',
});
