import { AccessGrant } from '../src/modules/access-requests/access-grant.entity';
import { AccessPurpose } from '../src/authorization/grant-purpose';
import { Staff } from '../src/modules/staff/staff.entity';
import { contactByScin, DEMO } from './support/demo';
import { statementsDuring } from './support/sql-capture';
import { startTestApp, type TestApp } from './support/test-app';

const CONTACTS = `query($filter: ContactFilter, $first: Int, $after: String) {
  contacts(filter: $filter, first: $first, after: $after) {
    totalCount
    edges { cursor node { id scin sensitive } }
    pageInfo { hasNextPage endCursor }
  }
}`;

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

async function allVisible(staffNumber: string, filter?: Record<string, unknown>): Promise<{ id: string; scin: string | null }[]> {
  const nodes: { id: string; scin: string | null }[] = [];
  let after: string | undefined;
  for (;;) {
    const res = await t.as(staffNumber)(CONTACTS, { first: 3, after, filter });
    expect(res.errors).toBeUndefined();
    nodes.push(...res.data.contacts.edges.map((edge: any) => edge.node));
    if (!res.data.contacts.pageInfo.hasNextPage) return nodes;
    after = res.data.contacts.pageInfo.endCursor;
  }
}

describe('SCR-1: sensitive contacts are invisible to those not entitled', () => {
  it('SCR-1: a caseworker lists no sensitive contact, an SCR caseworker and SCR manager list them all', async () => {
    const caseworker = await t.as('CW1002')(CONTACTS, { first: 100 });
    const nodes = caseworker.data.contacts.edges.map((edge: any) => edge.node);
    expect(nodes.some((node: any) => node.sensitive)).toBe(false);
    expect(caseworker.data.contacts.totalCount).toBe(DEMO.totalClients - DEMO.sensitiveClients + DEMO.representatives);

    for (const scrStaff of ['SCRC3002', 'SCRM3001']) {
      const scr = await t.as(scrStaff)(CONTACTS, { first: 100 });
      expect(scr.data.contacts.totalCount).toBe(DEMO.totalClients + DEMO.representatives);
      expect(scr.data.contacts.edges.filter((edge: any) => edge.node.sensitive)).toHaveLength(DEMO.sensitiveClients);
    }
  });

  it('SCR-1: team leaders and FLLS do not see sensitive contacts either', async () => {
    for (const staff of ['TL1001', 'FLLS4001']) {
      const res = await t.as(staff)(CONTACTS, { first: 100 });
      expect(res.data.contacts.edges.some((edge: any) => edge.node.sensitive)).toBe(false);
    }
  });

  it('SCR-1: contact(id) of a sensitive contact answers exactly as a missing id (no existence oracle)', async () => {
    const hidden = await contactByScin(t.dataSource, DEMO.sensitivePwc);
    const query = 'query($id: ID!) { contact(id: $id) { id firstName } }';
    const forHidden = await t.as('CW1002')(query, { id: hidden.id });
    const forMissing = await t.as('CW1002')(query, { id: '00000000-0000-4000-8000-000000000000' });
    expect(forHidden.status).toBe(forMissing.status);
    expect(forHidden.data).toEqual({ contact: null });
    expect(forHidden.errors).toEqual(forMissing.errors);
    expect(forHidden.data).toEqual(forMissing.data);

    const forScr = await t.as('SCRC3002')(query, { id: hidden.id });
    expect(forScr.data.contact).toEqual({ id: hidden.id, firstName: 'Chloe' });
  });

  it('SCR-1: search by SCIN, NINO (both ignoring spaces and case) and name finds nothing hidden, while the SCR team finds it', async () => {
    for (const filter of [{ scin: DEMO.sensitivePwc }, { scin: ' sc 0000003' }, { nino: DEMO.sensitiveNino }, { nino: 'cd 22 33 44 a' }, { name: 'chlo' }]) {
      const caseworker = await t.as('CW1002')(CONTACTS, { first: 10, filter });
      expect(caseworker.data.contacts).toMatchObject({ totalCount: 0, edges: [] });
      const scr = await t.as('SCRC3002')(CONTACTS, { first: 10, filter });
      expect(scr.data.contacts.totalCount).toBe(1);
    }
    // The same name search still finds the ordinary Baker, so the filter itself works.
    const bakers = await t.as('CW1002')(CONTACTS, { first: 10, filter: { name: 'BAKER' } });
    expect(bakers.data.contacts.edges.map((edge: any) => edge.node.scin)).toEqual([DEMO.ordinaryNrpSameCase]);
  });

  it('SCR-1: case parties leave out a sensitive party, and a case cannot be found through it', async () => {
    const query = `query($filter: CaseFilter) { cases(filter: $filter, first: 10) { totalCount edges { node { caseNumber parties { role contact { scin } } } } } }`;
    const byNumber = await t.as('CW1002')(query, { filter: { caseNumber: DEMO.caseWithSensitivePwc } });
    expect(byNumber.data.cases.edges[0].node.parties).toEqual([{ role: 'NRP', contact: { scin: DEMO.ordinaryNrpSameCase } }]);
    const scr = await t.as('SCRC3002')(query, { filter: { caseNumber: DEMO.caseWithSensitivePwc } });
    expect(scr.data.cases.edges[0].node.parties).toHaveLength(2);

    for (const filter of [{ nino: DEMO.sensitiveNino }, { scin: DEMO.sensitivePwc }, { scin: 'sc0000003 ' }, { name: 'Chloe' }]) {
      const hidden = await t.as('CW1002')(query, { filter });
      expect(hidden.data.cases.totalCount).toBe(0);
      const found = await t.as('SCRC3002')(query, { filter });
      expect(found.data.cases.edges.map((edge: any) => edge.node.caseNumber)).toEqual([DEMO.caseWithSensitivePwc]);
    }
  });

  it('SCR-1: contacts(filter: { caseId }) and case(id).parties agree and hide the sensitive party', async () => {
    const caseRow = await t.dataSource.query(`SELECT id FROM "case" WHERE case_number = $1`, [DEMO.sensitiveCaseNumber]);
    const caseId = caseRow[0].id;
    const list = await t.as('CW1002')(CONTACTS, { first: 10, filter: { caseId } });
    expect(list.data.contacts.totalCount).toBe(0);
    const single = await t.as('CW1002')('query($id: ID!) { case(id: $id) { caseNumber parties { id } } }', { id: caseId });
    expect(single.data.case).toEqual({ caseNumber: DEMO.sensitiveCaseNumber, parties: [] });
    const scr = await t.as('SCRC3002')(CONTACTS, { first: 10, filter: { caseId } });
    expect(scr.data.contacts.totalCount).toBe(2);
  });

  it('SCR-1: a representative link to a sensitive client is hidden from both sides', async () => {
    const client = await contactByScin(t.dataSource, DEMO.sensitiveNrp);
    const [link] = await t.dataSource.query(`SELECT representative_id FROM representative_link WHERE client_id = $1`, [client.id]);
    const query = 'query($id: ID!) { contact(id: $id) { lastName represents { trn client { scin } } } }';
    const caseworker = await t.as('CW1002')(query, { id: link.representative_id });
    expect(caseworker.data.contact).toEqual({ lastName: 'Ltd', represents: [] });
    const scr = await t.as('SCRC3002')(query, { id: link.representative_id });
    expect(scr.data.contact.represents).toEqual([{ trn: 'TRN000002', client: { scin: DEMO.sensitiveNrp } }]);
  });

  it('SCR-1: a self-service client sees only their own record and only their own party on a case', async () => {
    const alice = await contactByScin(t.dataSource, DEMO.ordinaryPwc);
    const asAlice = t.asClient(alice.id);
    const list = await asAlice(CONTACTS, { first: 50 });
    expect(list.data.contacts.edges.map((edge: any) => edge.node.id)).toEqual([alice.id]);
    const brian = await contactByScin(t.dataSource, DEMO.ordinaryNrpWithRep);
    const other = await asAlice('query($id: ID!) { contact(id: $id) { id } }', { id: brian.id });
    expect(other.data.contact).toBeNull();
    const cases = await asAlice('{ cases(first: 10) { totalCount edges { node { caseNumber parties { contact { id } } } } } }');
    expect(cases.data.cases.totalCount).toBe(1);
    expect(cases.data.cases.edges[0].node.parties).toEqual([{ contact: { id: alice.id } }]);
  });

  it('SCR-1: a live VIEW_CONTACT grant reveals exactly the granted contact, in lists, counts and nested fields', async () => {
    const carl = await t.dataSource.getRepository(Staff).findOneByOrFail({ staffNumber: 'CW1003' });
    const chloe = await contactByScin(t.dataSource, DEMO.sensitivePwc);
    const before = (await allVisible('CW1003')).map((node) => node.id);
    await t.dataSource.getRepository(AccessGrant).save({
      staffId: carl.id,
      contactId: chloe.id,
      serviceRequestId: null,
      purpose: AccessPurpose.VIEW_CONTACT,
      grantedAt: t.clock.now(),
      expiresAt: new Date(t.clock.now().getTime() + 3600_000),
      removedAt: null,
    });
    const after = (await allVisible('CW1003')).map((node) => node.id);
    expect(after.sort()).toEqual([...before, chloe.id].sort());
    const parties = await t.as('CW1003')(
      `query($f: CaseFilter) { cases(filter: $f, first: 1) { edges { node { parties { contact { scin } } } } } }`,
      { f: { caseNumber: DEMO.caseWithSensitivePwc } },
    );
    expect(parties.data.cases.edges[0].node.parties).toHaveLength(2);
    // Other caseworkers are unaffected.
    expect((await allVisible('CW1002')).map((node) => node.id)).not.toContain(chloe.id);
  });
});

describe('SCR-2: visibility is decided in SQL, so pages and counts are right', () => {
  it('SCR-2: paging a caseworker through all contacts gives full pages, no gaps or repeats, and the same total', async () => {
    const first = await t.as('CW1002')(CONTACTS, { first: 3 });
    const total = first.data.contacts.totalCount;
    const ids = (await allVisible('CW1002')).map((node) => node.id);
    expect(ids).toHaveLength(total);
    expect(new Set(ids).size).toBe(total);
    // Each page but the last is full: nothing was filtered out after loading.
    let after: string | undefined;
    for (let page = 0; page < Math.floor(total / 3); page++) {
      const res = await t.as('CW1002')(CONTACTS, { first: 3, after });
      expect(res.data.contacts.edges).toHaveLength(3);
      after = res.data.contacts.pageInfo.endCursor;
    }
  });

  it('SCR-2: the SQL sent for a caseworker list carries the visibility predicate', async () => {
    const statements = await statementsDuring(t.dataSource, () => t.as('CW1002')(CONTACTS, { first: 5 }));
    const list = statements.find((sql) => /FROM "contact" "c"/.test(sql) && /LIMIT/.test(sql) && /ORDER BY/.test(sql));
    expect(list).toMatch(/"c"\."sensitive" = \$\d+/);
  });
});
