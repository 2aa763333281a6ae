import { InputProblems } from '../../common/errors';
import { containsInappropriateLanguage } from './inappropriate-language';
import { MemorableQuestion } from './security-enums';
import type { MemorableAnswersInput } from './security-types';

// Messages describe the rule, never the value given (SEC-3).

export const PASSWORD_MAX = 50;
export const ANSWER_MAX = 50;

/** SEC-1: exactly seven digits, not all zeros. */
export function checkPin(problems: InputProblems, field: string, pin: string | null | undefined): void {
  if (pin == null || pin === '') {
    problems.add(field, 'is required');
    return;
  }
  if (!/^[0-9]{7}$/.test(pin)) problems.add(field, 'must be exactly seven digits');
  else if (pin === '0000000') problems.add(field, 'cannot be all zeros');
}

/** SEC-1: required, and no inappropriate language. */
export function checkPassword(problems: InputProblems, field: string, password: string | null | undefined): void {
  const trimmed = password?.trim() ?? '';
  if (!trimmed) {
    problems.add(field, 'is required');
    return;
  }
  if (trimmed.length > PASSWORD_MAX) problems.add(field, `is longer than ${PASSWORD_MAX} characters`);
  else if (containsInappropriateLanguage(trimmed)) problems.add(field, 'may not contain inappropriate language');
}

const ANSWER_FIELDS: [keyof MemorableAnswersInput, MemorableQuestion][] = [
  ['name', MemorableQuestion.NAME],
  ['teacher', MemorableQuestion.TEACHER],
  ['place', MemorableQuestion.PLACE],
  ['singer', MemorableQuestion.SINGER],
  ['date', MemorableQuestion.DATE],
  ['event', MemorableQuestion.EVENT],
  ['firstSchool', MemorableQuestion.FIRST_SCHOOL],
];

export const DEFAULT_ANSWER = 'X';

/** SEC-1: the seven answers, each defaulting to "X". */
export function memorableAnswers(problems: InputProblems, field: string, input: MemorableAnswersInput | null | undefined) {
  const answers = {} as Record<MemorableQuestion, string>;
  for (const [key, question] of ANSWER_FIELDS) {
    const given = input?.[key]?.trim();
    if (given && given.length > ANSWER_MAX) problems.add(`${field}.${key}`, `is longer than ${ANSWER_MAX} characters`);
    answers[question] = given || DEFAULT_ANSWER;
  }
  return answers;
}
