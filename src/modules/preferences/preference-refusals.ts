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
declareRefusals('PreferenceRefusal', PreferenceRefusal, 'Why a change of contact preferences was refused (PREF-*).', {
  SECURITY_CHECK_REQUIRED: 'The client must pass a security check in this contact before their preferences can be changed (PREF-3).',
  NOT_OWN_PREFERENCES: 'A client may change only their own preferences: the person reporting the change must be its subject (PREF-3).',
  WRONG_KIND: 'The service request is not a change of contact preferences.',
  SR_NOT_IN_PROGRESS: 'Set the service request IN_PROGRESS first: changes are recorded on its activity plan.',
  NO_CHANGE_RECORDED: 'Record the new contact preferences before accepting the change.',
  NOT_A_PARENT: "The contact is not a receiving or paying parent; a representative's details are maintained through Client Representative - Maintain.",
  CHANGE_ALREADY_OPEN: 'A change of contact preferences is already open for this client: add to it with recordContactPreferences.',
  NO_CASE: 'No case is linked to the client, so self service cannot raise the change; the client must call.',
});
