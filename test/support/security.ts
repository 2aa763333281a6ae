import type { DataSource } from 'typeorm';
import { Case } from '../../src/modules/cases/case.entity';
import { contactByScin } from './demo';
import type { GraphQLClient, GraphQLResponse } from './test-app';

/** Operations and helpers of the security tests (set up, check, change of security details). */

export const SR_FIELDS = `id version status subStatus resolutionCode nextActionDue segment kind sourceType subjectType
  owner { staffNumber } activities { id name status outcome outcomeNote } notes { text }`;

export const CREATE_SR = `mutation($input: CreateServiceRequestInput!) { createServiceRequest(input: $input) { serviceRequest { ${SR_FIELDS} } } }`;
export const START_SR = `mutation($input: StartServiceRequestInput!) { startServiceRequest(input: $input) { serviceRequest { ${SR_FIELDS} } } }`;
export const SET_UP = `mutation($input: SetUpSecurityInput!) { setUpSecurity(input: $input) { serviceRequest { ${SR_FIELDS} } } }`;
export const DEFAULTS = `mutation($input: ApplySecurityDefaultsInput!) { applySecurityDefaults(input: $input) { serviceRequest { ${SR_FIELDS} } } }`;
export const STATUS = `query($id: ID!) { contact(id: $id) { id securityStatus { setUp onDefaults blocked failedAttempts blockedAt setUpAt verifiedUntil } } }`;
export const START_CHECK = `mutation($contactId: ID!) { startSecurityCheck(input: { contactId: $contactId }) { challenge { id contactId channel pinPositions questions expiresAt } } }`;
export const ANSWER_CHECK = `mutation($input: AnswerSecurityCheckInput!) { answerSecurityCheck(input: $input) { passed blocked failedAttempts attemptsRemaining verifiedUntil } }`;
export const START_CHANGE = `mutation($input: StartSecurityDetailsChangeInput!) { startSecurityDetailsChange(input: $input) { serviceRequest { ${SR_FIELDS} } } }`;
export const SEND_FORM = `mutation($input: SendSecurityDetailsFormInput!) { sendSecurityDetailsForm(input: $input) { serviceRequest { ${SR_FIELDS} } } }`;
export const SEND_REMINDER = `mutation($input: SendSecurityDetailsReminderInput!) { sendSecurityDetailsReminder(input: $input) { serviceRequest { ${SR_FIELDS} } } }`;
export const ACCEPT_CHANGE = `mutation($input: AcceptSecurityDetailsChangeInput!) { acceptSecurityDetailsChange(input: $input) { serviceRequest { ${SR_FIELDS} } } }`;
export const COMPLETE_CHANGE = `mutation($input: CompleteSecurityDetailsChangeInput!) { completeSecurityDetailsChange(input: $input) { serviceRequest { ${SR_FIELDS} } } }`;
export const DECLINE_CHANGE = `mutation($input: DeclineSecurityDetailsChangeInput!) { declineSecurityDetailsChange(input: $input) { serviceRequest { ${SR_FIELDS} } } }`;
export const REQUEST_CHANGE = `mutation($input: RequestSecurityDetailsChangeInput!) { requestSecurityDetailsChange(input: $input) { serviceRequest { ${SR_FIELDS} } } }`;

/** Known secrets of the tests: every response and log line is searched for them (SEC-3). */
export const SECRETS = {
  pin: '5830291',
  password: 'Purple Giraffe Kettle',
  answers: {
    name: 'Rumpelstiltskin', teacher: 'Mrs Quibblesworth', place: 'Zanzibar Harbour', singer: 'Ella Fitzgerald',
    date: '1999-07-23', event: 'Moon Landing Party', firstSchool: 'St Barnabas Primary',
  },
};

export function ok<T = any>(res: GraphQLResponse<T>): T {
  if (res.errors?.length) throw new Error(`unexpected errors: ${JSON.stringify(res.errors)}`);
  return res.data as T;
}

export const errorOf = (res: GraphQLResponse) => {
  expect(res.errors).toHaveLength(1);
  return { code: res.errors![0].extensions?.code, reason: res.errors![0].extensions?.reason, extensions: res.errors![0].extensions!, message: res.errors![0].message };
};

export const fieldsOf = (res: GraphQLResponse): string[] =>
  (res.errors?.[0]?.extensions?.fields ?? []).map((problem: { field: string }) => problem.field).sort();

/** The case numbers a contact is party to (a representative: their client's). */
export async function casesOf(dataSource: DataSource, contactId: string): Promise<Case[]> {
  return dataSource.query(
    `SELECT k.id, k.case_number AS "caseNumber" FROM "case" k
      WHERE k.id IN (SELECT case_id FROM case_party WHERE contact_id = $1)
         OR k.id IN (SELECT p.case_id FROM case_party p JOIN representative_link l ON l.client_id = p.contact_id WHERE l.representative_id = $1)
      ORDER BY k.case_number`,
    [contactId],
  );
}

export async function contactIdOf(dataSource: DataSource, scinOrName: string): Promise<string> {
  if (/^SC\d+$/.test(scinOrName)) return (await contactByScin(dataSource, scinOrName)).id;
  const rows = await dataSource.query('SELECT id FROM contact WHERE first_name = $1', [scinOrName]);
  if (rows.length !== 1) throw new Error(`no single contact named ${scinOrName}`);
  return rows[0].id;
}

export async function subjectTypeOf(dataSource: DataSource, contactId: string): Promise<string> {
  const [row] = await dataSource.query('SELECT kind, client_role FROM contact WHERE id = $1', [contactId]);
  return row.kind === 'REPRESENTATIVE' ? 'REPRESENTATIVE' : row.client_role;
}

/** Raises an SR of `kind` about the contact through the generic mutation; returns the response. */
export async function raiseSr(client: GraphQLClient, dataSource: DataSource, kind: string, contactId: string) {
  const cases = await casesOf(dataSource, contactId);
  return client(CREATE_SR, {
    input: {
      kind,
      subjectContactId: contactId,
      caseIds: cases.map((row) => row.id),
      source: { type: 'REPORTING_PERSON', firstName: 'Pat', lastName: 'Caller', role: 'PWC' },
    },
  });
}

/** A SECURITY_SET_UP SR about the contact, started (plan generated). */
export async function startedSetUpSr(client: GraphQLClient, dataSource: DataSource, contactId: string) {
  const created = ok(await raiseSr(client, dataSource, 'SECURITY_SET_UP', contactId)).createServiceRequest.serviceRequest;
  return ok(await client(START_SR, { input: { id: created.id } })).startServiceRequest.serviceRequest;
}

/** Sets up security for the contact with the given details (SECRETS by default). */
export async function setUpSecurityFor(
  client: GraphQLClient,
  dataSource: DataSource,
  contactId: string,
  details: { pin: string; password: string; answers?: Record<string, string> } = SECRETS,
) {
  const sr = await startedSetUpSr(client, dataSource, contactId);
  return ok(await client(SET_UP, { input: { serviceRequestId: sr.id, ...details } })).setUpSecurity.serviceRequest;
}

/** The answers to a challenge, from known details; `transform` alters each text given. */
export function answersFor(
  challenge: { id: string; pinPositions: number[]; questions: string[] },
  details: { pin: string; password: string; answers: Record<string, string> },
  transform: (text: string) => string = (text) => text,
) {
  const key = (question: string) => question.toLowerCase().replace(/_(\w)/g, (_m, c: string) => c.toUpperCase());
  return {
    checkId: challenge.id,
    pinDigits: challenge.pinPositions.map((position) => details.pin[position - 1]),
    password: transform(details.password),
    answers: challenge.questions.map((question) => ({ question, answer: transform(details.answers[key(question)] ?? 'X') })),
  };
}

/** Row counts of every table the security procedures write to. */
export async function rowCounts(dataSource: DataSource): Promise<Record<string, number>> {
  const tables = ['security_account', 'security_check', 'pending_security_change', 'service_request', 'service_request_case',
    'service_request_note', 'activity', 'letter'];
  const counts: Record<string, number> = {};
  for (const table of tables) counts[table] = Number((await dataSource.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n);
  return counts;
}
