import { AppError, ErrorCode } from '../../common/errors';
import { declareRefusals } from '../../common/refusals';

/**
 * Refusals by a business rule of the security procedures: code CONFLICT (the request is well
 * formed, the state of the contact or SR does not allow it), a stable `reason`, and the
 * procedure to follow instead.
 */
export enum SecurityRefusal {
  /** REP-1 */
  REPRESENTATIVE = 'REPRESENTATIVE',
  /** REP-3: the representative's own maintenance is only for representatives. */
  NOT_A_REPRESENTATIVE = 'NOT_A_REPRESENTATIVE',
  /** REP-3: asked only to unblock an account that is not blocked. */
  NOT_BLOCKED = 'NOT_BLOCKED',
  /** REP-2 */
  EMPLOYER_REPRESENTATIVE = 'EMPLOYER_REPRESENTATIVE',
  /** SEC-8 */
  CSA_ARREARS_ONLY = 'CSA_ARREARS_ONLY',
  /** SEC-9 */
  SECURITY_NOT_SET_UP = 'SECURITY_NOT_SET_UP',
  SECURITY_ALREADY_SET_UP = 'SECURITY_ALREADY_SET_UP',
  CHANGE_ALREADY_OPEN = 'CHANGE_ALREADY_OPEN',
  NO_CASE = 'NO_CASE',
  /** The SR is not at the step this action belongs to. */
  WRONG_STEP = 'WRONG_STEP',
  /** A 7-day wait has not passed yet. */
  WAIT_NOT_OVER = 'WAIT_NOT_OVER',
  CHECK_EXPIRED = 'CHECK_EXPIRED',
  CHECK_ALREADY_ANSWERED = 'CHECK_ALREADY_ANSWERED',
}

declareRefusals('SecurityRefusal', SecurityRefusal, 'Why a security set up, check or change was refused (SEC-*, REP-*).', {
  REPRESENTATIVE: 'A representative\'s security details cannot be changed this way: maintain the representative instead (REP-1).',
  NOT_A_REPRESENTATIVE: 'Only a representative\'s own security is maintained this way (REP-3).',
  NOT_BLOCKED: 'Asked only to unblock an account that is not blocked (REP-3).',
  EMPLOYER_REPRESENTATIVE: 'An employer representative has no security questions (REP-2).',
  CSA_ARREARS_ONLY: 'The case was built as CSA arrears only and has no security account: raise an incident with AAC (SEC-8).',
  SECURITY_NOT_SET_UP: 'The client has no security set up yet: set it up first (SEC-9).',
  SECURITY_ALREADY_SET_UP: 'Security is already set up for this contact.',
  CHANGE_ALREADY_OPEN: 'A change of security details is already open for this contact.',
  NO_CASE: 'There is no case to raise the change on.',
  WRONG_STEP: 'The service request is not at the step this action belongs to.',
  WAIT_NOT_OVER: 'A 7-day wait has not passed yet.',
  CHECK_EXPIRED: 'This security check has expired: start a new one.',
  CHECK_ALREADY_ANSWERED: 'This security check was already answered: start a new one.',
});

export const refuse = (reason: SecurityRefusal, message: string, extensions: Record<string, unknown> = {}) =>
  new AppError(ErrorCode.CONFLICT, message, { reason, ...extensions });

export const representativeRefusal = () =>
  refuse(
    SecurityRefusal.REPRESENTATIVE,
    "A client representative's security details cannot be changed through a change of security details. " +
      'Maintain the representative instead (Client Representative - Maintain).',
    { procedure: 'Client Representative - Maintain' },
  );

export const employerRepresentativeRefusal = () =>
  refuse(
    SecurityRefusal.EMPLOYER_REPRESENTATIVE,
    'An employer representative has no security questions: they are asked questions about their account instead.',
    { procedure: 'Client Representative - Set Up' },
  );

export const csaArrearsOnlyRefusal = () =>
  refuse(
    SecurityRefusal.CSA_ARREARS_ONLY,
    'This case was built manually as CSA arrears only and has no security (TAM) account. Raise an incident with AAC.',
    { procedure: 'Incident Management - raise an incident with AAC' },
  );

export const notSetUpRefusal = () =>
  refuse(
    SecurityRefusal.SECURITY_NOT_SET_UP,
    'The client has no security details yet: complete a security set up first (Security set up).',
    { procedure: 'Security set up' },
  );

export const notARepresentativeRefusal = () =>
  refuse(
    SecurityRefusal.NOT_A_REPRESENTATIVE,
    "This contact is a client, not a representative: a client's security details change through a change of security details.",
    { procedure: 'Change of security details' },
  );
