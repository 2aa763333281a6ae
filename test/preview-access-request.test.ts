import { AccessPurpose } from '../src/authorization/grant-purpose';
import { AccessGrant } from '../src/modules/access-requests/access-grant.entity';
import { Staff } from '../src/modules/staff/staff.entity';
import { Team } from '../src/modules/staff/team.entity';
import { APPROVE, CHECK, formFor, GRANT, ok, sensitiveDemoSr, SUBMIT } from './support/access-chain';
import { contactByScin, DEMO } from './support/demo';
import { snapshot } from './support/snapshot';
import { codesOf, startTestApp, type TestApp } from './support/test-app';

const PREVIEW = `query($id: ID!, $hours: Int) { previewAccessRequest(id: $id, grantedHours: $hours) {
  requestId status purpose from until hours gains { subjectType subjectId actions personalFields } hidden { subjectType count description }
  overlaps { kind id purpose state from until } hiddenOverlaps notes asOf } }`;
const NOTE = 'mutation($id: ID!) { addServiceRequestNote(input: { id: $id, text: "Checked the address." }) { serviceRequest { id } } }';
const CONTACT_IDS = '{ contacts(first: 100) { edges { node { id } } } }';
const HOUR = 3600_000;

let t: TestApp;
beforeEach(async () => {
  t = await startTestApp();
});
afterEach(() => t?.close());

const submit = async () => ok(await t.as('CW1002')(SUBMIT, { input: await formFor(t.dataSource) })).submitAccessRequest.accessRequest.id as string;
const preview = (staff: string, id: string, hours?: number) => t.as(staff)(PREVIEW, { id, hours });
const contactIds = async (staff: string) => new Set<string>(ok(await t.as(staff)(CONTACT_IDS)).contacts.edges.map((e: any) => e.node.id));

describe('POL-2: an approver previews exactly what a pending request would grant, with nothing written', () => {
  it('POL-2: the team leader sees what would open; the sensitive contact they may not see is counted, never named', async () => {
    const id = await submit();
    const chloe = await contactByScin(t.dataSource, DEMO.sensitivePwc);
    const sr = await sensitiveDemoSr(t.dataSource);
    const before = await snapshot(t.dataSource);
    const res = await preview('TL1001', id);
    expect(await snapshot(t.dataSource)).toEqual(before);
    const p = ok(res).previewAccessRequest;
    expect(p).toMatchObject({ requestId: id, status: 'SUBMITTED', purpose: 'VIEW_CONTACT', hours: 4 });
    expect(new Date(p.until).getTime() - new Date(p.from).getTime()).toBe(4 * HOUR);
    expect(p.hidden).toContainEqual({ subjectType: 'Contact', count: 1, description: '1 sensitive contact you cannot see' });
    const srGain = p.gains.find((g: any) => g.subjectType === 'ServiceRequest' && g.subjectId === sr.id);
    expect(srGain.actions).toEqual(expect.arrayContaining(['WORK']));
    expect(srGain.personalFields.length).toBeGreaterThan(0);
    const text = JSON.stringify(res);
    for (const secret of [chloe.id, chloe.firstName, chloe.lastName, DEMO.sensitivePwc, DEMO.sensitiveNino]) expect(text).not.toContain(secret);
  });

  it('POL-2: what the SCR manager previews is exactly what the requester gains once granted', async () => {
    const id = await submit();
    const sr = await sensitiveDemoSr(t.dataSource);
    ok(await t.as('TL1001')(CHECK, { input: { id } }));
    const p = ok(await preview('SCRM3001', id)).previewAccessRequest;
    expect(p.hidden).toEqual([]);
    const contactGains = p.gains.filter((g: any) => g.subjectType === 'Contact');
    expect(contactGains.map((g: any) => g.subjectId)).toEqual([sr.subjectContactId]);
    expect(contactGains[0].actions).toEqual(expect.arrayContaining(['READ', 'VERIFY']));
    expect(contactGains[0].personalFields).toEqual(expect.arrayContaining(['firstName', 'lastName', 'nino']));
    const worked = p.gains.filter((g: any) => g.subjectType === 'ServiceRequest' && g.actions.includes('WORK')).map((g: any) => g.subjectId);
    expect(worked).toContain(sr.id);

    const seenBefore = await contactIds('CW1002');
    expect(codesOf(await t.as('CW1002')(NOTE, { id: sr.id }))).toEqual(['FORBIDDEN']);
    ok(await t.as('SCRM3001')(APPROVE, { id }));
    // FLLS may not see the contact: the same gains, the contact counted instead of named.
    const fllsView = ok(await preview('FLLS4001', id, 2)).previewAccessRequest;
    expect(fllsView.hidden).toContainEqual({ subjectType: 'Contact', count: 1, description: '1 sensitive contact you cannot see' });
    expect(new Date(fllsView.until).getTime() - new Date(fllsView.from).getTime()).toBe(2 * HOUR);
    ok(await t.as('FLLS4001')(GRANT, { input: { id, grantedHours: 2 } }));

    const seenAfter = await contactIds('CW1002');
    expect([...seenAfter].filter((contact) => !seenBefore.has(contact))).toEqual(contactGains.map((g: any) => g.subjectId));
    for (const srId of worked) expect(codesOf(await t.as('CW1002')(NOTE, { id: srId }))).toEqual([]);
  });

  it('POL-2: only the decider of the current stage previews; others get the answer they get for deciding', async () => {
    const id = await submit();
    expect(codesOf(await preview('CW1002', id))).toEqual(['FORBIDDEN']); // requesters decide nothing
    expect(codesOf(await preview('SECR5001', id))).toEqual(['FORBIDDEN']); // reviewers simulate instead
    expect(codesOf(await preview('SCRM3001', id))).toEqual(['NOT_FOUND']); // not yet checked by a TL: not theirs to see
    expect(codesOf(await preview('TL2001', id))).toEqual(['NOT_FOUND']); // another team's leader
    ok(await t.as('TL1001')(CHECK, { input: { id } }));
    const passed = await preview('TL1001', id);
    expect(codesOf(passed)).toEqual(['CONFLICT']);
    expect(passed.errors![0].extensions!.reason).toBe('WRONG_STAGE');
    expect(codesOf(await preview('SCRM3001', id, 0))).toEqual(['BAD_USER_INPUT']);
    expect(codesOf(await preview('SCRM3001', 'not-an-id'))).toEqual(['BAD_USER_INPUT']);
  });

  it('POL-2: live and pending grants and forms it overlaps are listed, those the approver may not see only counted', async () => {
    const id = await submit();
    const second = await submit();
    const sr = await sensitiveDemoSr(t.dataSource);
    const requester = await t.dataSource.getRepository(Staff).findOneByOrFail({ staffNumber: 'CW1002' });
    const otherTeam = await t.dataSource.getRepository(Team).findOneByOrFail({ name: 'Enforcement Team B' });
    const now = t.clock.now().getTime();
    const grant = (teamId: string, from: number, to: number, purpose = AccessPurpose.ROUTE_SR_TO_SCR) => t.dataSource.getRepository(AccessGrant).save({
      requestId: null, staffId: requester.id, teamId, contactId: sr.subjectContactId, serviceRequestId: sr.id, purpose,
      grantedAt: new Date(now + from * HOUR), expiresAt: new Date(now + to * HOUR), removedAt: null,
    });
    const live = await grant(requester.teamId!, -1, 1);
    const later = await grant(requester.teamId!, 2, 6, AccessPurpose.FINANCE_ACTION);
    await grant(otherTeam.id, -1, 3); // made while they were in another team: not their team leader's to see
    await grant(requester.teamId!, -5, -1); // expired: no overlap
    await grant(requester.teamId!, 5, 9); // starts after the new one would end: no overlap
    const p = ok(await preview('TL1001', id)).previewAccessRequest;
    expect(p.overlaps.map((o: any) => [o.kind, o.id, o.state])).toEqual([
      ['GRANT', live.id, 'ACTIVE'], ['GRANT', later.id, 'NOT_STARTED'], ['REQUEST', second, 'SUBMITTED'],
    ]);
    expect(p.hiddenOverlaps).toBe(1);
  });
});
