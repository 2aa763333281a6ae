/**
 * The rules of domain.md that are access rules (who may see or do what, and how a refusal looks).
 * The shipped suite (policies/access-model.suite.json) names each in at least one case, and a test
 * holds it to that, so a reviewer can go from any of them to the cases that prove it.
 */
export const ACCESS_RULE_IDS = {
  'SCR-1': 'a sensitive contact: the SCR team and holders of a live grant covering it, nobody else',
  'SCR-2': 'visibility decided in SQL (every case also checks the SQL and in-memory forms agree)',
  'SCR-3': "a sensitive contact's personal data on SRs, letters and forms only for those who may see it",
  'SCR-4': 'a grant acts from its start to its expiry instant, not a moment outside',
  'SCR-5': 'self service: own record, cases, SRs and sent letters; never staff records or notes',
  'SCR-6': 'a row one may not read answers exactly as a missing one (NOT_FOUND)',
  'SR-5': "only the owning segment's casework staff work an SR",
  'SR-6': 'routing to the hopper, and assigning from the hopper of the own segment',
  'TAR-1': 'a caseworker submits their own form',
  'TAR-2': 'each stage decided by its decider: team leader, SCR manager, FLLS',
  'TAR-3': 'no one decides their own request, nor acts at two stages of one',
  'TAR-5': 'a grant covers only what the form named, for its purpose',
  'TAR-6': 'the grantee asks for an extension, TL then FLLS decide; FLLS removes a live grant',
  'SEC-4': 'security checks by casework staff who may see the contact',
  'PREF-3': 'a client acts only on their own record',
  'LET-2': 'cancelling a letter, running the batch',
  'LET-3': 'reissuing a letter',
  'REP-3': "a representative's security maintained by the owning segment",
  'AUD-2': 'the security reviewer reads policies, requests, grants and the audit trail, and no client',
  'POL-2': 'an approver previews a form only at the stage they decide',
} as const;
