import { AccessRequest } from '../src/modules/access-requests/access-request.entity';
import { Staff } from '../src/modules/staff/staff.entity';
import { Segment, StaffRole } from '../src/authorization/roles';
import { CHECK, formFor, grantedRequest, ok, SUBMIT } from './support/access-chain';
import { codesOf, startTestApp, type TestApp } from './support/test-app';

const HOUR = 3600_000;
const START = '2026-03-02T09:00:00Z';
const ASK = 'mutation($id: ID!) { askAccessGrantRemoval(input: { grantId: $id }) { accessGrant { id state } } }';
const DONE = 'mutation($id: ID!) { reportAccessWorkDone(input: { grantId: $id }) { accessGrant { id state } } }';
const REMOVE = 'mutation($input: RemoveAccessGrantInput!) { removeAccessGrant(input: $input) { accessGrant { id state removalReason } } }';
const EXTEND = 'mutation($input: RequestAccessExtensionInput!) { requestAccessExtension(input: $input) { accessExtension { id } } }';
const SUPPORT = 'mutation($id: ID!) { supportAccessExtension(input: { extensionId: $id }) { accessExtension { id } } }';
const GRANT_EXTENSION = 'mutation($input: GrantAccessExtensionInput!) { grantAccessExtension(input: $input) { accessExtension { id status newExpiresAt } } }';
const REQUEST_GRANT = 'query($id: ID!) { accessRequest(id: $id) { id status grant { id expiresAt state } } }';
const ONE_GRANT = 'query($id: ID!) { accessGrant(id: $id) { id expiresAt state accessRequestId } }';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  // A second FLLS (active) and a third (inactive): notices go to whoever the role table lets remove, active only.
  const team = await t.dataSource.query(`SELECT id FROM team WHERE name = 'Front Line Live Support'`);
  for (const [staffNumber, active] of [['FLLS4009', true], ['FLLS4008', false]] as const) {
    await t.dataSource.getRepository(Staff).save({
      staffNumber, firstName: 'Other', lastName: 'Support', role: StaffRole.FLLS, segment: Segment.MAINTENANCE, teamId: team[0].id,
      grade: 'EO', area: 'North East', workPhone: null, active,
    });
  }
});
beforeEach(() => t.clock.set(START));
afterAll(() => t.close());

/** Staff numbers told about `grantId` with `kind`, one entry per notice. */
const toldAbout = async (grantId: string, kind: string): Promise<string[]> => (await t.dataSource.query(
  `SELECT s.staff_number AS "staffNumber" FROM notification n JOIN staff s ON s.id = n.recipient_id
    WHERE n.grant_id = $1 AND n.kind = $2 ORDER BY s.staff_number`, [grantId, kind])).map((row: any) => row.staffNumber);
const audited = async (grantId: string, action: string) =>
  Number((await t.dataSource.query(`SELECT count(*) AS n FROM audit_event WHERE subject_id = $1 AND action = $2`, [grantId, action]))[0].n);
const reasonOf = (res: any) => res.errors?.[0]?.extensions?.reason;

describe('TAR-6: a team leader asks FLLS to remove a grant early', () => {
  it('TAR-6: the TL asks; every active FLLS is told once and it is audited once; repeating it changes nothing; FLLS then removes it', async () => {
    const { grant } = await grantedRequest(t);
    expect(ok(await t.as('TL1001')(ASK, { id: grant.id })).askAccessGrantRemoval.accessGrant).toEqual({ id: grant.id, state: 'ACTIVE' });
    expect(ok(await t.as('TL1001')(ASK, { id: grant.id })).askAccessGrantRemoval.accessGrant.state).toBe('ACTIVE');
    expect(await toldAbout(grant.id, 'ACCESS_REMOVAL_ASKED')).toEqual(['FLLS4001', 'FLLS4009']);
    expect(await audited(grant.id, 'GRANT_REMOVAL_ASKED')).toBe(1);
    const notice = ok(await t.as('FLLS4001')('{ myNotifications(first: 50) { edges { node { kind grantId message } } } }'))
      .myNotifications.edges.map((edge: any) => edge.node).find((node: any) => node.grantId === grant.id && node.kind === 'ACCESS_REMOVAL_ASKED');
    expect(notice.message).toContain('team leader asks');
    const removed = ok(await t.as('FLLS4001')(REMOVE, { input: { grantId: grant.id, reason: 'TL_REQUEST' } })).removeAccessGrant.accessGrant;
    expect(removed).toMatchObject({ state: 'REMOVED', removalReason: 'TL_REQUEST' });
    const late = await t.as('TL1001')(ASK, { id: grant.id });
    expect([codesOf(late), reasonOf(late)]).toEqual([['CONFLICT'], 'GRANT_NOT_ACTIVE']);
  });

  it("TAR-6: only the grantee's own team leader asks: another TL does not see the grant, the grantee and FLLS may not ask", async () => {
    const { grant } = await grantedRequest(t);
    expect(codesOf(await t.as('TL2001')(ASK, { id: grant.id }))).toEqual(['NOT_FOUND']);
    expect(codesOf(await t.as('CW1002')(ASK, { id: grant.id }))).toEqual(['FORBIDDEN']);
    expect(codesOf(await t.as('FLLS4001')(ASK, { id: grant.id }))).toEqual(['FORBIDDEN']);
    expect(codesOf(await t.as('TL1001')(ASK, { id: 'not-an-id' }))).toEqual(['BAD_USER_INPUT']);
    expect(await toldAbout(grant.id, 'ACCESS_REMOVAL_ASKED')).toEqual([]);
  });

  it('TAR-6: an expired grant cannot be asked about: CONFLICT GRANT_NOT_ACTIVE, nobody told, nothing audited', async () => {
    const { grant } = await grantedRequest(t, { grantedHours: 1 });
    t.clock.set(grant.expiresAt);
    const res = await t.as('TL1001')(ASK, { id: grant.id });
    expect([codesOf(res), reasonOf(res)]).toEqual([['CONFLICT'], 'GRANT_NOT_ACTIVE']);
    expect(await toldAbout(grant.id, 'ACCESS_REMOVAL_ASKED')).toEqual([]);
    expect(await audited(grant.id, 'GRANT_REMOVAL_ASKED')).toBe(0);
  });
});

describe('TAR-6: the grantee says the work is done', () => {
  it('TAR-6: FLLS and the TL are told once, audited once, repeating changes nothing; FLLS removes it as WORK_COMPLETED', async () => {
    const { grant } = await grantedRequest(t);
    ok(await t.as('CW1002')(DONE, { id: grant.id }));
    ok(await t.as('CW1002')(DONE, { id: grant.id }));
    expect(await toldAbout(grant.id, 'ACCESS_WORK_DONE')).toEqual(['FLLS4001', 'FLLS4009', 'TL1001']);
    expect(await audited(grant.id, 'GRANT_WORK_DONE_REPORTED')).toBe(1);
    const removed = ok(await t.as('FLLS4009')(REMOVE, { input: { grantId: grant.id, reason: 'WORK_COMPLETED' } })).removeAccessGrant.accessGrant;
    expect(removed).toMatchObject({ state: 'REMOVED', removalReason: 'WORK_COMPLETED' });
    const late = await t.as('CW1002')(DONE, { id: grant.id });
    expect([codesOf(late), reasonOf(late)]).toEqual([['CONFLICT'], 'GRANT_NOT_ACTIVE']);
  });

  it('TAR-6: only the grantee says so: a colleague does not see the grant, the TL may not', async () => {
    const { grant } = await grantedRequest(t);
    expect(codesOf(await t.as('CW1003')(DONE, { id: grant.id }))).toEqual(['NOT_FOUND']);
    expect(codesOf(await t.as('TL1001')(DONE, { id: grant.id }))).toEqual(['FORBIDDEN']);
    expect(await toldAbout(grant.id, 'ACCESS_WORK_DONE')).toEqual([]);
  });

  it('TAR-6: with nobody active allowed to remove it, the caller is told (NOBODY_TO_REMOVE) and nothing is written', async () => {
    const { grant } = await grantedRequest(t);
    const flls = await t.dataSource.getRepository(Staff).findBy({ role: StaffRole.FLLS, active: true });
    await t.dataSource.getRepository(Staff).update(flls.map((staff) => staff.id), { active: false });
    try {
      const res = await t.as('TL1001')(ASK, { id: grant.id });
      expect([codesOf(res), reasonOf(res)]).toEqual([['CONFLICT'], 'NOBODY_TO_REMOVE']);
      expect(await audited(grant.id, 'GRANT_REMOVAL_ASKED')).toBe(0);
    } finally {
      await t.dataSource.getRepository(Staff).update(flls.map((staff) => staff.id), { active: true });
    }
  });
});

describe('TAR-6: an extension grants at most what was asked', () => {
  it('TAR-6: FLLS may set the new expiry up to the requested hours after the current one, not beyond (BAD_USER_INPUT on newExpiresAt)', async () => {
    const { grant } = await grantedRequest(t, { grantedHours: 2 });
    const extension = ok(await t.as('CW1002')(EXTEND, { input: { grantId: grant.id, requestedHours: 2, reason: 'Letter reply pending' } })).requestAccessExtension.accessExtension;
    ok(await t.as('TL1001')(SUPPORT, { id: extension.id }));
    const expiry = new Date(grant.expiresAt).getTime();
    const tooMuch = await t.as('FLLS4001')(GRANT_EXTENSION, { input: { extensionId: extension.id, newExpiresAt: new Date(expiry + 2 * HOUR + 1000).toISOString() } });
    expect(codesOf(tooMuch)).toEqual(['BAD_USER_INPUT']);
    expect(tooMuch.errors![0].extensions!.fields).toEqual([{ field: 'newExpiresAt', message: expect.stringContaining('2 hours asked for') }]);
    const asked = new Date(expiry + 2 * HOUR).toISOString();
    expect(ok(await t.as('FLLS4001')(GRANT_EXTENSION, { input: { extensionId: extension.id, newExpiresAt: asked } })).grantAccessExtension.accessExtension)
      .toMatchObject({ status: 'GRANTED', newExpiresAt: asked });
  });
});

describe('TAR-1: team, grade and area come from the staff record', () => {
  const stored = async (id: string) => {
    const row = await t.dataSource.getRepository(AccessRequest).findOneByOrFail({ id });
    return { teamName: row.teamName, grade: row.grade, area: row.area };
  };
  const RECORD = { teamName: 'Maintenance Team A', grade: 'EO', area: 'North East' };

  it('TAR-1: left out (or null) they are prefilled from the record; given with other case or spacing, the record wording is kept', async () => {
    const form = await formFor(t.dataSource);
    const { team: _team, grade: _grade, area: _area, ...rest } = form;
    const omitted = ok(await t.as('CW1002')(SUBMIT, { input: rest })).submitAccessRequest.accessRequest;
    expect(await stored(omitted.id)).toEqual(RECORD);
    const nulls = ok(await t.as('CW1002')(SUBMIT, { input: { ...rest, team: null, grade: null, area: null } })).submitAccessRequest.accessRequest;
    expect(await stored(nulls.id)).toEqual(RECORD);
    const loose = ok(await t.as('CW1002')(SUBMIT, { input: { ...rest, team: ' maintenance  team a', grade: 'eo', area: 'NORTH EAST ' } })).submitAccessRequest.accessRequest;
    expect(await stored(loose.id)).toEqual(RECORD);
  });

  it('TAR-1: given and different from the record: one BAD_USER_INPUT naming each field, and nothing is stored', async () => {
    const before = await t.dataSource.getRepository(AccessRequest).count();
    const res = await t.as('CW1002')(SUBMIT, { input: await formFor(t.dataSource, { team: 'Enforcement Team B', grade: 'HEO', area: 'Wales' }) });
    expect(codesOf(res)).toEqual(['BAD_USER_INPUT']);
    const fields = res.errors![0].extensions!.fields;
    expect(fields.map((problem: any) => problem.field).sort()).toEqual(['area', 'grade', 'team']);
    for (const problem of fields) expect(problem.message).toContain('must match your staff record');
    expect(await t.dataSource.getRepository(AccessRequest).count()).toBe(before);
  });
});

describe('TAR-6, issue 12: the access request shows its grant; accessGrant(id)', () => {
  it('TAR-6: once GRANTED, the request shows its grant (id, expiry, state) to those who may read grants; before, none', async () => {
    const submitted = ok(await t.as('CW1002')(SUBMIT, { input: await formFor(t.dataSource) })).submitAccessRequest.accessRequest;
    expect(ok(await t.as('CW1002')(REQUEST_GRANT, { id: submitted.id })).accessRequest.grant).toBeNull();
    ok(await t.as('TL1001')(CHECK, { input: { id: submitted.id } }));
    const { request, grant } = await grantedRequest(t);
    for (const staff of ['CW1002', 'TL1001', 'SCRM3001', 'FLLS4001', 'SECR5001']) {
      expect(ok(await t.as(staff)(REQUEST_GRANT, { id: request.id })).accessRequest.grant)
        .toEqual({ id: grant.id, expiresAt: grant.expiresAt, state: 'ACTIVE' });
    }
    ok(await t.as('FLLS4001')(REMOVE, { input: { grantId: grant.id, reason: 'TL_REQUEST' } }));
    expect(ok(await t.as('CW1002')(REQUEST_GRANT, { id: request.id })).accessRequest.grant.state).toBe('REMOVED');
    // A grant filed under another team: its TL still reads the request (their team's) but not the grant.
    await t.dataSource.query(`UPDATE access_grant SET team_id = (SELECT id FROM team WHERE name = 'Welsh Team C') WHERE id = $1`, [grant.id]);
    const seenByLeader = ok(await t.as('TL1001')(REQUEST_GRANT, { id: request.id })).accessRequest;
    expect(seenByLeader).toMatchObject({ status: 'GRANTED', grant: null });
    expect(ok(await t.as('TL6001')(ONE_GRANT, { id: grant.id })).accessGrant).toMatchObject({ id: grant.id, state: 'REMOVED' });
  });

  it('TAR-6: accessGrant(id) answers the grant to whoever may read it, and null alike for a hidden, missing or malformed id', async () => {
    const { request, grant } = await grantedRequest(t);
    for (const staff of ['CW1002', 'TL1001', 'SCRM3001', 'FLLS4001', 'SECR5001']) {
      expect(ok(await t.as(staff)(ONE_GRANT, { id: grant.id })).accessGrant).toEqual({
        id: grant.id, expiresAt: grant.expiresAt, state: 'ACTIVE', accessRequestId: request.id,
      });
    }
    for (const staff of ['CW1003', 'TL2001', 'SCRC3002']) expect(ok(await t.as(staff)(ONE_GRANT, { id: grant.id })).accessGrant).toBeNull();
    expect(ok(await t.as('FLLS4001')(ONE_GRANT, { id: '00000000-0000-4000-8000-000000000000' })).accessGrant).toBeNull();
    expect(ok(await t.as('FLLS4001')(ONE_GRANT, { id: 'not-an-id' })).accessGrant).toBeNull();
  });
});
