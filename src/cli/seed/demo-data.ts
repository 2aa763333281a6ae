import type { EntityManager } from 'typeorm';
import type { AppConfig } from '../../config';
import { CaseParty } from '../../modules/cases/case-party.entity';
import { Case } from '../../modules/cases/case.entity';
import { ClientRole, ContactKind, PreferredLanguage, SelfServiceStatus } from '../../modules/contacts/contact-enums';
import { Contact } from '../../modules/contacts/contact.entity';
import { RepresentativeLink } from '../../modules/contacts/representative-link.entity';
import { newServiceRequest } from '../../modules/service-requests/new-service-request';
import { SrKind, SrSourceType, SubjectType } from '../../modules/service-requests/sr-enums';
import { Segment, StaffRole } from '../../authorization/roles';
import { Staff } from '../../modules/staff/staff.entity';
import { Team } from '../../modules/staff/team.entity';
import { stampHistoryAt } from '../../modules/staff/staff-history';

/** Demo staff: one per role at least, with the staff numbers the README uses for tokens. */
export const DEMO_STAFF = [
  { staffNumber: 'TL1001', firstName: 'Tina', lastName: 'Lead', role: StaffRole.TEAM_LEADER, team: 'Maintenance Team A', grade: 'HEO' },
  { staffNumber: 'CW1002', firstName: 'Carl', lastName: 'Walker', role: StaffRole.CASEWORKER, team: 'Maintenance Team A', grade: 'EO' },
  { staffNumber: 'CW1003', firstName: 'Cathy', lastName: 'Wood', role: StaffRole.CASEWORKER, team: 'Maintenance Team A', grade: 'AO' },
  { staffNumber: 'TL2001', firstName: 'Tom', lastName: 'Leach', role: StaffRole.TEAM_LEADER, team: 'Enforcement Team B', grade: 'HEO' },
  { staffNumber: 'CW2002', firstName: 'Cara', lastName: 'Webb', role: StaffRole.CASEWORKER, team: 'Enforcement Team B', grade: 'EO' },
  { staffNumber: 'TL6001', firstName: 'Tegan', lastName: 'Lloyd', role: StaffRole.TEAM_LEADER, team: 'Welsh Team C', grade: 'HEO' },
  { staffNumber: 'CW6002', firstName: 'Wyn', lastName: 'Jones', role: StaffRole.CASEWORKER, team: 'Welsh Team C', grade: 'EO' },
  { staffNumber: 'SCRM3001', firstName: 'Sam', lastName: 'Manning', role: StaffRole.SCR_MANAGER, team: 'SCR Team', grade: 'HEO' },
  { staffNumber: 'SCRC3002', firstName: 'Sid', lastName: 'Carter', role: StaffRole.SCR_CASEWORKER, team: 'SCR Team', grade: 'EO' },
  { staffNumber: 'FLLS4001', firstName: 'Fay', lastName: 'Lowe', role: StaffRole.FLLS, team: 'Front Line Live Support', grade: 'EO' },
  { staffNumber: 'SECR5001', firstName: 'Rita', lastName: 'Reviewer', role: StaffRole.SECURITY_REVIEWER, team: 'Security Review', grade: 'SEO' },
] as const;

const TEAMS = [
  { name: 'Maintenance Team A', segment: Segment.MAINTENANCE, leader: 'TL1001' },
  { name: 'Enforcement Team B', segment: Segment.ENFORCEMENT, leader: 'TL2001' },
  { name: 'Welsh Team C', segment: Segment.WELSH, leader: 'TL6001' },
  { name: 'SCR Team', segment: Segment.SCR, leader: 'SCRM3001' },
  { name: 'Front Line Live Support', segment: Segment.MAINTENANCE, leader: null },
  { name: 'Security Review', segment: Segment.MAINTENANCE, leader: null },
];

interface DemoClient {
  firstName: string;
  lastName: string;
  role: ClientRole;
  scin: string;
  nino: string;
  sensitive?: boolean;
  welsh?: boolean;
  selfService?: boolean;
}

const CASES: { caseNumber: string; segment: Segment; csaArrearsOnly?: boolean; parties: DemoClient[] }[] = [
  { caseNumber: '1200000001', segment: Segment.MAINTENANCE, parties: [
    { firstName: 'Alice', lastName: 'Archer', role: ClientRole.PWC, scin: 'SC0000001', nino: 'AB123456C', selfService: true },
    { firstName: 'Brian', lastName: 'Archer', role: ClientRole.NRP, scin: 'SC0000002', nino: 'AB123457C' },
  ] },
  { caseNumber: '1200000002', segment: Segment.MAINTENANCE, parties: [
    { firstName: 'Chloe', lastName: 'Baker', role: ClientRole.PWC, scin: 'SC0000003', nino: 'CD223344A', sensitive: true },
    { firstName: 'Daniel', lastName: 'Baker', role: ClientRole.NRP, scin: 'SC0000004', nino: 'CD223345A' },
  ] },
  { caseNumber: '1200000003', segment: Segment.ENFORCEMENT, parties: [
    { firstName: 'Emma', lastName: 'Clarke', role: ClientRole.PWC, scin: 'SC0000005', nino: 'EF334455B' },
    { firstName: 'Frank', lastName: 'Doyle', role: ClientRole.NRP, scin: 'SC0000006', nino: 'EF334456B', sensitive: true },
  ] },
  { caseNumber: '1200000004', segment: Segment.WELSH, parties: [
    { firstName: 'Gwen', lastName: 'Evans', role: ClientRole.PWC, scin: 'SC0000007', nino: 'GH445566D', welsh: true },
    { firstName: 'Huw', lastName: 'Evans', role: ClientRole.NRP, scin: 'SC0000008', nino: 'GH445567D', welsh: true },
  ] },
  { caseNumber: '1200000005', segment: Segment.MAINTENANCE, csaArrearsOnly: true, parties: [
    { firstName: 'Isla', lastName: 'Foster', role: ClientRole.PWC, scin: 'SC0000009', nino: 'JK556677A' },
    { firstName: 'Jack', lastName: 'Foster', role: ClientRole.NRP, scin: 'SC0000010', nino: 'JK556678A' },
  ] },
  { caseNumber: '1200000006', segment: Segment.SCR, parties: [
    { firstName: 'Kate', lastName: 'Green', role: ClientRole.PWC, scin: 'SC0000011', nino: 'LM667788C', sensitive: true },
    { firstName: 'Liam', lastName: 'Green', role: ClientRole.NRP, scin: 'SC0000012', nino: 'LM667789C', sensitive: true },
  ] },
];

const REPRESENTATIVES = [
  { firstName: 'Mona', lastName: 'Hughes', trn: 'TRN000001', employer: false, client: 'SC0000002' },
  { firstName: 'Acme Payroll', lastName: 'Ltd', trn: 'TRN000002', employer: true, client: 'SC0000006' },
];

/**
 * `npm start` on an empty database: the demo in development and tests, never in production (its
 * staff hold SCR_MANAGER and FLLS roles anyone could take a development token for).
 */
export async function loadDemoIfDevelopment(config: Pick<AppConfig, 'nodeEnv'>, manager: EntityManager): Promise<boolean> {
  return config.nodeEnv !== 'production' && seedDemo(manager);
}

/** Loads the small demo, once: does nothing when staff already exist. Returns whether it loaded. */
export async function seedDemo(manager: EntityManager): Promise<boolean> {
  if ((await manager.count(Staff)) > 0) return false;
  await manager.transaction(async (tx) => {
    // AUD-5: the demo's staff and teams have always been as seeded, whatever instant a demo or a
    // test then sets its clock to (their history starts at -infinity).
    await stampHistoryAt(tx, 'beginning');
    const teams = new Map<string, Team>();
    for (const team of TEAMS) {
      teams.set(team.name, await tx.save(tx.create(Team, { name: team.name, segment: team.segment, leaderId: null })));
    }
    const staffByNumber = new Map<string, Staff>();
    for (const person of DEMO_STAFF) {
      const team = teams.get(person.team)!;
      const staff = tx.create(Staff, {
        staffNumber: person.staffNumber,
        firstName: person.firstName,
        lastName: person.lastName,
        role: person.role,
        segment: team.segment,
        teamId: team.id,
        grade: person.grade,
        area: 'North East',
        workPhone: `0191 000 ${person.staffNumber.slice(-4)}`,
        active: true,
      });
      staffByNumber.set(person.staffNumber, await tx.save(staff));
    }
    for (const team of TEAMS) {
      if (team.leader) await tx.update(Team, { id: teams.get(team.name)!.id }, { leaderId: staffByNumber.get(team.leader)!.id });
    }

    const contactsByScin = new Map<string, Contact>();
    for (const demoCase of CASES) {
      const saved = await tx.save(tx.create(Case, { caseNumber: demoCase.caseNumber, segment: demoCase.segment, csaArrearsOnly: demoCase.csaArrearsOnly ?? false }));
      for (const party of demoCase.parties) {
        const contact = await tx.save(tx.create(Contact, {
          kind: ContactKind.CLIENT,
          clientRole: party.role,
          scin: party.scin,
          nino: party.nino,
          firstName: party.firstName,
          lastName: party.lastName,
          dateOfBirth: '1985-04-12',
          addressLine1: `${10 + contactsByScin.size} High Street`,
          town: 'Newcastle',
          postcode: 'NE1 4XX',
          phone: '07700 900000',
          email: `${party.firstName.toLowerCase()}.${party.lastName.toLowerCase()}@example.org`,
          sensitive: party.sensitive ?? false,
          preferredLanguage: party.welsh ? PreferredLanguage.WELSH : PreferredLanguage.ENGLISH,
          selfServiceStatus: party.selfService ? SelfServiceStatus.REGISTERED_ACTIVE : SelfServiceStatus.NOT_REGISTERED,
        }));
        contactsByScin.set(party.scin, contact);
        await tx.save(tx.create(CaseParty, { caseId: saved.id, contactId: contact.id, role: party.role }));
      }
    }
    for (const rep of REPRESENTATIVES) {
      const contact = await tx.save(tx.create(Contact, {
        kind: ContactKind.REPRESENTATIVE,
        clientRole: null,
        firstName: rep.firstName,
        lastName: rep.lastName,
        addressLine1: '1 Chambers Row',
        town: 'Durham',
        postcode: 'DH1 1AA',
        sensitive: false,
      }));
      await tx.save(tx.create(RepresentativeLink, {
        representativeId: contact.id,
        clientId: contactsByScin.get(rep.client)!.id,
        trn: rep.trn,
        employer: rep.employer,
      }));
    }
    // Service requests: one about a sensitive client, owned by an ordinary caseworker (the
    // temporary access walkthrough starts from it), one ordinary.
    const demoSrs = [
      { kind: SrKind.CHANGE_SECURITY_DETAILS, subject: 'SC0000003', subjectType: SubjectType.PWC, owner: 'CW1002', caseNumber: '1200000002' },
      { kind: SrKind.CHANGE_CONTACT_PREFERENCES, subject: 'SC0000002', subjectType: SubjectType.NRP, owner: 'CW1003', caseNumber: '1200000001' },
    ];
    for (const demo of demoSrs) {
      // Reported by the client themselves (PREF-3: only the client changes their own preferences).
      const subject = contactsByScin.get(demo.subject)!;
      await tx.save(newServiceRequest(tx, new Date(), {
        kind: demo.kind,
        sourceType: SrSourceType.REPORTING_PERSON, sourceFirstName: subject.firstName, sourceLastName: subject.lastName, sourceRole: demo.subjectType,
        subjectContactId: subject.id, subjectType: demo.subjectType,
        cases: [await tx.findOneByOrFail(Case, { caseNumber: demo.caseNumber })],
        ownerId: staffByNumber.get(demo.owner)!.id, segment: Segment.MAINTENANCE,
      }));
    }
    // One former caseworker, to show that deactivation refuses their token.
    await tx.save(tx.create(Staff, {
      staffNumber: 'CW1099', firstName: 'Olly', lastName: 'Gone', role: StaffRole.CASEWORKER, segment: Segment.MAINTENANCE,
      teamId: teams.get('Maintenance Team A')!.id, grade: 'AO', area: 'North East', workPhone: null, active: false,
    }));
  });
  return true;
}
