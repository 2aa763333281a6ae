import { AccessRequest } from '../src/modules/access-requests/access-request.entity';
import { Staff } from '../src/modules/staff/staff.entity';
import { StaffRole, Segment } from '../src/authorization/roles';
import { APPROVE, CHECK, formFor, GRANT, ok, REJECT, sensitiveDemoSr, SUBMIT } from './support/access-chain';
import { codesOf, startTestApp, type TestApp } from './support/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  // A second SCR manager and FLLS, so concurrent approvals and "two stages" can be tried.
  const team = await t.dataSource.query(`SELECT id FROM team WHERE name = 'SCR Team'`);
  for (const [staffNumber, role] of [['SCRM3009', StaffRole.SCR_MANAGER], ['FLLS4009', StaffRole.FLLS]] as const) {
    await t.dataSource.getRepository(Staff).save({
      staffNumber, firstName: 'Second', lastName: role, role, segment: Segment.SCR, teamId: team[0].id,
      grade: 'HEO', area: 'North East', workPhone: null, active: true,
    });
  }
});
afterAll(() => t.close());

const statusOf = async (id: string) => (await t.dataSource.getRepository(AccessRequest).findOneByOrFail({ id })).status;
const submit = async (overrides: Record<string, unknown> = {}) =>
  ok(await t.as('CW1002')(SUBMIT, { input: await formFor(t.dataSource, overrides) })).submitAccessRequest.accessRequest;

describe('TAR-1: the CSUA150 form', () => {
  it('TAR-1: a complete form is stored as SUBMITTED with every field, normalised', async () => {
    const request = await submit();
    expect(request).toMatchObject({ status: 'SUBMITTED', requestedHours: 4, purpose: 'VIEW_CONTACT', nino: 'CD223344A', scin: 'SC0000003' });
    const row = await t.dataSource.getRepository(AccessRequest).findOneByOrFail({ id: request.id });
    expect(row).toMatchObject({ staffNumber: 'CW1002', teamName: 'Maintenance Team A', grade: 'EO', area: 'North East' });
    expect(row.contactId).toBe((await sensitiveDemoSr(t.dataSource)).subjectContactId);
  });

  it('TAR-1: missing and malformed fields are one BAD_USER_INPUT listing each field, and nothing is stored', async () => {
    const before = await t.dataSource.getRepository(AccessRequest).count();
    const res = await t.as('CW1002')(SUBMIT, {
      input: await formFor(t.dataSource, {
        staffNumber: 'CW9999', team: ' ', grade: '', area: '', requestedHours: 0, justification: '', nino: 'NOTANINO',
        serviceRequestId: 'not-an-id',
      }),
    });
    expect(codesOf(res)).toEqual(['BAD_USER_INPUT']);
    const fields = res.errors![0].extensions!.fields.map((problem: any) => problem.field).sort();
    expect(fields).toEqual(['area', 'grade', 'justification', 'nino', 'requestedHours', 'serviceRequestId', 'staffNumber', 'team']);
    expect(await t.dataSource.getRepository(AccessRequest).count()).toBe(before);
  });

  it('TAR-1: the SR must be one the requester can see; only caseworkers submit', async () => {
    const res = await t.as('CW1002')(SUBMIT, { input: await formFor(t.dataSource, { serviceRequestId: '00000000-0000-4000-8000-000000000000' }) });
    expect(res.errors![0].extensions!.fields).toEqual([{ field: 'serviceRequestId', message: 'no such service request' }]);
    const byLeader = await t.as('TL1001')(SUBMIT, { input: await formFor(t.dataSource, { staffNumber: 'TL1001' }) });
    expect(codesOf(byLeader)).toEqual(['FORBIDDEN']);
  });
});

describe('TAR-2: TL -> SCR manager -> FLLS, rejection at any stage', () => {
  it('TAR-2: the chain in order; the TL adds their name and contact details from their own record', async () => {
    const request = await submit();
    const checked = ok(await t.as('TL1001')(CHECK, { input: { id: request.id } })).checkAccessRequest.accessRequest;
    expect(checked).toMatchObject({ status: 'TL_CHECKED', tlName: 'Tina Lead', tlContactDetails: '0191 000 1001' });
    expect(ok(await t.as('SCRM3001')(APPROVE, { id: request.id })).approveAccessRequest.accessRequest.status).toBe('SCR_APPROVED');
    const granted = ok(await t.as('FLLS4001')(GRANT, { input: { id: request.id, grantedHours: 3 } })).grantAccessRequest.accessRequest;
    expect(granted).toMatchObject({ status: 'GRANTED', grantedHours: 3 });
  });

  it('TAR-2: a stage cannot be skipped: a later stage does not even see the form yet (NOT_FOUND), a seen one at the wrong stage is a CONFLICT; nothing changes', async () => {
    const request = await submit();
    // The SCR manager reads forms once a TL checked them, FLLS once the SCR manager approved them.
    const early = await t.as('SCRM3001')(APPROVE, { id: request.id });
    expect(codesOf(early)).toEqual(['NOT_FOUND']);
    const grantEarly = await t.as('FLLS4001')(GRANT, { input: { id: request.id, grantedHours: 1 } });
    expect(codesOf(grantEarly)).toEqual(['NOT_FOUND']);
    expect(await statusOf(request.id)).toBe('SUBMITTED');
    ok(await t.as('TL1001')(CHECK, { input: { id: request.id } }));
    const grantBeforeApproval = await t.as('SCRM3001')(GRANT, { input: { id: request.id, grantedHours: 1 } });
    expect(codesOf(grantBeforeApproval)).toEqual(['FORBIDDEN']);
    const checkAgain = await t.as('TL1001')(CHECK, { input: { id: request.id } });
    expect(codesOf(checkAgain)).toEqual(['CONFLICT']);
    expect(checkAgain.errors![0].extensions!.reason).toBe('WRONG_STAGE');
    expect(await statusOf(request.id)).toBe('TL_CHECKED');
  });

  it('TAR-2: only the requester\'s own team leader checks the form', async () => {
    const request = await submit();
    // Another team's leader does not see the form at all: same answer as a missing id.
    const other = await t.as('TL2001')(CHECK, { input: { id: request.id } });
    const missing = await t.as('TL2001')(CHECK, { input: { id: '00000000-0000-4000-8000-000000000000' } });
    expect(codesOf(other)).toEqual(['NOT_FOUND']);
    expect(other.errors).toEqual(missing.errors);
    expect(await statusOf(request.id)).toBe('SUBMITTED');
  });

  it('TAR-2: each stage may reject with a mandatory reason, which the requester sees; a rejected form is final', async () => {
    for (const stage of ['SUBMITTED', 'TL_CHECKED', 'SCR_APPROVED'] as const) {
      const request = await submit();
      if (stage !== 'SUBMITTED') ok(await t.as('TL1001')(CHECK, { input: { id: request.id } }));
      if (stage === 'SCR_APPROVED') ok(await t.as('SCRM3001')(APPROVE, { id: request.id }));
      const decider = { SUBMITTED: 'TL1001', TL_CHECKED: 'SCRM3001', SCR_APPROVED: 'FLLS4001' }[stage];
      const noReason = await t.as(decider)(REJECT, { input: { id: request.id, reason: '   ' } });
      expect(codesOf(noReason)).toEqual(['BAD_USER_INPUT']);
      expect(await statusOf(request.id)).toBe(stage);
      ok(await t.as(decider)(REJECT, { input: { id: request.id, reason: `Not justified at ${stage}` } }));
      const seen = await t.as('CW1002')(`query($id: ID!) { accessRequest(id: $id) { status rejectionReason rejectedAtStage } }`, { id: request.id });
      expect(seen.data.accessRequest).toEqual({ status: 'REJECTED', rejectionReason: `Not justified at ${stage}`, rejectedAtStage: stage });
      // The requester's own TL sees every form of the team: a rejected one is final at any stage.
      const again = await t.as('TL1001')(CHECK, { input: { id: request.id } });
      expect(codesOf(again)).toEqual(['CONFLICT']);
      expect(again.errors![0].extensions!.reason).toBe('FINAL');
    }
  });

  it('TAR-2: FLLS grants at most the requested duration and the configured maximum', async () => {
    const approved = async (requestedHours: number) => {
      const request = await submit({ requestedHours });
      ok(await t.as('TL1001')(CHECK, { input: { id: request.id } }));
      ok(await t.as('SCRM3001')(APPROVE, { id: request.id }));
      return request.id as string;
    };
    const small = await approved(4);
    for (const grantedHours of [5, 0, -1]) {
      const res = await t.as('FLLS4001')(GRANT, { input: { id: small, grantedHours } });
      expect(codesOf(res)).toEqual(['BAD_USER_INPUT']);
      expect(res.errors![0].extensions!.fields[0].field).toBe('grantedHours');
    }
    expect(await statusOf(small)).toBe('SCR_APPROVED');
    expect(ok(await t.as('FLLS4001')(GRANT, { input: { id: small, grantedHours: 4 } })).grantAccessRequest.accessRequest.grantedHours).toBe(4);

    const large = await approved(100); // more than MAX_GRANT_HOURS (72 by default)
    expect(codesOf(await t.as('FLLS4001')(GRANT, { input: { id: large, grantedHours: 73 } }))).toEqual(['BAD_USER_INPUT']);
    expect(ok(await t.as('FLLS4001')(GRANT, { input: { id: large, grantedHours: 72 } })).grantAccessRequest.accessRequest.grantedHours).toBe(72);
  });

  it('TAR-2: each role\'s queue shows what awaits its stage', async () => {
    const request = await submit();
    const queue = (staff: string) =>
      t.as(staff)('{ accessRequests(first: 100, filter: { awaitingMyDecision: true }) { edges { node { id status } } } }');
    const ids = async (staff: string) => (await queue(staff)).data.accessRequests.edges.map((edge: any) => edge.node.id);
    expect(await ids('TL1001')).toContain(request.id);
    expect(await ids('TL2001')).not.toContain(request.id);
    expect(await ids('SCRM3001')).not.toContain(request.id);
    ok(await t.as('TL1001')(CHECK, { input: { id: request.id } }));
    expect(await ids('TL1001')).not.toContain(request.id);
    expect(await ids('SCRM3001')).toContain(request.id);
    expect(await ids('FLLS4001')).not.toContain(request.id);
    // A caseworker of another team never sees it; the security reviewer sees it without client details.
    const other = await t.as('CW2002')('query($id: ID!) { accessRequest(id: $id) { id } }', { id: request.id });
    expect(other.data.accessRequest).toBeNull();
    const reviewer = await t.as('SECR5001')('query($id: ID!) { accessRequest(id: $id) { id status clientName scin nino justification } }', { id: request.id });
    expect(reviewer.data.accessRequest).toMatchObject({ id: request.id, status: 'TL_CHECKED', clientName: null, scin: null, nino: null });
  });
});

describe('TAR-3: no self-approval, no one at two stages', () => {
  it('TAR-3: a requester promoted to SCR manager still cannot approve their own request', async () => {
    const request = await submit();
    ok(await t.as('TL1001')(CHECK, { input: { id: request.id } }));
    await t.dataSource.getRepository(Staff).update({ staffNumber: 'CW1002' }, { role: StaffRole.SCR_MANAGER });
    try {
      const own = await t.as('CW1002')(APPROVE, { id: request.id });
      expect(codesOf(own)).toEqual(['FORBIDDEN']);
      expect(own.errors![0].extensions!.reason).toBe('OWN_REQUEST');
    } finally {
      await t.dataSource.getRepository(Staff).update({ staffNumber: 'CW1002' }, { role: StaffRole.CASEWORKER });
    }
    expect(await statusOf(request.id)).toBe('TL_CHECKED');
  });

  it('TAR-3: the team leader who checked a request cannot also approve it, even with a new role', async () => {
    const request = await submit();
    ok(await t.as('TL1001')(CHECK, { input: { id: request.id } }));
    await t.dataSource.getRepository(Staff).update({ staffNumber: 'TL1001' }, { role: StaffRole.SCR_MANAGER });
    try {
      const twice = await t.as('TL1001')(APPROVE, { id: request.id });
      expect(codesOf(twice)).toEqual(['FORBIDDEN']);
      expect(twice.errors![0].extensions!.reason).toBe('TWO_STAGES');
    } finally {
      await t.dataSource.getRepository(Staff).update({ staffNumber: 'TL1001' }, { role: StaffRole.TEAM_LEADER });
    }
    expect(await statusOf(request.id)).toBe('TL_CHECKED');
  });

  it('TAR-3: the decider is the signed-in principal; input cannot name another approver', async () => {
    const request = await submit();
    const forged = await t.as('TL1001')(`mutation($id: ID!) { checkAccessRequest(input: { id: $id, approverId: "x" }) { accessRequest { id } } }`, { id: request.id });
    expect(codesOf(forged)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    const anyone = await t.as('CW1003')(APPROVE, { id: request.id });
    expect(codesOf(anyone)).toEqual(['FORBIDDEN']);
    expect(await statusOf(request.id)).toBe('SUBMITTED');
  });
});

describe('TAR-4: each transition is atomic and happens once', () => {
  it('TAR-4: two SCR managers approving at the same moment give one transition and one CONFLICT', async () => {
    const request = await submit();
    ok(await t.as('TL1001')(CHECK, { input: { id: request.id } }));
    const results = await Promise.all([t.as('SCRM3001')(APPROVE, { id: request.id }), t.as('SCRM3009')(APPROVE, { id: request.id })]);
    const succeeded = results.filter((res) => !res.errors);
    const failed = results.filter((res) => res.errors);
    expect(succeeded).toHaveLength(1);
    expect(failed.map(codesOf)).toEqual([['CONFLICT']]);
    const row = await t.dataSource.getRepository(AccessRequest).findOneByOrFail({ id: request.id });
    expect(row.status).toBe('SCR_APPROVED');
    expect(row.version).toBe(3);
    const approvals = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_event WHERE subject_id = $1 AND action = 'ACCESS_REQUEST_APPROVED'`, [request.id]);
    expect(approvals[0].n).toBe(1);
  });

  it('TAR-4: two FLLS granting at once create exactly one grant', async () => {
    const request = await submit();
    ok(await t.as('TL1001')(CHECK, { input: { id: request.id } }));
    ok(await t.as('SCRM3001')(APPROVE, { id: request.id }));
    const results = await Promise.all([
      t.as('FLLS4001')(GRANT, { input: { id: request.id, grantedHours: 1 } }),
      t.as('FLLS4009')(GRANT, { input: { id: request.id, grantedHours: 2 } }),
      t.as('FLLS4001')(REJECT, { input: { id: request.id, reason: 'changed my mind' } }),
    ]);
    expect(results.filter((res) => !res.errors)).toHaveLength(1);
    const grants = await t.dataSource.query('SELECT count(*)::int AS n FROM access_grant WHERE request_id = $1', [request.id]);
    const status = await statusOf(request.id);
    expect(grants[0].n).toBe(status === 'GRANTED' ? 1 : 0);
  });
});
