import { StaffRole } from '../src/authorization/roles';
import { stageLimitsOf, sweepStalledRequests } from '../src/modules/access-requests/request-escalation';
import { Staff } from '../src/modules/staff/staff.entity';
import { Team } from '../src/modules/staff/team.entity';
import { APPROVE, CHECK, formFor, GRANT, ok, SUBMIT } from './support/access-chain';
import { codesOf, startTestApp, type TestApp } from './support/test-app';

/** TAR-10: a request waiting too long at a stage is escalated, then expires; never approved by default. */

const HOUR = 3600_000;
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ env: { ACCESS_STAGE_ESCALATE_HOURS: '24', ACCESS_STAGE_EXPIRE_HOURS: '72' } });
});
afterAll(() => t.close());

const sweep = () => sweepStalledRequests(t.dataSource, t.clock.now(), stageLimitsOf(t.config));
const submit = async () => ok(await t.as('CW1002')(SUBMIT, { input: await formFor(t.dataSource) })).submitAccessRequest.accessRequest;
const noticesOf = (requestId: string, kind: string): Promise<string[]> => t.dataSource.query(
  `SELECT s.staff_number AS "to" FROM notification n JOIN staff s ON s.id = n.recipient_id
    WHERE n.access_request_id = $1 AND n.kind = $2 ORDER BY s.staff_number`, [requestId, kind],
).then((rows: { to: string }[]) => rows.map((row) => row.to));
const auditOf = (requestId: string, action: string) => t.dataSource.query(
  `SELECT actor_type AS "actorType", details FROM audit_event WHERE subject_id = $1 AND action = $2`, [requestId, action],
);
const REQUEST = 'query($id: ID!) { accessRequest(id: $id) { status escalatedAt expiredAt expiredAtStage } }';

describe('TAR-10: escalation', () => {
  it('TAR-10: past the escalation time at SUBMITTED the request is escalated once, to whoever the role table lets check it, and audited', async () => {
    const submittedAt = t.clock.now().toISOString();
    const request = await submit();
    t.clock.advance(24 * HOUR - 60_000);
    expect(await sweep()).toEqual({ escalated: 0, escalatedToNobody: 0, expired: 0 });

    t.clock.advance(2 * 60_000);
    const escalatedAt = t.clock.now().toISOString();
    // Several workers sweeping at once: one escalation.
    const results = await Promise.all([sweep(), sweep(), sweep()]);
    expect(results.reduce((sum, result) => sum + result.escalated, 0)).toBe(1);
    await sweep();
    expect(await noticesOf(request.id, 'ACCESS_REQUEST_ESCALATED')).toEqual(['TL1001']);
    expect(await auditOf(request.id, 'ACCESS_REQUEST_ESCALATED')).toEqual([
      { actorType: 'SYSTEM', details: { stage: 'SUBMITTED', waitingSince: submittedAt, notified: 1 } },
    ]);
    expect(ok(await t.as('TL1001')(REQUEST, { id: request.id })).accessRequest).toEqual({
      status: 'SUBMITTED', escalatedAt, expiredAt: null, expiredAtStage: null,
    });
  });

  it('TAR-10: each stage escalates once more, to everyone active allowed to decide it (another SCR manager, not an inactive one)', async () => {
    const team = await t.dataSource.getRepository(Team).findOneByOrFail({ name: 'SCR Team' });
    const extra = (staffNumber: string, active: boolean) => t.dataSource.getRepository(Staff).save({
      staffNumber, firstName: 'Extra', lastName: staffNumber, role: StaffRole.SCR_MANAGER, segment: team.segment, teamId: team.id,
      grade: 'HEO', area: 'North East', workPhone: null, active,
    });
    await extra('SCRM3002', true);
    await extra('SCRM3003', false);
    const request = await submit();
    ok(await t.as('TL1001')(CHECK, { input: { id: request.id } }));
    t.clock.advance(24 * HOUR + 60_000);
    expect(await sweep()).toMatchObject({ escalated: 1, escalatedToNobody: 0 });
    expect(await noticesOf(request.id, 'ACCESS_REQUEST_ESCALATED')).toEqual(['SCRM3001', 'SCRM3002']);
    ok(await t.as('SCRM3002')(APPROVE, { id: request.id }));
    expect(await sweep()).toMatchObject({ escalated: 0 });
    t.clock.advance(24 * HOUR + 60_000);
    await sweep();
    expect(await noticesOf(request.id, 'ACCESS_REQUEST_ESCALATED')).toEqual(['FLLS4001', 'SCRM3001', 'SCRM3002']);
    expect((await auditOf(request.id, 'ACCESS_REQUEST_ESCALATED')).map((row: any) => row.details.stage)).toEqual(['TL_CHECKED', 'SCR_APPROVED']);
  });
});

describe('TAR-10: expiry', () => {
  it('TAR-10: still undecided past the expiry time the request EXPIRES: final, audited, requester and TL told, nothing granted', async () => {
    const request = await submit();
    ok(await t.as('TL1001')(CHECK, { input: { id: request.id } }));
    t.clock.advance(72 * HOUR - 60_000);
    await sweep();
    expect(ok(await t.as('CW1002')(REQUEST, { id: request.id })).accessRequest.status).toBe('TL_CHECKED');

    t.clock.advance(2 * 60_000);
    // Several workers sweeping at once: one expiry (one audit record, one notice each, below).
    await Promise.all([sweep(), sweep(), sweep()]);
    expect(ok(await t.as('CW1002')(REQUEST, { id: request.id })).accessRequest).toMatchObject({
      status: 'EXPIRED', expiredAt: t.clock.now().toISOString(), expiredAtStage: 'TL_CHECKED',
    });
    expect(await noticesOf(request.id, 'ACCESS_REQUEST_EXPIRED')).toEqual(['CW1002', 'TL1001']);
    expect(await auditOf(request.id, 'ACCESS_REQUEST_EXPIRED')).toEqual([
      { actorType: 'SYSTEM', details: { stage: 'TL_CHECKED', waitingSince: expect.any(String) } },
    ]);
    // Final: no approval after it, and no grant was ever made.
    const late = await t.as('SCRM3001')(APPROVE, { id: request.id });
    expect(codesOf(late)).toEqual(['CONFLICT']);
    expect(late.errors![0].extensions!.reason).toBe('FINAL');
    expect(codesOf(await t.as('FLLS4001')(GRANT, { input: { id: request.id, grantedHours: 1 } }))).not.toEqual([]);
    expect(await t.dataSource.query('SELECT id FROM access_grant WHERE request_id = $1', [request.id])).toEqual([]);
  });
});

describe('TAR-10: a team without an active leader', () => {
  const refused = async () => {
    const before = await t.dataSource.query('SELECT count(*)::int AS n FROM access_request');
    const response = await t.as('CW1002')(SUBMIT, { input: await formFor(t.dataSource) });
    expect(codesOf(response)).toEqual(['FORBIDDEN']);
    expect(response.errors![0].extensions!.reason).toBe('NO_ACTIVE_TEAM_LEADER');
    expect(response.errors![0].message).toMatch(/Maintenance Team A.*no active team leader/);
    expect(await t.dataSource.query('SELECT count(*)::int AS n FROM access_request')).toEqual(before);
  };

  it('TAR-10: the requester is told at submission when their team leader is inactive, and nothing is submitted', async () => {
    await t.dataSource.getRepository(Staff).update({ staffNumber: 'TL1001' }, { active: false });
    try {
      await refused();
    } finally {
      await t.dataSource.getRepository(Staff).update({ staffNumber: 'TL1001' }, { active: true });
    }
  });

  it('TAR-10: the same when the team has no leader at all', async () => {
    const teams = t.dataSource.getRepository(Team);
    const team = await teams.findOneByOrFail({ name: 'Maintenance Team A' });
    await teams.update({ id: team.id }, { leaderId: null });
    try {
      await refused();
    } finally {
      await teams.update({ id: team.id }, { leaderId: team.leaderId });
    }
    expect(codesOf(await t.as('CW1002')(SUBMIT, { input: await formFor(t.dataSource) }))).toEqual([]);
  });
});
