import type { DataSource } from 'typeorm';
import { ServiceRequest } from '../../src/modules/service-requests/service-request.entity';
import { contactByScin, DEMO } from './demo';
import type { GraphQLClient, GraphQLResponse, TestApp } from './test-app';

/** Operations and helpers of the contact preferences and letters tests. */

export const SR_FIELDS = `id version kind status subStatus resolutionCode nextActionDue segment sourceType subjectType
  owner { staffNumber } activities { name status outcome outcomeNote plannedStart description }
  preferenceChanges { field oldValue newValue actorType }`;
export const CONTACT_FIELDS = `id firstName preferredContactMethod preferredLanguage selfServiceStatus disabilityCategory
  specialRequirements { type value }`;
export const LETTER_FIELDS = `id template status channel format title body contactId serviceRequestId reissueOfId coversLetterId
  createdAt sentAt cancelledAt emailNoticeAt`;

export const CREATE_SR = `mutation($input: CreateServiceRequestInput!) { createServiceRequest(input: $input) { serviceRequest { id version } } }`;
export const START_SR = `mutation($input: StartServiceRequestInput!) { startServiceRequest(input: $input) { serviceRequest { id version status } } }`;
export const RECORD = `mutation($input: RecordContactPreferencesInput!) { recordContactPreferences(input: $input) {
  serviceRequest { ${SR_FIELDS} } contact { ${CONTACT_FIELDS} } } }`;
export const REQUEST = `mutation($input: RequestContactPreferencesChangeInput!) { requestContactPreferencesChange(input: $input) {
  serviceRequest { ${SR_FIELDS} createdAt } contact { ${CONTACT_FIELDS} } } }`;
export const ACCEPT = `mutation($input: AcceptContactPreferencesChangeInput!) { acceptContactPreferencesChange(input: $input) {
  serviceRequest { ${SR_FIELDS} } letter { ${LETTER_FIELDS} } warnings { code message letterIds } movedCases { caseNumber segment } } }`;
export const SR_QUERY = `query($id: ID!) { serviceRequest(id: $id) { ${SR_FIELDS} } }`;
export const CONTACT_QUERY = `query($id: ID!) { contact(id: $id) { ${CONTACT_FIELDS} } }`;
export const LETTER = `query($id: ID!) { letter(id: $id) { ${LETTER_FIELDS} contact { id firstName } serviceRequest { id } } }`;
export const LETTERS = `query($filter: LetterFilter, $first: Int, $after: String) { letters(filter: $filter, first: $first, after: $after) {
  totalCount edges { cursor node { ${LETTER_FIELDS} } } pageInfo { hasNextPage hasPreviousPage endCursor } } }`;
export const CANCEL = `mutation($id: ID!) { cancelLetter(input: { id: $id }) { letter { ${LETTER_FIELDS} } } }`;
export const REISSUE = `mutation($id: ID!) { reissueLetter(input: { id: $id }) { reissue { ${LETTER_FIELDS} } coveringLetter { ${LETTER_FIELDS} } } }`;
export const BATCH = 'mutation { runLetterBatch { ran posted online } }';
export const DUE_WORK = `query($filter: DueWorkFilter, $first: Int, $after: String) { dueWork(filter: $filter, first: $first, after: $after) {
  totalCount edges { cursor node { dueAt overdue reason serviceRequest { id kind status segment sourceType } } }
  pageInfo { hasNextPage endCursor } } }`;

const SET_UP = `mutation($input: SetUpSecurityInput!) { setUpSecurity(input: $input) { serviceRequest { id status } } }`;
const START_CHECK = `mutation($contactId: ID!) { startSecurityCheck(input: { contactId: $contactId }) { challenge { id pinPositions questions } } }`;
const ANSWER_CHECK = `mutation($input: AnswerSecurityCheckInput!) { answerSecurityCheck(input: $input) { passed verifiedUntil } }`;

/** The security details every test contact is given (SEC-1). */
export const DETAILS = {
  pin: '4829173',
  password: 'Lantern Harbour Blue',
  answers: { name: 'Marigold', teacher: 'Mr Penhaligon', place: 'Tynemouth', singer: 'Kate Bush', date: '2001-02-03', event: 'Fireworks', firstSchool: 'Oak Lane' },
};

export function ok<T = any>(res: GraphQLResponse<T>): T {
  if (res.errors?.length) throw new Error(`unexpected errors: ${JSON.stringify(res.errors)}`);
  return res.data as T;
}

export const errorOf = (res: GraphQLResponse) => {
  expect(res.errors).toHaveLength(1);
  const error = res.errors![0];
  return { code: error.extensions?.code, reason: error.extensions?.reason, fields: (error.extensions?.fields ?? []).map((f: any) => f.field).sort() };
};

export const contactId = async (t: TestApp, scin: string) => (await contactByScin(t.dataSource, scin)).id;

/** Row counts of every table the preference and letter intents write to. */
export async function rowCounts(dataSource: DataSource): Promise<Record<string, number>> {
  const tables = ['service_request', 'service_request_case', 'activity', 'service_request_note', 'letter', 'special_requirement',
    'contact_disability', 'contact_preference_change', 'security_check'];
  const counts: Record<string, number> = {};
  for (const table of tables) counts[table] = Number((await dataSource.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n);
  counts.contactsChanged = Number((await dataSource.query(
    `SELECT count(*)::int AS n FROM contact WHERE preferred_contact_method <> 'TELEPHONE' OR preferred_language <> 'ENGLISH'`,
  ))[0].n);
  counts.welshCases = Number((await dataSource.query(`SELECT count(*)::int AS n FROM "case" WHERE segment = 'WELSH'`))[0].n);
  return counts;
}

export const caseIdsOf = async (dataSource: DataSource, id: string): Promise<string[]> =>
  (await dataSource.query('SELECT case_id FROM case_party WHERE contact_id = $1 ORDER BY case_id', [id])).map((row: any) => row.case_id);

/** Raises an SR about the contact as `staff` (source: the contact themselves unless told otherwise). */
/** Raises an SR reported by the subject themselves, unless another reporter (role, names) is given. */
export async function raiseSr(
  t: TestApp, staff: string, subjectId: string, kind = 'CHANGE_CONTACT_PREFERENCES', reporterRole?: string,
  reporter?: { firstName: string; lastName: string },
) {
  const [contact] = await t.dataSource.query('SELECT client_role, first_name, last_name FROM contact WHERE id = $1', [subjectId]);
  return ok(await t.as(staff)(CREATE_SR, {
    input: {
      kind,
      subjectContactId: subjectId,
      caseIds: await caseIdsOf(t.dataSource, subjectId),
      source: {
        type: 'REPORTING_PERSON', firstName: reporter?.firstName ?? contact.first_name, lastName: reporter?.lastName ?? contact.last_name,
        role: reporterRole ?? contact.client_role,
      },
    },
  })).createServiceRequest.serviceRequest;
}

/** Raises and starts (IN_PROGRESS, plan generated) a CHANGE_CONTACT_PREFERENCES SR. */
export async function startedPreferencesSr(
  t: TestApp, staff: string, subjectId: string, reporterRole?: string, reporter?: { firstName: string; lastName: string },
) {
  const created = await raiseSr(t, staff, subjectId, 'CHANGE_CONTACT_PREFERENCES', reporterRole, reporter);
  return ok(await t.as(staff)(START_SR, { input: { id: created.id } })).startServiceRequest.serviceRequest;
}

/** The demo CHANGE_CONTACT_PREFERENCES SR about Brian Archer (owned by CW1003), started. */
export async function startedDemoSr(t: TestApp) {
  const brian = await contactId(t, DEMO.ordinaryNrpWithRep);
  const sr = await t.dataSource.getRepository(ServiceRequest).findOneByOrFail({ subjectContactId: brian, kind: 'CHANGE_CONTACT_PREFERENCES' as any });
  return ok(await t.as('CW1003')(START_SR, { input: { id: sr.id } })).startServiceRequest.serviceRequest;
}

/** Sets up security details (SEC-1) for the contact through the security module's own mutations. */
export async function setUpSecurity(t: TestApp, staff: string, subjectId: string) {
  const created = await raiseSr(t, staff, subjectId, 'SECURITY_SET_UP');
  ok(await t.as(staff)(START_SR, { input: { id: created.id } }));
  ok(await t.as(staff)(SET_UP, { input: { serviceRequestId: created.id, ...DETAILS } }));
}

/** Answers a security check (SEC-4) for the contact; right answers unless `wrong`. Returns the outcome. */
export async function securityCheck(client: GraphQLClient, subjectId: string, options: { wrong?: boolean } = {}) {
  const challenge = ok(await client(START_CHECK, { contactId: subjectId })).startSecurityCheck.challenge;
  const key = (question: string) => question.toLowerCase().replace(/_(\w)/g, (_m, c: string) => c.toUpperCase());
  const answers = DETAILS.answers as Record<string, string>;
  return ok(await client(ANSWER_CHECK, {
    input: {
      checkId: challenge.id,
      pinDigits: challenge.pinPositions.map((position: number) => DETAILS.pin[position - 1]),
      password: options.wrong ? 'not the password' : DETAILS.password,
      answers: challenge.questions.map((question: string) => ({ question, answer: answers[key(question)] })),
    },
  })).answerSecurityCheck;
}

/** Security set up by `staff`, then a passed check by `checker` (staff by default, or the client). */
export async function verified(t: TestApp, staff: string, subjectId: string, checker: GraphQLClient = t.as(staff)) {
  await setUpSecurity(t, staff, subjectId);
  const outcome = await securityCheck(checker, subjectId);
  expect(outcome.passed).toBe(true);
}

/** A whole accepted change (record + accept) on a started SR; returns the accept payload. */
export async function acceptedChange(t: TestApp, staff: string, srId: string, change: Record<string, unknown>) {
  ok(await t.as(staff)(RECORD, { input: { id: srId, ...change } }));
  return ok(await t.as(staff)(ACCEPT, { input: { id: srId } })).acceptContactPreferencesChange;
}
