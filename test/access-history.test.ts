import { ExtensionPreviousExpiry1795950000001 } from '../migrations/1795950000001-ExtensionPreviousExpiry';
import { RuleReason } from '../src/authorization/ability';
import { loadPrincipalAt } from '../src/authorization/load-principal';
import { Segment, StaffRole } from '../src/authorization/roles';
import { changeStaff, stampHistoryAt } from '../src/modules/staff/staff-history';
import { Staff } from '../src/modules/staff/staff.entity';
import { Team } from '../src/modules/staff/team.entity';
import { CONTACT, grantedRequest, ok } from './support/access-chain';
import { contactByScin, DEMO } from './support/demo';
import { codesOf, startTestApp, type TestApp } from './support/test-app';

/** AUD-5: who could see a contact, and why, at any past instant; who read it in a period. One timeline, clock moving forward. */

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const D = new Date('2026-03-02T09:00:00Z').getTime();
const iso = (ms: number) => new Date(ms).toISOString();

const WHO = `query($id: ID!, $at: DateTimeISO) { whoCanSeeContact(contactId: $id, at: $at) { sensitive asOf limitations
  people { via role reason grantId expiresAt staff { staffNumber firstName lastName } } } }`;
const EXPLAIN = `query($staff: String!, $id: ID!, $at: DateTimeISO) {
  explainAccess(staffNumber: $staff, action: READ, subjectType: CONTACT, subjectId: $id, at: $at) { allowed reason role liveGrants asOf limitations } }`;
const READS = `query($id: ID!, $from: DateTimeISO!, $to: DateTimeISO!, $first: Int, $after: String) {
  contactReads(contactId: $id, from: $from, to: $to, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor }
    edges { node { occurredAt action via reason grantIds readerRole reader { staffNumber firstName lastName } } } } }`;
const EXTEND = `mutation($input: RequestAccessExtensionInput!) { requestAccessExtension(input: $input) { accessExtension { id } } }`;
const SUPPORT = `mutation($id: ID!) { supportAccessExtension(input: { extensionId: $id }) { accessExtension { id } } }`;
const GRANT_EXTENSION = `mutation($input: GrantAccessExtensionInput!) { grantAccessExtension(input: $input) { accessExtension { id } } }`;
const REMOVE = `mutation($input: RemoveAccessGrantInput!) { removeAccessGrant(input: $input) { accessGrant { id } } }`;

let t: TestApp;
let chloeId: string;
const grants: Record<string, { id: string; expiresAt: string }> = {};
beforeAll(async () => {
  t = await startTestApp();
  chloeId = (await contactByScin(t.dataSource, DEMO.sensitivePwc)).id;
});
afterAll(() => t.close());

const at = (ms: number) => t.clock.set(iso(ms));
const reviewer = () => t.as('SECR5001');
const who = async (when?: number) => ok(await reviewer()(WHO, { id: chloeId, at: when === undefined ? null : iso(when) })).whoCanSeeContact;
const entriesOf = (report: any) => report.people.map((p: any) => `${p.staff.staffNumber}:${p.via}:${p.role}`).sort();
const explain = async (staff: string, when?: number) =>
  ok(await reviewer()(EXPLAIN, { staff, id: chloeId, at: when === undefined ? null : iso(when) })).explainAccess;
const staffNamed = (staffNumber: string) => t.dataSource.getRepository(Staff).findOneByOrFail({ staffNumber });
const changeAt = async (ms: number, staffNumber: string, change: Parameters<typeof changeStaff>[2]) => {
  at(ms);
  await changeStaff({ dataSource: t.dataSource, now: t.clock.now() }, (await staffNamed(staffNumber)).id, change);
};

describe('AUD-5: staff history is written by every change, at the clock of the change', () => {
  it('AUD-5: a caseworker on the SCR team last week and moved off yesterday could see the sensitive contact last week, not today', async () => {
    const scrTeam = await t.dataSource.getRepository(Team).findOneByOrFail({ name: 'SCR Team' });
    const teamA = await t.dataSource.getRepository(Team).findOneByOrFail({ name: 'Maintenance Team A' });
    await changeAt(D - 10 * DAY, 'CW1003', { role: StaffRole.SCR_CASEWORKER, segment: Segment.SCR, teamId: scrTeam.id });
    await changeAt(D - DAY, 'CW1003', { role: StaffRole.CASEWORKER, segment: Segment.MAINTENANCE, teamId: teamA.id });
    at(D);

    const lastWeek = await who(D - 7 * DAY);
    expect(lastWeek.asOf).toBe(iso(D - 7 * DAY));
    expect(lastWeek.limitations).toEqual(['SUBJECT_AS_OF_NOW', 'ROLE_RULES_AS_OF_NOW']);
    expect(entriesOf(lastWeek)).toEqual(['CW1003:ROLE:SCR_CASEWORKER', 'SCRC3002:ROLE:SCR_CASEWORKER', 'SCRM3001:ROLE:SCR_MANAGER']);
    const cathy = lastWeek.people.find((p: any) => p.staff.staffNumber === 'CW1003');
    expect(cathy).toMatchObject({ reason: RuleReason.allContacts, staff: { firstName: 'Cathy', lastName: 'Wood' } });

    for (const report of [await who(), await who(D - DAY), await who(D - 11 * DAY)]) {
      expect(entriesOf(report)).toEqual(['SCRC3002:ROLE:SCR_CASEWORKER', 'SCRM3001:ROLE:SCR_MANAGER']);
    }
    expect((await who()).limitations).toEqual([]);
  });

  it('AUD-5: explainAccess at a past instant gives the rule that decided then, with the role then', async () => {
    expect(await explain('CW1003', D - 7 * DAY)).toMatchObject({
      allowed: true, reason: RuleReason.allContacts, role: 'SCR_CASEWORKER', asOf: iso(D - 7 * DAY), limitations: ['SUBJECT_AS_OF_NOW', 'ROLE_RULES_AS_OF_NOW'],
    });
    expect(await explain('CW1003')).toMatchObject({ allowed: false, reason: 'no rule allows it (deny by default)', role: 'CASEWORKER', limitations: [] });
    expect(await explain('CW1003', D - DAY)).toMatchObject({ allowed: false, role: 'CASEWORKER' });
  });

  it('AUD-5: the history rows carry the clock of each change; a change of nothing tracked writes none; seeded staff start at -infinity', async () => {
    const cathy = await staffNamed('CW1003');
    const rows = await t.dataSource.query(
      `SELECT valid_from = '-infinity' AS "fromStart", CASE WHEN valid_from = '-infinity' THEN NULL ELSE valid_from END AS "validFrom", role
         FROM staff_history WHERE staff_id = $1 ORDER BY id`, [cathy.id]);
    expect(rows.map((r: any) => [r.fromStart, r.validFrom && new Date(r.validFrom).toISOString(), r.role])).toEqual([
      [true, null, 'CASEWORKER'], [false, iso(D - 10 * DAY), 'SCR_CASEWORKER'], [false, iso(D - DAY), 'CASEWORKER'],
    ]);
    await t.dataSource.getRepository(Staff).update({ id: cathy.id }, { workPhone: '0191 000 9999' });
    expect(await t.dataSource.query('SELECT count(*)::int AS n FROM staff_history WHERE staff_id = $1', [cathy.id])).toEqual([{ n: 3 }]);
  });

  it('AUD-5: a path that forgets the clock still writes history (the database time), and history is append-only', async () => {
    const olly = await staffNamed('CW1099');
    await t.dataSource.query('UPDATE staff SET active = true WHERE id = $1', [olly.id]);
    const [latest] = await t.dataSource.query(
      'SELECT active, valid_from > now() - interval \'1 minute\' AS "databaseTime" FROM staff_history WHERE staff_id = $1 ORDER BY id DESC LIMIT 1', [olly.id]);
    expect(latest).toEqual({ active: true, databaseTime: true });
    await expect(t.dataSource.query('UPDATE staff_history SET active = false')).rejects.toThrow(/append-only/);
    await expect(t.dataSource.query('DELETE FROM staff_history')).rejects.toThrow(/append-only/);
    await expect(t.dataSource.query('DELETE FROM staff WHERE id = $1', [olly.id])).rejects.toThrow();
    await t.dataSource.query('UPDATE staff SET active = false WHERE id = $1', [olly.id]);
  });

  it('AUD-5: someone who joined later was not a member of staff before; team leadership is rebuilt too', async () => {
    const teamA = await t.dataSource.getRepository(Team).findOneByOrFail({ name: 'Maintenance Team A' });
    const newcomer = await t.dataSource.transaction(async (tx) => {
      await stampHistoryAt(tx, new Date(D - 2 * DAY));
      const saved = await tx.save(tx.create(Staff, {
        staffNumber: 'CW1050', firstName: 'Nia', lastName: 'New', role: StaffRole.TEAM_LEADER, segment: Segment.MAINTENANCE,
        teamId: teamA.id, grade: 'HEO', area: 'North East', workPhone: null, active: true,
      }));
      await tx.update(Team, { id: teamA.id }, { leaderId: saved.id });
      return saved;
    });
    expect(await explain('CW1050', D - 3 * DAY)).toMatchObject({ allowed: false, reason: 'not yet a member of staff at that instant' });
    const tina = await staffNamed('TL1001');
    expect((await loadPrincipalAt(t.dataSource.manager, tina.id, new Date(D - 3 * DAY)))!.ledTeamIds).toEqual([teamA.id]);
    expect((await loadPrincipalAt(t.dataSource.manager, tina.id, new Date(D)))!.ledTeamIds).toEqual([]);
    expect((await loadPrincipalAt(t.dataSource.manager, newcomer.id, new Date(D)))!.ledTeamIds).toEqual([teamA.id]);
    expect(await loadPrincipalAt(t.dataSource.manager, newcomer.id, new Date(D - 3 * DAY))).toBeNull();
    // Put the demo's team leader back (stamped at the clock), so later steps of the timeline see the demo chain.
    await t.dataSource.transaction(async (tx) => {
      await stampHistoryAt(tx, t.clock.now());
      await tx.update(Team, { id: teamA.id }, { leaderId: tina.id });
    });
  });
});

describe('AUD-5: grants are counted at the instants they were live, with the expiry that stood then', () => {
  it('AUD-5: a grant live at T and expired after is counted at T only', async () => {
    at(D);
    grants.first = (await grantedRequest(t, { grantedHours: 2 })).grant;
    at(D + HOUR);
    expect(ok(await t.as('CW1002')(CONTACT, { id: chloeId })).contact).not.toBeNull(); // a read under the grant
    at(D + 3 * HOUR);
    const during = await who(D + HOUR);
    expect(during.people.filter((p: any) => p.via === 'GRANT')).toEqual([expect.objectContaining({
      grantId: grants.first.id, expiresAt: iso(D + 2 * HOUR), role: 'CASEWORKER', reason: RuleReason.grant,
      staff: { staffNumber: 'CW1002', firstName: 'Carl', lastName: 'Walker' },
    })]);
    for (const instant of [D - 60_000, D + 2 * HOUR, undefined]) {
      expect((await who(instant)).people.filter((p: any) => p.via === 'GRANT')).toEqual([]);
    }
    expect(await explain('CW1002', D + HOUR)).toMatchObject({ allowed: true, reason: RuleReason.grant, liveGrants: 1 });
    expect(await explain('CW1002', D + 2 * HOUR)).toMatchObject({ allowed: false, liveGrants: 0 });
  });

  it('AUD-5: a grant removed early is counted before its removal only', async () => {
    at(D + 4 * HOUR);
    grants.removed = (await grantedRequest(t, { grantedHours: 2 })).grant;
    at(D + 4.5 * HOUR);
    ok(await t.as('CW1002')(CONTACT, { id: chloeId }));
    at(D + 5 * HOUR);
    ok(await t.as('FLLS4001')(REMOVE, { input: { grantId: grants.removed.id, reason: 'WORK_COMPLETED' } }));
    at(D + 6 * HOUR);
    expect((await who(D + 4.5 * HOUR)).people.filter((p: any) => p.via === 'GRANT').map((p: any) => p.grantId)).toEqual([grants.removed.id]);
    expect((await who(D + 5 * HOUR)).people.filter((p: any) => p.via === 'GRANT')).toEqual([]);
    expect((await who(D + 5.5 * HOUR)).people.filter((p: any) => p.via === 'GRANT')).toEqual([]);
  });

  it('AUD-5: an extended grant keeps its pre-extension expiry before the extension, the new one after', async () => {
    const E = D + 8 * HOUR;
    at(E);
    grants.extended = (await grantedRequest(t, { grantedHours: 2 })).grant;
    at(E + 0.5 * HOUR);
    ok(await t.as('CW1002')(CONTACT, { id: chloeId }));
    at(E + HOUR);
    const extension = ok(await t.as('CW1002')(EXTEND, { input: { grantId: grants.extended.id, requestedHours: 4, reason: 'Reply pending' } })).requestAccessExtension.accessExtension;
    ok(await t.as('TL1001')(SUPPORT, { id: extension.id }));
    ok(await t.as('FLLS4001')(GRANT_EXTENSION, { input: { extensionId: extension.id, newExpiresAt: iso(E + 5 * HOUR) } }));
    at(E + 6 * HOUR);
    const grantAt = async (instant: number) => (await who(instant)).people.filter((p: any) => p.via === 'GRANT');
    expect(await grantAt(E + 0.5 * HOUR)).toEqual([expect.objectContaining({ grantId: grants.extended.id, expiresAt: iso(E + 2 * HOUR) })]);
    expect(await grantAt(E + 3 * HOUR)).toEqual([expect.objectContaining({ grantId: grants.extended.id, expiresAt: iso(E + 5 * HOUR) })]);
    expect(await grantAt(E + 5 * HOUR)).toEqual([]);
    const carl = await staffNamed('CW1002');
    expect((await loadPrincipalAt(t.dataSource.manager, carl.id, new Date(E + 0.5 * HOUR)))!.grants.map((g) => g.expiresAt.toISOString()))
      .toEqual([iso(E + 2 * HOUR)]);
    // The database refuses a granted extension that does not keep the expiry it replaced.
    await expect(t.dataSource.query('UPDATE access_extension SET previous_expires_at = NULL WHERE id = $1', [extension.id])).rejects.toThrow(/ck_access_extension_previous_expiry/);
    // Extensions granted before the column existed get it from their GRANT_EXTENDED audit event.
    const runner = t.dataSource.createQueryRunner();
    try {
      const migration = new ExtensionPreviousExpiry1795950000001();
      await migration.down(runner);
      await migration.up(runner);
    } finally {
      await runner.release();
    }
    const [row] = await t.dataSource.query('SELECT previous_expires_at AS "previous" FROM access_extension WHERE id = $1', [extension.id]);
    expect(new Date(row.previous).toISOString()).toBe(iso(E + 2 * HOUR));
  });

  it('AUD-5: the history answer at the present instant is the present answer', async () => {
    expect(entriesOf(await who(t.clock.now().getTime()))).toEqual(entriesOf(await who()));
  });

  it('AUD-5: an instant in the future is bad input', async () => {
    const future = iso(t.clock.now().getTime() + 1000);
    expect(codesOf(await reviewer()(WHO, { id: chloeId, at: future }))).toEqual(['BAD_USER_INPUT']);
    expect(codesOf(await reviewer()(EXPLAIN, { staff: 'CW1002', id: chloeId, at: future }))).toEqual(['BAD_USER_INPUT']);
  });
});

describe('AUD-5: who read a contact between A and B, with names', () => {
  const readsBetween = async (from: number, to: number, extra: Record<string, unknown> = {}) =>
    ok(await reviewer()(READS, { id: chloeId, from: iso(from), to: iso(to), ...extra })).contactReads;

  it('AUD-5: contactReads lists each read in the period with the reader, their role then and the grant that allowed it', async () => {
    const firstTwoHours = await readsBetween(D, D + 2 * HOUR);
    expect(firstTwoHours.totalCount).toBe(1);
    expect(firstTwoHours.edges[0].node).toEqual({
      occurredAt: iso(D + HOUR), action: 'CONTACT_READ_UNDER_GRANT', via: 'GRANT', reason: RuleReason.grant, grantIds: [grants.first.id],
      readerRole: 'CASEWORKER', reader: { staffNumber: 'CW1002', firstName: 'Carl', lastName: 'Walker' },
    });
    const all = await readsBetween(D, D + DAY);
    expect(all.edges.map((edge: any) => [edge.node.occurredAt, edge.node.grantIds])).toEqual([
      [iso(D + HOUR), [grants.first.id]], [iso(D + 4.5 * HOUR), [grants.removed.id]], [iso(D + 8.5 * HOUR), [grants.extended.id]],
    ]);
    expect((await readsBetween(D + 2 * HOUR, D + 4 * HOUR)).edges).toEqual([]);
  });

  it('AUD-5: contactReads pages in order without repeats', async () => {
    const page1 = await readsBetween(D, D + DAY, { first: 2 });
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const page2 = await readsBetween(D, D + DAY, { first: 2, after: page1.pageInfo.endCursor });
    expect([...page1.edges, ...page2.edges].map((edge: any) => edge.node.occurredAt))
      .toEqual([iso(D + HOUR), iso(D + 4.5 * HOUR), iso(D + 8.5 * HOUR)]);
    expect(page2.pageInfo.hasNextPage).toBe(false);
  });

  it('AUD-5: only those who may read the audit trail ask; a period must end after it starts', async () => {
    for (const staff of ['CW1002', 'TL1001', 'SCRM3001', 'FLLS4001']) {
      expect(codesOf(await t.as(staff)(READS, { id: chloeId, from: iso(D), to: iso(D + DAY) }))).toEqual(['FORBIDDEN']);
    }
    expect(codesOf(await reviewer()(READS, { id: chloeId, from: iso(D + DAY), to: iso(D) }))).toEqual(['BAD_USER_INPUT']);
  });

  it('AUD-5: audit events name their actor through the staff directory', async () => {
    const events = ok(await reviewer()(`{ auditEvents(first: 5, filter: { actions: [CONTACT_READ_UNDER_GRANT] }) {
      edges { node { actorType actor { staffNumber firstName lastName } } } } }`)).auditEvents.edges;
    expect(events.length).toBe(3);
    for (const edge of events) expect(edge.node).toEqual({ actorType: 'STAFF', actor: { staffNumber: 'CW1002', firstName: 'Carl', lastName: 'Walker' } });
  });
});

describe('staff lookups (audit actors)', () => {
  const BY_NUMBER = 'query($n: String!) { staffByNumber(staffNumber: $n) { id staffNumber firstName lastName } }';
  const BY_ID = 'query($id: ID!) { staff(id: $id) { staffNumber firstName lastName } }';

  it('staff by number or id for staff; a missing one is NOT_FOUND; a self-service client may not look', async () => {
    const carl = ok(await reviewer()(BY_NUMBER, { n: 'CW1002' })).staffByNumber;
    expect(carl).toMatchObject({ staffNumber: 'CW1002', firstName: 'Carl', lastName: 'Walker' });
    expect(ok(await t.as('CW1003')(BY_ID, { id: carl.id })).staff.staffNumber).toBe('CW1002');
    expect(codesOf(await reviewer()(BY_NUMBER, { n: 'NOPE999' }))).toEqual(['NOT_FOUND']);
    expect(codesOf(await reviewer()(BY_ID, { id: '00000000-0000-4000-8000-000000000000' }))).toEqual(['NOT_FOUND']);
    expect(codesOf(await reviewer()(BY_ID, { id: 'not-an-id' }))).toEqual(['BAD_USER_INPUT']);
    const alice = await contactByScin(t.dataSource, DEMO.ordinaryPwc);
    expect(codesOf(await t.asClient(alice.id)(BY_NUMBER, { n: 'CW1002' }))).toEqual(['FORBIDDEN']);
  });
});
