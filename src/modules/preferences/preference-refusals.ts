import { declareRefusals } from '../../common/refusals';

export enum PreferenceRefusal {
  /** PREF-3: the client must pass a security check in this contact first. */
  SECURITY_CHECK_REQUIRED = 'SECURITY_CHECK_REQUIRED',
  /** PREF-3: the person reporting the change must be its subject. */
  NOT_OWN_PREFERENCES = 'NOT_OWN_PREFERENCES',
  WRONG_KIND = 'WRONG_KIND',
  SR_NOT_IN_PROGRESS = 'SR_NOT_IN_PROGRESS',
  NO_CHANGE_RECORDED = 'NO_CHANGE_RECORDED',
  /** A representative's details are maintained through Client Representative - Maintain. */
  NOT_A_PARENT = 'NOT_A_PARENT',
  CHANGE_ALREADY_OPEN = 'CHANGE_ALREADY_OPEN',
  NO_CASE = 'NO_CASE',
}
declareRefusals('PreferenceRefusal', PreferenceRefusal, 'Why a change of contact preferences was refused (PREF-*).');
