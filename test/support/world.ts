import fc from 'fast-check';
import type { EntityManager } from 'typeorm';
import { AccessPurpose } from '../../src/authorization/grant-purpose';
import { Segment, StaffRole } from '../../src/authorization/roles';
import { AccessGrant } from '../../src/modules/access-requests/access-grant.entity';
import { AccessRequestStatus } from '../../src/modules/access-requests/access-enums';
import { AccessRequest } from '../../src/modules/access-requests/access-request.entity';
import { Case } from '../../src/modules/cases/case.entity';
import { Contact } from '../../src/modules/contacts/contact.entity';
import { LetterChannel, LetterStatus, LetterTemplate } from '../../src/modules/letters/letter-enums';
import { Letter } from '../../src/modules/letters/letter.entity';
import { newServiceRequest } from '../../src/modules/service-requests/new-service-request';
import { ServiceRequest } from '../../src/modules/service-requests/service-request.entity';
import { SrKind, SrSourceType, SrStatus, SubjectType } from '../../src/modules/service-requests/sr-enums';
import { Staff } from '../../src/modules/staff/staff.entity';
import { Team } from '../../src/modules/staff/team.entity';
import type { TestApp } from './test-app';

/**
 * A small world on top of the demo data for the write-access property test: extra staff (some
 * random), SRs of every segment about sensitive and ordinary subjects, letters, access requests at
 * every stage and grants (live, expired, removed, not yet started). Rows are kept in insertion
 * order with a label each, so a run is the same whatever uuids the database hands out.
 */
export interface World {
  srs: string[];
  letters: string[];
  requests: string[];
  grants: string[];
  contacts: string[];
  cases: string[];
  staff: string[];
  clients: Record<string, string>;
  label: Map<string, string>;
  byLabel: (label: string) => string;
}

const HOUR = 3600_000;
const TEAMS = ['Maintenance Team A', 'Enforcement Team B', 'SCR Team', 'Welsh Team W (test)', 'Front Line Live Support'];

export async function buildWorld(t: TestApp): Promise<World> {
  const m: EntityManager = t.dataSource.manager;
  const now = t.clock.now();
  const at = (hours: number) => new Date(now.getTime() + hours * HOUR);
  const label = new Map<string, string>();
  const named = <T extends { id: string }>(name: string, row: T) => (label.set(row.id, name), row);
  const contact = (key: string) => m.findOneByOrFail(Contact, key.startsWith('SC') ? { scin: key } : { firstName: key });
  const kase = (caseNumber: string) => m.findOneByOrFail(Case, { caseNumber });
  const staffOf = (staffNumber: string) => m.findOneByOrFail(Staff, { staffNumber });

  const welsh = await m.save(m.create(Team, { name: TEAMS[3], segment: Segment.WELSH, leaderId: null }));
  const teams = new Map((await m.find(Team)).map((team) => [team.name, team]));
  const addStaff = async (staffNumber: string, role: StaffRole, teamName: string) => {
    const team = teams.get(teamName)!;
    return m.save(m.create(Staff, {
      staffNumber, firstName: 'Extra', lastName: staffNumber, role, segment: team.segment, teamId: team.id,
      grade: 'EO', area: 'North East', workPhone: '0191 000 9999', active: true,
    }));
  };
  const extras: [string, StaffRole, string][] = [
    ['CW1004', StaffRole.CASEWORKER, TEAMS[0]], ['CW2003', StaffRole.CASEWORKER, TEAMS[1]], ['TLW01', StaffRole.TEAM_LEADER, TEAMS[3]],
    ['CWW02', StaffRole.CASEWORKER, TEAMS[3]], ['SCRM3009', StaffRole.SCR_MANAGER, TEAMS[2]], ['SCRC3008', StaffRole.SCR_CASEWORKER, TEAMS[2]],
    ['FLLS4009', StaffRole.FLLS, TEAMS[4]],
  ];
  // A few more with a random role and team (a random team leader leads no team).
  const random = fc.sample(fc.record({ role: fc.constantFrom(...Object.values(StaffRole)), team: fc.constantFrom(...TEAMS) }), { numRuns: 4, seed: 42 });
  random.forEach(({ role, team }, i) => extras.push([`X0${i + 1}`, role, team]));
  for (const [staffNumber, role, team] of extras) await addStaff(staffNumber, role, team);
  await m.update(Team, { id: welsh.id }, { leaderId: (await staffOf('TLW01')).id });
  await m.query(`UPDATE contact SET self_service_status = 'REGISTERED_ACTIVE' WHERE scin IN ('SC0000002', 'SC0000003', 'SC0000011') OR first_name = 'Mona'`);

  // Service requests: [label, kind, subject, subject type, case, status, segment override, self service].
  const srs: string[] = [];
  for (const subject of ['SC0000003', 'SC0000002']) {
    const row = await m.findOneByOrFail(ServiceRequest, { subjectContactId: (await contact(subject)).id });
    srs.push(named(subject === 'SC0000003' ? 'S0 Chloe(sensitive) CSD MAINT' : 'S1 Brian CCP MAINT', row).id);
  }
  const { CHANGE_CONTACT_PREFERENCES: CCP, CHANGE_SECURITY_DETAILS: CSD, SECURITY_SET_UP: SSU } = SrKind;
  const SR_ROWS: [string, SrKind, string, SubjectType, string, SrStatus, Segment?, boolean?][] = [
    ['S2 Emma CCP ENF', CCP, 'SC0000005', SubjectType.PWC, '1200000003', SrStatus.OPEN],
    ['S3 Frank(sensitive) CSD ENF', CSD, 'SC0000006', SubjectType.NRP, '1200000003', SrStatus.OPEN],
    ['S4 Kate(sensitive) CCP SCR in progress', CCP, 'SC0000011', SubjectType.PWC, '1200000006', SrStatus.IN_PROGRESS],
    ['S5 Liam(sensitive) SSU SCR hopper', SSU, 'SC0000012', SubjectType.NRP, '1200000006', SrStatus.PENDING_ASSIGNMENT],
    ['S6 Daniel CCP MAINT hopper', CCP, 'SC0000004', SubjectType.NRP, '1200000002', SrStatus.PENDING_ASSIGNMENT],
    ['S7 Alice CCP MAINT self service in progress', CCP, 'SC0000001', SubjectType.PWC, '1200000001', SrStatus.IN_PROGRESS, undefined, true],
    ['S8 Mona(representative) CSD MAINT', CSD, 'Mona', SubjectType.REPRESENTATIVE, '1200000001', SrStatus.OPEN],
    ['S9 Gwen CCP WELSH', CCP, 'SC0000007', SubjectType.PWC, '1200000004', SrStatus.OPEN],
    ['S10 Chloe(sensitive) CCP routed to SCR hopper', CCP, 'SC0000003', SubjectType.PWC, '1200000002', SrStatus.PENDING_ASSIGNMENT, Segment.SCR],
    ['S11 Acme(employer representative) SSU ENF', SSU, 'Acme Payroll', SubjectType.REPRESENTATIVE, '1200000003', SrStatus.OPEN],
    ['S12 Isla CCP MAINT closed', CCP, 'SC0000009', SubjectType.PWC, '1200000005', SrStatus.CLOSED],
    ['S13 Frank(sensitive) CCP ENF in progress', CCP, 'SC0000006', SubjectType.NRP, '1200000003', SrStatus.IN_PROGRESS],
    ['S14 Chloe(sensitive) SSU MAINT in progress', SSU, 'SC0000003', SubjectType.PWC, '1200000002', SrStatus.IN_PROGRESS],
    ['S15 Frank(sensitive) CCP ENF', CCP, 'SC0000006', SubjectType.NRP, '1200000003', SrStatus.OPEN],
  ];
  for (const [name, kind, subject, subjectType, caseNumber, status, segment, selfService] of SR_ROWS) {
    const k = await kase(caseNumber);
    const sr = await m.save(newServiceRequest(m, now, {
      kind, subjectContactId: (await contact(subject)).id, subjectType, cases: [k], segment: segment ?? k.segment, status,
      sourceType: selfService ? SrSourceType.PWC_SELF_SERVICE : SrSourceType.REPORTING_PERSON,
      sourceFirstName: 'Pat', sourceLastName: 'Caller', sourceRole: subjectType,
    } as Parameters<typeof newServiceRequest>[2]));
    srs.push(named(name, sr).id);
  }
  const sr = (prefix: string) => srs.find((id) => label.get(id)!.startsWith(`${prefix} `))!;

  // Letters: [label, contact, SR, status].
  const letters: string[] = [];
  const LETTERS: [string, string, string | null, LetterStatus][] = [
    ['L0 Chloe generated', 'SC0000003', 'S0', LetterStatus.GENERATED], ['L1 Chloe sent', 'SC0000003', 'S0', LetterStatus.SENT],
    ['L2 Brian sent', 'SC0000002', 'S1', LetterStatus.SENT], ['L3 Alice generated', 'SC0000001', 'S7', LetterStatus.GENERATED],
    ['L4 Emma sent', 'SC0000005', 'S2', LetterStatus.SENT], ['L5 Frank generated', 'SC0000006', 'S3', LetterStatus.GENERATED],
    ['L6 Kate sent', 'SC0000011', 'S4', LetterStatus.SENT], ['L7 Gwen sent', 'SC0000007', 'S9', LetterStatus.SENT],
    ['L8 Daniel sent, no SR', 'SC0000004', null, LetterStatus.SENT], ['L9 Liam cancelled', 'SC0000012', 'S5', LetterStatus.CANCELLED],
  ];
  for (const [name, who, srPrefix, status] of LETTERS) {
    const letter = await m.save(m.create(Letter, {
      template: LetterTemplate.CMSL9547, contactId: (await contact(who)).id, serviceRequestId: srPrefix ? sr(srPrefix) : null, status,
      channel: LetterChannel.POST, title: 'Your details', body: 'Dear client', createdAt: at(-48),
      sentAt: status === LetterStatus.SENT ? at(-24) : null, cancelledAt: status === LetterStatus.CANCELLED ? at(-24) : null,
    }));
    letters.push(named(name, letter).id);
  }

  // Access requests: [label, requester, status, TL checked by, SCR approved by, granted by, purpose, SR].
  const requests: string[] = [];
  const { SUBMITTED, TL_CHECKED, SCR_APPROVED, GRANTED, REJECTED } = AccessRequestStatus;
  const { VIEW_CONTACT: VIEW, ROUTE_SR_TO_SCR: ROUTE } = AccessPurpose;
  const REQUESTS: [string, string, AccessRequestStatus, string?, string?, string?, AccessPurpose?, string?][] = [
    ['R0 CW1002 submitted', 'CW1002', SUBMITTED], ['R1 CW1003 TL checked', 'CW1003', TL_CHECKED, 'TL1001'],
    ['R2 CW2002 SCR approved', 'CW2002', SCR_APPROVED, 'TL2001', 'SCRM3001', undefined, VIEW, 'S3'],
    ['R3 CW1004 granted', 'CW1004', GRANTED, 'TL1001', 'SCRM3001', 'FLLS4001'],
    ['R4 CW2003 rejected', 'CW2003', REJECTED, undefined, undefined, undefined, VIEW, 'S3'],
    ['R5 TL1001 own, submitted', 'TL1001', SUBMITTED],
    ['R6 CW1002 TL checked by SCRM3001', 'CW1002', TL_CHECKED, 'SCRM3001', undefined, undefined, ROUTE],
    ['R7 CW2003 checked by FLLS4009, SCR approved', 'CW2003', SCR_APPROVED, 'FLLS4009', 'SCRM3001', undefined, ROUTE, 'S3'],
    ['R8 FLLS4001 own, SCR approved', 'FLLS4001', SCR_APPROVED, 'TL1001', 'SCRM3009'],
    ['R9 SCRM3009 own, TL checked', 'SCRM3009', TL_CHECKED, 'TL1001', undefined, undefined, VIEW, 'S4'],
    ['R10 CWW02 submitted', 'CWW02', SUBMITTED, undefined, undefined, undefined, VIEW, 'S4'],
    ['R11 CW2002 submitted route', 'CW2002', SUBMITTED, undefined, undefined, undefined, ROUTE, 'S3'],
  ];
  for (const [name, requester, status, checker, approver, granter, purpose = VIEW, srPrefix = 'S0'] of REQUESTS) {
    const who = await staffOf(requester);
    const target = await m.findOneByOrFail(ServiceRequest, { id: sr(srPrefix) });
    const id = async (staffNumber?: string) => (staffNumber ? (await staffOf(staffNumber)).id : null);
    const request = await m.save(m.create(AccessRequest, {
      requesterId: who.id, teamId: who.teamId!, staffNumber: requester, teamName: 'team', grade: 'EO', area: 'North East',
      requestedHours: 4, purpose, serviceRequestId: sr(srPrefix), contactId: target.subjectContactId, justification: 'Needed',
      status, tlCheckedById: await id(checker), scrApprovedById: await id(approver), grantedById: await id(granter),
      rejectedAtStage: status === REJECTED ? SUBMITTED : null, rejectionReason: status === REJECTED ? 'No' : null, createdAt: at(-2),
    }));
    requests.push(named(name, request).id);
  }

  // Grants: [label, grantee, contact, SR, purpose, granted at, expires at, removed at] (hours from now).
  const grants: string[] = [];
  const GRANTS: [string, string, string | null, string, AccessPurpose, number, number, number | null, string?][] = [
    ['G0 CW1004 view Chloe live', 'CW1004', 'SC0000003', 'S0', VIEW, -1, 4, null, 'R3'],
    ['G1 CW1004 route S0 live', 'CW1004', 'SC0000003', 'S0', ROUTE, -1, 4, null],
    ['G2 CW2003 view Frank live', 'CW2003', 'SC0000006', 'S3', VIEW, -1, 2, null],
    ['G3 CW2003 route S3 live', 'CW2003', 'SC0000006', 'S3', ROUTE, -1, 2, null],
    ['G4 CW2002 view Frank expired', 'CW2002', 'SC0000006', 'S3', VIEW, -5, -1, null],
    ['G5 CW1003 view Chloe removed', 'CW1003', 'SC0000003', 'S0', VIEW, -1, 3, -0.5],
    ['G6 CW1002 route S0 expired', 'CW1002', 'SC0000003', 'S0', ROUTE, -3, -2, null],
    ['G7 CW2002 view Frank from in 1 hour', 'CW2002', 'SC0000006', 'S3', VIEW, 1, 5, null],
    ['G8 FLLS4009 view Chloe live', 'FLLS4009', 'SC0000003', 'S0', VIEW, -1, 4, null],
    ['G9 TL1001 view Chloe live', 'TL1001', 'SC0000003', 'S10', VIEW, -1, 6, null],
    ['G10 CWW02 view Kate live', 'CWW02', 'SC0000011', 'S4', VIEW, -1, 4, null],
    ['G11 TL2001 route S3 live', 'TL2001', 'SC0000006', 'S3', ROUTE, -1, 4, null],
  ];
  for (const [name, grantee, who, srPrefix, purpose, from, to, removed, request] of GRANTS) {
    const holder = await staffOf(grantee);
    const grant = await m.save(m.create(AccessGrant, {
      requestId: request ? requests.find((id) => label.get(id)!.startsWith(`${request} `))! : null,
      staffId: holder.id, teamId: holder.teamId, contactId: who ? (await contact(who)).id : null, serviceRequestId: sr(srPrefix), purpose,
      grantedAt: at(from), expiresAt: at(to), removedAt: removed === null ? null : at(removed), removalReason: null,
    }));
    grants.push(named(name, grant).id);
  }

  const ordered = (sql: string) => m.query(sql).then((rows: { id: string; name: string }[]) => rows.map((row) => named(row.name, row).id));
  const contacts = await ordered(`SELECT id, first_name || ' ' || last_name || CASE WHEN sensitive THEN ' (sensitive)' ELSE '' END AS name
    FROM contact ORDER BY scin NULLS LAST, first_name`);
  const cases = await ordered(`SELECT id, 'case ' || case_number || ' ' || segment AS name FROM "case" ORDER BY case_number`);
  const staff = (await m.query(`SELECT staff_number AS n FROM staff ORDER BY staff_number`)).map((row: { n: string }) => row.n);
  const clients: Record<string, string> = {};
  for (const [name, scin] of [['Alice', 'SC0000001'], ['Brian', 'SC0000002'], ['Chloe', 'SC0000003'], ['Kate', 'SC0000011'], ['Emma(unregistered)', 'SC0000005'], ['Mona(representative)', 'Mona']]) {
    clients[`client:${name}`] = (await contact(scin)).id;
  }
  const byLabel = (prefix: string) => [...label].find(([, name]) => name === prefix || name.startsWith(`${prefix} `))![0];
  return { srs, letters, requests, grants, contacts, cases, staff, clients, label, byLabel };
}

/** The rows the model reads, as they are in the database now. */
export interface State {
  now: Date;
  staff: { id: string; staffNumber: string; role: StaffRole; segment: Segment; teamId: string | null; active: boolean }[];
  leaders: Map<string, string | null>;
  contacts: Map<string, { sensitive: boolean; kind: string; selfService: string }>;
  grants: Map<string, { staffId: string; teamId: string | null; contactId: string | null; srId: string | null; purpose: AccessPurpose; grantedAt: Date; expiresAt: Date; removedAt: Date | null }>;
  srs: Map<string, { segment: Segment; subjectId: string; kind: SrKind; status: SrStatus }>;
  letters: Map<string, { contactId: string; srId: string | null; status: LetterStatus }>;
  requests: Map<string, { requesterId: string; teamId: string; status: AccessRequestStatus; tlCheckedById: string | null; scrApprovedById: string | null }>;
  parties: { caseId: string; contactId: string }[];
  reps: { repId: string; clientId: string }[];
  cases: Map<string, Segment>;
}

export async function loadState(t: TestApp): Promise<State> {
  const q = (sql: string) => t.dataSource.query(sql);
  const byId = <T>(rows: ({ id: string } & T)[]) => new Map(rows.map(({ id, ...row }) => [id, row as unknown as T]));
  return {
    now: t.clock.now(),
    staff: await q(`SELECT id, staff_number AS "staffNumber", role, segment, team_id AS "teamId", active FROM staff`),
    leaders: new Map((await q(`SELECT id, leader_id AS "leaderId" FROM team`)).map((row: any) => [row.id, row.leaderId])),
    contacts: byId(await q(`SELECT id, sensitive, kind, self_service_status AS "selfService" FROM contact`)),
    grants: byId(await q(`SELECT id, staff_id AS "staffId", team_id AS "teamId", contact_id AS "contactId", service_request_id AS "srId",
      purpose, granted_at AS "grantedAt", expires_at AS "expiresAt", removed_at AS "removedAt" FROM access_grant`)),
    srs: byId(await q(`SELECT id, segment, subject_contact_id AS "subjectId", kind, status FROM service_request`)),
    letters: byId(await q(`SELECT id, contact_id AS "contactId", service_request_id AS "srId", status FROM letter`)),
    requests: byId(await q(`SELECT id, requester_id AS "requesterId", team_id AS "teamId", status, tl_checked_by_id AS "tlCheckedById",
      scr_approved_by_id AS "scrApprovedById" FROM access_request`)),
    parties: await q(`SELECT p.case_id AS "caseId", p.contact_id AS "contactId" FROM case_party p JOIN "case" k ON k.id = p.case_id ORDER BY k.case_number, p.role`),
    reps: await q(`SELECT representative_id AS "repId", client_id AS "clientId" FROM representative_link`),
    cases: new Map((await q(`SELECT id, segment FROM "case"`)).map((row: any) => [row.id, row.segment])),
  };
}

/** The mutations under test, each with one id variable ($id); createServiceRequest takes $input. */
export const DOCS = {
  startServiceRequest: 'mutation($id: ID!) { startServiceRequest(input: { id: $id }) { serviceRequest { id } } }',
  addServiceRequestNote: 'mutation($id: ID!) { addServiceRequestNote(input: { id: $id, text: "Called back." }) { serviceRequest { id } } }',
  routeServiceRequest: 'mutation($id: ID!) { routeServiceRequest(input: { id: $id }) { serviceRequest { id } } }',
  assignFromHopper: 'mutation($id: ID!, $to: String!) { assignFromHopper(input: { id: $id, assigneeStaffNumber: $to }) { serviceRequest { id } } }',
  recordContactPreferences: 'mutation($id: ID!) { recordContactPreferences(input: { id: $id, preferredCallTimes: "Mornings" }) { serviceRequest { id } } }',
  acceptContactPreferencesChange: 'mutation($id: ID!) { acceptContactPreferencesChange(input: { id: $id }) { letter { id } } }',
  startSecurityDetailsChange: 'mutation($id: ID!) { startSecurityDetailsChange(input: { id: $id }) { serviceRequest { id } } }',
  cancelLetter: 'mutation($id: ID!) { cancelLetter(input: { id: $id }) { letter { id } } }',
  reissueLetter: 'mutation($id: ID!) { reissueLetter(input: { id: $id }) { reissue { id } coveringLetter { id } } }',
  createServiceRequest: 'mutation($input: CreateServiceRequestInput!) { createServiceRequest(input: $input) { serviceRequest { id } } }',
  checkAccessRequest: 'mutation($id: ID!) { checkAccessRequest(input: { id: $id }) { accessRequest { id } } }',
  approveAccessRequest: 'mutation($id: ID!) { approveAccessRequest(input: { id: $id }) { accessRequest { id } } }',
  grantAccessRequest: 'mutation($id: ID!) { grantAccessRequest(input: { id: $id, grantedHours: 1 }) { accessRequest { id } } }',
  rejectAccessRequest: 'mutation($id: ID!) { rejectAccessRequest(input: { id: $id, reason: "Not needed" }) { accessRequest { id } } }',
  removeAccessGrant: 'mutation($id: ID!) { removeAccessGrant(input: { grantId: $id, reason: TL_REQUEST }) { accessGrant { id } } }',
  requestAccessExtension: 'mutation($id: ID!) { requestAccessExtension(input: { grantId: $id, requestedHours: 1, reason: "More time" }) { accessExtension { id } } }',
} as const;
export type MutationName = keyof typeof DOCS;
