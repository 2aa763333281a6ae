import { sweepGrantEvents } from '../src/modules/access-requests/grant-sweep';
import { contactByScin, DEMO } from './support/demo';
import { CONTACT, grantedRequest, ok } from './support/access-chain';
import { codesOf, startTestApp, type TestApp } from './support/test-app';

const EVENTS = `query($filter: AuditEventFilter) { auditEvents(first: 100, filter: $filter) { totalCount edges { node {
  action actorType actorId subjectType subjectId outcome occurredAt details } } } }`;
const WHO = `query($id: ID!) { whoCanSeeContact(contactId: $id) { contactId sensitive asOf roles { role reason }
  people { via reason grantId expiresAt staff { staffNumber role } } } }`;
const EXPLAIN = `query($staff: String!, $action: PolicyAction!, $type: PolicySubject!, $id: ID!) {
  explainAccess(staffNumber: $staff, action: $action, subjectType: $type, subjectId: $id) { allowed reason role liveGrants } }`;

let t: TestApp;
let chloeId: string;
beforeAll(async () => {
  t = await startTestApp();
  chloeId = (await contactByScin(t.dataSource, DEMO.sensitivePwc)).id;
});
afterAll(() => t.close());

const actions = async (filter: Record<string, unknown> = {}) =>
  (await t.as('SECR5001')(EVENTS, { filter })).data.auditEvents.edges.map((edge: any) => edge.node);

describe('TAR-8: every step and every read under a grant is audited', () => {
  let grant: any;
  let requestId: string;
  beforeAll(async () => {
    const walked = await grantedRequest(t, { grantedHours: 2 });
    grant = walked.grant;
    requestId = walked.request.id;
  });

  it('TAR-8: submission, check, approval and grant are recorded with actor, subject, time and outcome', async () => {
    const events = await actions({ subjectType: 'ACCESS_REQUEST', subjectId: requestId });
    expect(events.map((event: any) => event.action).reverse()).toEqual([
      'ACCESS_REQUEST_SUBMITTED', 'ACCESS_REQUEST_CHECKED', 'ACCESS_REQUEST_APPROVED', 'ACCESS_REQUEST_GRANTED',
    ]);
    for (const event of events) {
      expect(event).toMatchObject({ actorType: 'STAFF', outcome: 'SUCCESS', subjectId: requestId });
      expect(event.actorId).toMatch(/^[0-9a-f-]{36}$/);
      expect(new Date(event.occurredAt).getTime()).toBe(t.clock.now().getTime());
    }
  });

  it('TAR-8: a refused decision is recorded as DENIED', async () => {
    const res = await t.as('SCRM3001')('mutation($id: ID!) { approveAccessRequest(input: { id: $id }) { accessRequest { id } } }', { id: requestId });
    expect(codesOf(res)).toEqual(['CONFLICT']);
    const denied = await actions({ actions: ['ACCESS_DECISION_REFUSED'], subjectId: requestId });
    expect(denied).toHaveLength(1);
    expect(denied[0]).toMatchObject({ outcome: 'DENIED', details: { code: 'CONFLICT', reason: 'FINAL' } });
  });

  it('TAR-8: reading the sensitive contact under a grant is recorded, by any path; SCR team reads are not grant reads', async () => {
    const before = (await actions({ actions: ['CONTACT_READ_UNDER_GRANT'], subjectId: chloeId })).length;
    await t.as('CW1002')(CONTACT, { id: chloeId });
    await t.as('CW1002')('{ contacts(first: 100) { edges { node { id } } } }');
    await t.as('CW1002')('{ cases(first: 10, filter: { caseNumber: "1200000002" }) { edges { node { parties { contact { id } } } } } }');
    await t.as('SCRC3002')(CONTACT, { id: chloeId });
    const reads = await actions({ actions: ['CONTACT_READ_UNDER_GRANT'], subjectId: chloeId });
    expect(reads.length - before).toBe(3);
    expect(new Set(reads.map((event: any) => event.actorId)).size).toBe(1);
  });

  it('TAR-8: expiry is recorded once, by the system, at the expiry instant', async () => {
    t.clock.set(grant.expiresAt);
    await sweepGrantEvents(t.dataSource, new Date(t.clock.now().getTime() + 60_000));
    await sweepGrantEvents(t.dataSource, new Date(t.clock.now().getTime() + 120_000));
    const expired = await actions({ actions: ['GRANT_EXPIRED'], subjectId: grant.id });
    expect(expired).toHaveLength(1);
    expect(expired[0]).toMatchObject({ actorType: 'SYSTEM', actorId: null });
    expect(new Date(expired[0].occurredAt).toISOString()).toBe(new Date(grant.expiresAt).toISOString());
    // The audit history outlives the grant: still there after expiry.
    expect((await actions({ subjectId: requestId })).length).toBeGreaterThanOrEqual(4);
  });

  it('TAR-8: the audit trail holds no secrets or personal data of the form', async () => {
    const rows = await t.dataSource.query('SELECT details::text AS details FROM audit_event');
    const all = rows.map((row: any) => row.details ?? '').join('\n');
    for (const personal of ['Chloe', 'Baker', DEMO.sensitiveNino, 'CD223344A', DEMO.sensitivePwc, 'confirm the address']) {
      expect(all).not.toContain(personal);
    }
  });
});

describe('AUD-1: the audit trail is append-only', () => {
  it('AUD-1: the database refuses UPDATE, DELETE and TRUNCATE on audit_event', async () => {
    const count = async () => (await t.dataSource.query('SELECT count(*)::int AS n FROM audit_event'))[0].n;
    const before = await count();
    expect(before).toBeGreaterThan(0);
    await expect(t.dataSource.query(`UPDATE audit_event SET outcome = 'SUCCESS'`)).rejects.toThrow(/append-only/);
    await expect(t.dataSource.query('DELETE FROM audit_event')).rejects.toThrow(/append-only/);
    await expect(t.dataSource.query('TRUNCATE audit_event')).rejects.toThrow(/append-only/);
    expect(await count()).toBe(before);
  });

  it('AUD-1: only a security reviewer reads it', async () => {
    for (const staff of ['CW1002', 'TL1001', 'SCRM3001', 'FLLS4001']) {
      expect(codesOf(await t.as(staff)(EVENTS, {}))).toEqual(['FORBIDDEN']);
    }
  });
});

describe('AUD-2: who can see a sensitive contact now, and why', () => {
  it('AUD-2: whoCanSeeContact lists roles and people by role, and grant holders with their expiry, until it expires', async () => {
    const { grant } = await grantedRequest(t, { grantedHours: 3 });
    const report = ok(await t.as('SECR5001')(WHO, { id: chloeId })).whoCanSeeContact;
    expect(report.sensitive).toBe(true);
    expect(report.roles.map((entry: any) => entry.role).sort()).toEqual(['SCR_CASEWORKER', 'SCR_MANAGER']);
    const people = report.people.map((entry: any) => `${entry.staff.staffNumber}:${entry.via}`).sort();
    expect(people).toEqual(['CW1002:GRANT', 'SCRC3002:ROLE', 'SCRM3001:ROLE']);
    const viaGrant = report.people.find((entry: any) => entry.via === 'GRANT');
    expect(viaGrant).toMatchObject({ grantId: grant.id, expiresAt: grant.expiresAt, reason: 'temporary access grant' });
    t.clock.set(grant.expiresAt);
    const later = ok(await t.as('SECR5001')(WHO, { id: chloeId })).whoCanSeeContact;
    expect(later.people.map((entry: any) => entry.staff.staffNumber).sort()).toEqual(['SCRC3002', 'SCRM3001']);
  });

  it('AUD-2: for an ordinary contact the roles come from the same rule table', async () => {
    const alice = await contactByScin(t.dataSource, DEMO.ordinaryPwc);
    const report = ok(await t.as('SECR5001')(WHO, { id: alice.id })).whoCanSeeContact;
    expect(report.roles.map((entry: any) => entry.role).sort()).toEqual(['CASEWORKER', 'FLLS', 'SCR_CASEWORKER', 'SCR_MANAGER', 'TEAM_LEADER']);
    expect(report.people).toEqual([]);
  });

  it('AUD-2: explainAccess says allowed or not and which rule decided, as the API enforces it', async () => {
    const { grant } = await grantedRequest(t, { grantedHours: 1 });
    const explain = async (staff: string) => ok(await t.as('SECR5001')(EXPLAIN, { staff, action: 'READ', type: 'CONTACT', id: chloeId })).explainAccess;
    expect(await explain('CW1002')).toMatchObject({ allowed: true, reason: 'temporary access grant', role: 'CASEWORKER' });
    expect(await explain('CW1003')).toMatchObject({ allowed: false, reason: 'no rule allows it (deny by default)' });
    expect(await explain('SCRC3002')).toMatchObject({ allowed: true, reason: expect.stringContaining('SCR team role') });
    expect(await explain('SECR5001')).toMatchObject({ allowed: false });
    // The explanation agrees with what the API does for the same person.
    expect((await t.as('CW1002')(CONTACT, { id: chloeId })).data.contact).not.toBeNull();
    expect((await t.as('CW1003')(CONTACT, { id: chloeId })).data.contact).toBeNull();
    t.clock.set(grant.expiresAt);
    expect(await explain('CW1002')).toMatchObject({ allowed: false });
  });

  it('AUD-2: who read the contact in a period comes from the audit trail', async () => {
    const from = t.clock.now().toISOString();
    await grantedRequest(t, { grantedHours: 1 });
    await t.as('CW1002')(CONTACT, { id: chloeId });
    const reads = await actions({ subjectType: 'CONTACT', subjectId: chloeId, actions: ['CONTACT_READ_UNDER_GRANT'], from });
    expect(reads).toHaveLength(1);
    const none = await actions({ subjectType: 'CONTACT', subjectId: chloeId, actions: ['CONTACT_READ_UNDER_GRANT'], to: '2000-01-01T00:00:00Z' });
    expect(none).toHaveLength(0);
  });

  it('AUD-2: policy questions are for security reviewers only', async () => {
    expect(codesOf(await t.as('SCRM3001')(WHO, { id: chloeId }))).toEqual(['FORBIDDEN']);
    expect(codesOf(await t.as('CW1002')(EXPLAIN, { staff: 'CW1002', action: 'READ', type: 'CONTACT', id: chloeId }))).toEqual(['FORBIDDEN']);
  });
});
