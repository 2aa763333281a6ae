import { AccessExtension } from '../src/modules/access-requests/access-extension.entity';
import { AccessGrant } from '../src/modules/access-requests/access-grant.entity';
import { AccessRequest } from '../src/modules/access-requests/access-request.entity';
import { AuditEvent } from '../src/audit-trail/audit-event.entity';
import { Case } from '../src/modules/cases/case.entity';
import { Letter } from '../src/modules/letters/letter.entity';
import { LetterChannel, LetterTemplate } from '../src/modules/letters/letter-enums';
import { Notification } from '../src/modules/notifications/notification.entity';
import { ServiceRequest } from '../src/modules/service-requests/service-request.entity';
import { Staff } from '../src/modules/staff/staff.entity';
import { Team } from '../src/modules/staff/team.entity';
import { MAX_NODES } from '../src/modules/node/node.service';
import { AccessPurpose } from '../src/authorization/grant-purpose';
import { AccessRequestStatus } from '../src/modules/access-requests/access-enums';
import { NotificationKind } from '../src/modules/notifications/notification.entity';
import type { DataSource } from 'typeorm';
import { contactByScin, DEMO } from './support/demo';
import { statementsDuring } from './support/sql-capture';
import { codesOf, startTestApp, type GraphQLResponse, type TestApp } from './support/test-app';

/**
 * Relay's `node(id:)` and `nodes(ids:)`: every refetchable type by the id it already exposes,
 * read under the caller's read rule, so a row the caller may not read answers exactly like a
 * missing one (SCR-1).
 */

const NODE = 'query($id: ID!) { node(id: $id) { __typename id } }';
const NODES = 'query($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }';
const CONTACT_NODE = 'query($id: ID!) { node(id: $id) { id ... on Contact { firstName sensitive } } }';
const MISSING = '00000000-0000-4000-8000-000000000000';

let t: TestApp;
let chloeId: string; // sensitive
let aliceId: string; // ordinary, self-service registered
let brianId: string; // ordinary
beforeAll(async () => {
  t = await startTestApp();
  chloeId = (await contactByScin(t.dataSource, DEMO.sensitivePwc)).id;
  aliceId = (await contactByScin(t.dataSource, DEMO.ordinaryPwc)).id;
  brianId = (await contactByScin(t.dataSource, DEMO.ordinaryNrpWithRep)).id;
});
afterAll(() => t.close());

const nodeOf = async (res: GraphQLResponse) => {
  expect(res.errors).toBeUndefined();
  return res.data.node;
};
const staffId = async (staffNumber: string) => (await t.dataSource.getRepository(Staff).findOneByOrFail({ staffNumber })).id;

/**
 * A granted CSUA150 for Chloe to `staffNumber` (VIEW_CONTACT), its grant and the grantee's
 * notification, written as the access chain leaves them: the chain itself is tested elsewhere.
 */
async function grantChloe(ds: DataSource, staffNumber: string, grantedAt: Date, hours: number) {
  const staff = await ds.getRepository(Staff).findOneOrFail({ where: { staffNumber }, relations: { team: true } });
  const chloe = await contactByScin(ds, DEMO.sensitivePwc);
  const sr = await ds.getRepository(ServiceRequest).findOneByOrFail({ subjectContactId: chloe.id });
  const request = await ds.getRepository(AccessRequest).save({
    requesterId: staff.id, teamId: staff.teamId!, staffNumber, teamName: staff.team!.name, grade: staff.grade, area: 'North East',
    requestedHours: hours, purpose: AccessPurpose.VIEW_CONTACT, serviceRequestId: sr.id, contactId: chloe.id,
    justification: 'Need to confirm the address.', status: AccessRequestStatus.GRANTED, grantedAt, grantedHours: hours,
  });
  const grant = await ds.getRepository(AccessGrant).save({
    requestId: request.id, staffId: staff.id, contactId: chloe.id, serviceRequestId: null, purpose: AccessPurpose.VIEW_CONTACT,
    grantedAt, expiresAt: new Date(grantedAt.getTime() + hours * 3600_000), removedAt: null,
  });
  const notification = await ds.getRepository(Notification).save({
    recipientId: staff.id, kind: NotificationKind.ACCESS_GRANTED, message: 'Access granted.', accessRequestId: request.id,
    grantId: grant.id, dedupeKey: `test:${grant.id}`, createdAt: grantedAt, readAt: null,
  });
  return { request, grant, notification };
}

describe('SCR-1: node(id) of a row the caller may not read answers exactly like a missing id', () => {
  it('a sensitive contact is null for a caseworker without a grant, the same answer as a missing id', async () => {
    const hidden = await t.as('CW1002')(CONTACT_NODE, { id: chloeId });
    const missing = await t.as('CW1002')(CONTACT_NODE, { id: MISSING });
    expect(hidden.status).toBe(200);
    expect({ status: hidden.status, body: hidden.data, errors: hidden.errors })
      .toEqual({ status: missing.status, body: missing.data, errors: missing.errors });
    expect(hidden.data).toEqual({ node: null });
    // The SCR team sees it by role.
    expect(await nodeOf(await t.as('SCRC3002')(CONTACT_NODE, { id: chloeId }))).toEqual({ id: chloeId, firstName: 'Chloe', sensitive: true });
  });

  it('hidden and missing send the same SQL statements (no timing tell, one statement for the lookup)', async () => {
    const client = t.as('CW1002');
    await client(NODE, { id: MISSING }); // warm up the schema and the pool
    const hidden = await statementsDuring(t.dataSource, () => client(NODE, { id: chloeId }));
    const missing = await statementsDuring(t.dataSource, () => client(NODE, { id: MISSING }));
    // Only the generated names of correlated subqueries differ between two builds of the same rule.
    const shape = (statements: string[]) => statements.map((sql) => sql.replace(/rel_\d+/g, 'rel_n'));
    expect(hidden.length).toBeGreaterThan(0);
    expect(shape(hidden)).toEqual(shape(missing));
  });

  it('a garbage id answers null with no error (never a 500), like contact(id)', async () => {
    for (const id of ['', 'not-an-id', '123e4567', "1' OR '1'='1", '99999999999999999999999', '-1', '0x10']) {
      const res = await t.as('CW1002')(NODE, { id });
      expect({ id, status: res.status, data: res.data, errors: res.errors }).toEqual({ id, status: 200, data: { node: null }, errors: undefined });
    }
  });
});

describe('SCR-5: a self-service client sees only their own record through node(id)', () => {
  it('their own contact and case resolve; another client, a sensitive contact, a member of staff and another case are null', async () => {
    const alice = t.asClient(aliceId);
    expect(await nodeOf(await alice(NODE, { id: aliceId }))).toEqual({ __typename: 'Contact', id: aliceId });
    expect(await nodeOf(await alice(NODE, { id: brianId }))).toBeNull();
    expect(await nodeOf(await alice(NODE, { id: chloeId }))).toBeNull();
    expect(await nodeOf(await alice(NODE, { id: await staffId('CW1002') }))).toBeNull();
    // Her own case (as the cases list shows it to her) resolves; a case she is no party to does not.
    const own = (await alice('{ cases(first: 5) { edges { node { id } } } }')).data.cases.edges.map((edge: any) => edge.node.id);
    expect(own).toHaveLength(1);
    expect(await nodeOf(await alice(NODE, { id: own[0] }))).toEqual({ __typename: 'Case', id: own[0] });
    const other = await t.dataSource.getRepository(Case).findOneByOrFail({ caseNumber: DEMO.sensitiveCaseNumber });
    expect(await nodeOf(await alice(NODE, { id: other.id }))).toBeNull();
  });
});

describe('node(id) for anonymous callers', () => {
  it('is refused UNAUTHENTICATED like every other query', async () => {
    const res = await t.as()(NODE, { id: brianId });
    expect(res.status).toBe(401);
    expect(codesOf(res)).toEqual(['UNAUTHENTICATED']);
    expect(JSON.stringify(res.data ?? null)).not.toContain(brianId);
  });
});

describe('nodes(ids): many at once, in the order asked', () => {
  it('answers each id in place: visible rows, null for hidden, missing and garbage alike', async () => {
    const team = await t.dataSource.getRepository(Team).findOneByOrFail({ name: 'Maintenance Team A' });
    const res = await t.as('CW1002')(NODES, { ids: [brianId, chloeId, MISSING, 'garbage', team.id, brianId] });
    expect(res.errors).toBeUndefined();
    expect(res.data.nodes).toEqual([
      { __typename: 'Contact', id: brianId }, null, null, null, { __typename: 'Team', id: team.id }, { __typename: 'Contact', id: brianId },
    ]);
  });

  it(`more than ${MAX_NODES} ids is BAD_USER_INPUT naming the argument`, async () => {
    const res = await t.as('CW1002')(NODES, { ids: Array.from({ length: MAX_NODES + 1 }, () => MISSING) });
    expect(codesOf(res)).toEqual(['BAD_USER_INPUT']);
    expect(res.errors?.[0].extensions?.fields).toEqual([{ field: 'ids', message: `at most ${MAX_NODES} ids` }]);
  });
});

// Last of the shared app's tests: it grants CW1002 access to Chloe.
describe('node(id): every node type resolves for a caller who may read it', () => {
  it('each type, by the id its own queries expose, as its own __typename', async () => {
    const repo = <T extends object>(entity: new () => T) => t.dataSource.getRepository(entity);
    const { grant, request, notification } = await grantChloe(t.dataSource, 'CW1002', t.clock.now(), 2);
    const cw1002 = await staffId('CW1002');
    // A read under the grant is audited (TAR-8): the audit event to refetch.
    expect(await nodeOf(await t.as('CW1002')(NODE, { id: grant.contactId }))).toEqual({ __typename: 'Contact', id: grant.contactId });
    const extension = await repo(AccessExtension).save({ grantId: grant.id, requestedById: cw1002, requestedHours: 2, reason: 'Still checking the address.' });
    const letter = await repo(Letter).save({
      template: LetterTemplate.CMSL9800, contactId: brianId, channel: LetterChannel.POST, title: 'Your security details', body: 'Dear Brian',
    });
    const sr = await repo(ServiceRequest).findOneByOrFail({ subjectContactId: brianId });
    const audit = await repo(AuditEvent).findOneOrFail({ where: { subjectId: grant.contactId! }, order: { id: 'DESC' } });
    const kase = await repo(Case).findOneByOrFail({ caseNumber: DEMO.caseWithSensitivePwc });
    const team = await repo(Team).findOneByOrFail({ name: 'Maintenance Team A' });
    const cases: [string, string, string][] = [
      ['Contact', brianId, 'CW1002'],
      ['Case', kase.id, 'CW1002'],
      ['ServiceRequest', sr.id, 'CW1003'],
      ['Letter', letter.id, 'CW1002'],
      ['AccessRequest', request.id, 'CW1002'],
      ['AccessGrant', grant.id, 'CW1002'],
      ['AccessExtension', extension.id, 'CW1002'],
      ['Notification', notification.id, 'CW1002'],
      ['Staff', cw1002, 'CW1003'],
      ['Team', team.id, 'CW1002'],
      ['AuditEvent', String(audit.id), 'SECR5001'],
    ];
    for (const [typename, id, reader] of cases) {
      expect({ typename, node: await nodeOf(await t.as(reader)(NODE, { id })) }).toEqual({ typename, node: { __typename: typename, id } });
    }
    // An id in capitals names the same row (UUIDs are case-insensitive).
    expect(await nodeOf(await t.as('CW1002')(NODE, { id: brianId.toUpperCase() }))).toEqual({ __typename: 'Contact', id: brianId });
  });

  it('a node is what the type\'s own query answers, field for field', async () => {
    const own = await t.as('CW1002')('query($id: ID!) { contact(id: $id) { id firstName sensitive } }', { id: brianId });
    expect(await nodeOf(await t.as('CW1002')(CONTACT_NODE, { id: brianId }))).toEqual(own.data.contact);
  });

  it('an audit event is null for anyone but a security reviewer, like a missing one', async () => {
    const audit = await t.dataSource.getRepository(AuditEvent).findOneOrFail({ where: {}, order: { id: 'DESC' } });
    expect(await nodeOf(await t.as('CW1002')(NODE, { id: String(audit.id) }))).toBeNull();
    expect(await nodeOf(await t.as('SCRM3001')(NODE, { id: String(audit.id) }))).toBeNull();
    expect(await nodeOf(await t.as('SECR5001')(NODE, { id: '999999999' }))).toBeNull();
  });
});

describe('SCR-4: with a live VIEW_CONTACT grant the sensitive contact resolves through node(id)', () => {
  it('null before the grant, the contact while it lives, null again at expiry', async () => {
    const fresh = await startTestApp();
    try {
      const id = (await contactByScin(fresh.dataSource, DEMO.sensitivePwc)).id;
      const read = async () => (await fresh.as('CW1002')(CONTACT_NODE, { id })).data.node;
      expect(await read()).toBeNull();
      const { grant } = await grantChloe(fresh.dataSource, 'CW1002', fresh.clock.now(), 2);
      expect(await read()).toEqual({ id, firstName: 'Chloe', sensitive: true });
      fresh.clock.set(new Date(grant.expiresAt.getTime() - 1));
      expect(await read()).not.toBeNull();
      fresh.clock.set(grant.expiresAt);
      expect(await read()).toBeNull();
    } finally {
      await fresh.close();
    }
  });
});
