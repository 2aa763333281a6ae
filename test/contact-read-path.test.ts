/**
 * Issue 11: the contacts' hot read path runs prepared statements and builds Contact objects itself,
 * without TypeORM's query builder or hydration. These tests hold it to what TypeORM gave, and to
 * the connection rules: named statements on a server, unnamed on the embedded database (one
 * Postgres session behind every socket), the transaction's own connection inside a transaction.
 */
import { buildAbility } from '../src/authorization/ability';
import { loadPrincipal } from '../src/authorization/load-principal';
import { queryRows, statement } from '../src/database/prepared';
import { Contact } from '../src/modules/contacts/contact.entity';
import { contactPageRows, visibleContactRows, visibleLinkRows } from '../src/modules/contacts/contact.read';
import { RepresentativeLink } from '../src/modules/contacts/representative-link.entity';
import type { RequestContext } from '../src/request/context';
import { embeddedHubFor } from '../src/database/embedded-notifications';
import { createMongoAbility } from '@casl/ability';
import type { AppAbility, SubjectType } from '../src/authorization/ability';
import { visibleRowsWhere } from '../src/authorization/visible-rows';
import { readModel } from '../src/database/read-model';
import { rowsWhere } from '../src/database/read-rows';
import { AccessExtension } from '../src/modules/access-requests/access-extension.entity';
import { ContactDisability } from '../src/modules/preferences/contact-disability.entity';
import { SpecialRequirement } from '../src/modules/preferences/special-requirement.entity';
import { DisabilityCategory, SpecialRequirementType, SpecialRequirementValue } from '../src/modules/preferences/preference-enums';
import { SrStatusChange } from '../src/modules/service-requests/sr-status-change.entity';
import { statusHistoryBySrId } from '../src/modules/service-requests/sr.loaders';
import { AccessGrant } from '../src/modules/access-requests/access-grant.entity';
import { CaseParty } from '../src/modules/cases/case-party.entity';
import { Case } from '../src/modules/cases/case.entity';
import { PreferenceChange } from '../src/modules/preferences/preference-change.entity';
import { Activity } from '../src/modules/service-requests/activity.entity';
import { ServiceRequest } from '../src/modules/service-requests/service-request.entity';
import { SrNote } from '../src/modules/service-requests/sr-note.entity';
import { Staff } from '../src/modules/staff/staff.entity';
import { Team } from '../src/modules/staff/team.entity';
import { startTestApp, type TestApp } from './support/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

/** A request context as a member of staff of `role` (the seeded one with that staff number) would get it. */
async function contextOf(staffNumber: string): Promise<RequestContext> {
  const now = new Date();
  const principal = await loadPrincipal(t.dataSource.manager, { subject: staffNumber, principalType: 'staff' } as never, now);
  return { ability: buildAbility(principal, now), principal, dataSource: t.dataSource, now, config: t.config } as unknown as RequestContext;
}

/** What TypeORM hydrates, without the creation and update stamps the read path leaves out (no field shows them). */
const withoutStamps = ({ createdAt, updatedAt, ...rest }: Contact) => rest;

describe('issue 11: contacts read without TypeORM hydration', () => {
  it('SCR-1: every contact the SCR team may see comes back exactly as TypeORM hydrates it (types, enums, dates as YYYY-MM-DD, nulls)', async () => {
    const ctx = await contextOf('SCRC3002');
    const expected = await t.dataSource.getRepository(Contact).find({ order: { lastName: 'ASC', firstName: 'ASC', id: 'ASC' } });
    expect(expected.length).toBeGreaterThan(5);
    expect(expected.some((contact) => contact.dateOfBirth !== null)).toBe(true);
    const page = await contactPageRows(ctx, { limit: 1000 });
    expect(page.every((contact) => contact instanceof Contact)).toBe(true);
    expect(page.map((contact) => ({ ...contact }))).toEqual(expected.map(withoutStamps));
    const byId = await visibleContactRows(ctx, expected.map((contact) => contact.id));
    expect(new Map(byId.map((contact) => [contact.id, { ...contact }]))).toEqual(new Map(expected.map((contact) => [contact.id, withoutStamps(contact)])));
  });

  it('SCR-1: links come back with both ends as TypeORM loads them, and only where both ends are visible', async () => {
    const links = await t.dataSource.getRepository(RepresentativeLink).find({ relations: { representative: true, client: true }, order: { trn: 'ASC' } });
    expect(links.length).toBeGreaterThan(0);
    const ids = [...new Set(links.map((link) => link.clientId))];
    const scr = await visibleLinkRows(await contextOf('SCRC3002'), 'clientId', ids);
    expect(scr.map((link) => ({ ...link, representative: { ...link.representative! }, client: { ...link.client! } }))).toEqual(
      links.map((link) => ({ ...link, representative: withoutStamps(link.representative!), client: withoutStamps(link.client!) })));
    const caseworker = await visibleLinkRows(await contextOf('CW1002'), 'clientId', ids);
    expect(caseworker.map((link) => link.id)).toEqual(
      links.filter((link) => !link.representative!.sensitive && !link.client!.sensitive).map((link) => link.id));
  });

  it('every entity the loaders read this way comes back as TypeORM hydrates it (but the stamps no field shows)', async () => {
    // The demo has no activity, note, grant or preference change: one of each, written by TypeORM, nulls included.
    const [sr] = await t.dataSource.getRepository(ServiceRequest).find({ order: { id: 'ASC' }, take: 1 });
    const [staff] = await t.dataSource.getRepository(Staff).find({ order: { staffNumber: 'ASC' }, take: 1 });
    await t.dataSource.getRepository(Activity).save({ serviceRequestId: sr.id, sequence: 1, name: 'Read path', status: 'OPEN' as never, plannedStart: new Date('2026-01-02T03:04:05.678Z') });
    await t.dataSource.getRepository(SrNote).save({ serviceRequestId: sr.id, authorId: staff.id, text: 'Read path', createdAt: new Date('2026-01-02T03:04:05.678Z') });
    await t.dataSource.getRepository(AccessGrant).save({
      staffId: staff.id, contactId: sr.subjectContactId, purpose: 'VIEW_CONTACT' as never,
      grantedAt: new Date('2026-01-02T03:04:05Z'), expiresAt: new Date('2026-01-02T05:04:05Z'),
    });
    await t.dataSource.getRepository(PreferenceChange).save({
      serviceRequestId: sr.id, contactId: sr.subjectContactId, field: 'PREFERRED_LANGUAGE' as never, oldValue: null, newValue: 'WELSH',
      changedAt: new Date('2026-01-02T03:04:05Z'), actorType: 'STAFF' as never, actorId: staff.id,
    });
    const read: [new () => object, SubjectType][] = [
      [Contact, 'Contact'], [Staff, 'Staff'], [Team, 'Team'], [Case, 'Case'], [ServiceRequest, 'ServiceRequest'],
      [Activity, 'Activity'], [SrNote, 'SrNote'], [AccessGrant, 'AccessGrant'], [PreferenceChange, 'PreferenceChange'],
    ];
    for (const [entity, subject] of read) {
      // Unconditional read: the row rule is (TRUE), so every row comes back.
      const everything = { ability: createMongoAbility<AppAbility>([{ action: 'read', subject }]), dataSource: t.dataSource } as unknown as RequestContext;
      const expected = await t.dataSource.getRepository(entity).find();
      expect({ entity: entity.name, some: expected.length > 0 }).toEqual({ entity: entity.name, some: true });
      const ids = expected.map((row) => (row as { id: string }).id);
      const kept = new Set(readModel(t.dataSource, entity).columns.map((column) => column.propertyName));
      const trimmed = expected.map((row) => Object.fromEntries(Object.entries(row).filter(([key]) => kept.has(key))));
      const rows = await visibleRowsWhere(everything, entity, subject, ids);
      expect({ entity: entity.name, count: rows.length }).toEqual({ entity: entity.name, count: expected.length });
      expect(rows.every((row) => row instanceof entity)).toBe(true);
      const byId = (list: object[]) => new Map(list.map((row) => [(row as { id: string }).id, { ...row }]));
      expect(byId(rows)).toEqual(byId(trimmed));
    }
    // Party rows (no subject of their own) through their loader's statement, and the stamps kept where a field shows them.
    expect(readModel(t.dataSource, CaseParty).columns.map((column) => column.propertyName)).toEqual(['id', 'caseId', 'contactId', 'role']);
    expect(readModel(t.dataSource, Contact).columns.some((column) => column.propertyName === 'createdAt')).toBe(false);
  });

  it('rows under an already visible parent (disability, special requirements, extensions) and SR-8 status history come back as TypeORM hydrates them, in the same order', async () => {
    const [sr] = await t.dataSource.getRepository(ServiceRequest).find({ order: { id: 'ASC' }, take: 1 });
    const [staff] = await t.dataSource.getRepository(Staff).find({ order: { staffNumber: 'ASC' }, take: 1 });
    const contactId = sr.subjectContactId;
    await t.dataSource.getRepository(ContactDisability).save({ contactId, category: DisabilityCategory.DEAF_HARD_OF_HEARING, updatedAt: new Date('2026-01-02T03:04:05.678Z') });
    await t.dataSource.getRepository(SpecialRequirement).save([
      { contactId, type: SpecialRequirementType.SIGHT, value: SpecialRequirementValue.LIFTS, createdAt: new Date('2026-01-02T03:04:05Z') },
      { contactId, type: SpecialRequirementType.HEARING, value: SpecialRequirementValue.SIGNER, createdAt: new Date('2026-01-02T03:04:06Z') },
    ].map((row) => Object.assign(new SpecialRequirement(), row)));
    const grant = await t.dataSource.getRepository(AccessGrant).save({
      staffId: staff.id, contactId, purpose: 'VIEW_CONTACT' as never, grantedAt: new Date('2026-01-02T03:04:05Z'), expiresAt: new Date('2026-01-02T05:04:05Z'),
    });
    for (const [hours, at] of [[2, '2026-01-02T04:00:00Z'], [1, '2026-01-02T03:30:00Z']] as const) {
      await t.dataSource.getRepository(AccessExtension).save({ grantId: grant.id, requestedById: staff.id, requestedHours: hours, reason: 'More time', createdAt: new Date(at) });
    }
    const plain = (rows: object[]) => rows.map((row) => ({ ...row }));
    expect(plain(await rowsWhere(t.dataSource, ContactDisability, [contactId], { column: 'contact_id', alias: 'd' })))
      .toEqual(plain(await t.dataSource.getRepository(ContactDisability).findBy({ contactId })));
    const requirements = await rowsWhere(t.dataSource, SpecialRequirement, [contactId], { column: 'contact_id', alias: 'r', orderBy: '"r"."type" ASC, "r"."value" ASC' });
    const types = requirements.map((row) => row.type as string);
    expect(types).toEqual(expect.arrayContaining(['HEARING', 'SIGHT']));
    expect(types).toEqual([...types].sort());
    expect(plain(requirements)).toEqual(plain(await t.dataSource.getRepository(SpecialRequirement).find({ where: { contactId }, order: { type: 'ASC', value: 'ASC' } })));
    const extensions = await rowsWhere(t.dataSource, AccessExtension, [grant.id], { column: 'grant_id', alias: 'e', orderBy: '"e"."created_at" ASC' });
    expect(extensions.map((row) => row.requestedHours)).toEqual([1, 2]);
    expect(extensions.every((row) => row instanceof AccessExtension)).toBe(true);
    expect(plain(extensions)).toEqual(plain(await t.dataSource.getRepository(AccessExtension).find({ where: { grantId: grant.id }, order: { createdAt: 'ASC' } })));

    // SR-8 history: under the SR's read rule, in the same statement; nothing of an SR the caller may not read.
    await t.dataSource.getRepository(SrStatusChange).save({ serviceRequestId: sr.id, changedAt: new Date('2026-01-02T03:04:05Z'), actorType: 'SYSTEM' as never, toStatus: sr.status });
    const expected = plain(await t.dataSource.getRepository(SrStatusChange).find({ where: { serviceRequestId: sr.id }, order: { id: 'ASC' } }));
    const everything = { ability: createMongoAbility<AppAbility>([{ action: 'read', subject: 'ServiceRequest' }]), dataSource: t.dataSource, loaders: new Map() } as unknown as RequestContext;
    expect(plain(await statusHistoryBySrId(everything).load(sr.id))).toEqual(expected);
    const nothing = { ability: createMongoAbility<AppAbility>([]), dataSource: t.dataSource, loaders: new Map() } as unknown as RequestContext;
    expect(await statusHistoryBySrId(nothing).load(sr.id)).toEqual([]);
  });

  it('the same statements run side by side on every connection of the pool (named on a server, unnamed on the embedded database)', async () => {
    const ctx = await contextOf('CW1002');
    const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => (i % 2 === 0
      ? contactPageRows(ctx, { limit: 5 })
      : loadPrincipal(t.dataSource.manager, { subject: 'CW1002', principalType: 'staff' } as never, new Date()))));
    expect(answers).toHaveLength(30);
    expect(answers[0]).toEqual(answers[2]);
  });

  it('inside a transaction a statement runs on the transaction\'s connection (it sees the uncommitted row)', async () => {
    const ctx = await contextOf('SCRC3002');
    const count = statement('SELECT count(*)::int AS n FROM "contact" WHERE "last_name" = $1');
    // The embedded database runs one transaction at a time for all connections: a read from outside
    // would wait for this one to end, so only a server can show the other side.
    const server = !embeddedHubFor((t.dataSource.options as { url?: string }).url);
    await t.dataSource.transaction(async (tx) => {
      await tx.query(`INSERT INTO contact (kind, first_name, last_name) VALUES ('CLIENT', 'Tx', 'Uncommitted-Read-Path')`);
      const [inside] = await queryRows<{ n: number }>(tx, count, ['Uncommitted-Read-Path']);
      expect(inside.n).toBe(1);
      if (server) {
        const [outside] = await queryRows<{ n: number }>(ctx.dataSource.manager, count, ['Uncommitted-Read-Path']);
        expect(outside.n).toBe(0);
        // On a server the statement is prepared on that connection, under the name it keeps.
        const prepared = await tx.query('SELECT name FROM pg_prepared_statements WHERE statement = $1', [count.text]);
        expect(prepared).toEqual([{ name: count.name }]);
      }
      throw new Error('roll back');
    }).catch((error: Error) => expect(error.message).toBe('roll back'));
  });

  it('a failing statement is thrown as TypeORM\'s QueryFailedError, with its SQLSTATE', async () => {
    await expect(queryRows(t.dataSource.manager, statement('SELECT 1/0 AS n WHERE $1::int = 1'), [1])).rejects.toMatchObject({
      name: 'QueryFailedError', driverError: expect.objectContaining({ code: '22012' }),
    });
  });
});
