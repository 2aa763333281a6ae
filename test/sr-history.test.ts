import { ServiceRequest } from '../src/modules/service-requests/service-request.entity';
import { DEMO } from './support/demo';
import {
  contactIdOf, DECLINE_CHANGE, ok, raiseSr, REQUEST_CHANGE, SEND_FORM, setUpSecurityFor, START_CHANGE,
} from './support/security';
import { startTestApp, type TestApp } from './support/test-app';

/** SR-8: every SR keeps a status history (who, when, from, to, sub status). */

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const HISTORY = `query($id: ID!) { serviceRequest(id: $id) { status subStatus statusHistory {
  changedAt actorType fromStatus fromSubStatus toStatus toSubStatus by { staffNumber } } } }`;
const steps = (sr: any) => sr.statusHistory.map((s: any) => [s.fromStatus, s.fromSubStatus, s.toStatus, s.toSubStatus, s.actorType, s.by?.staffNumber ?? null]);

describe('SR-8: status history', () => {
  it('SR-8: a declined change shows ASSESS_OUTCOME_OF_CHANGE and COFC_DECLINED before CLOSED / COMPLETE, each step with who and when', async () => {
    const gwen = await contactIdOf(t.dataSource, 'SC0000007');
    await setUpSecurityFor(t.as('CW6002'), t.dataSource, gwen);
    const raisedAt = t.clock.now();
    const raised = ok(await raiseSr(t.as('CW6002'), t.dataSource, 'CHANGE_SECURITY_DETAILS', gwen)).createServiceRequest.serviceRequest;
    t.clock.advance(60_000);
    ok(await t.as('CW6002')(START_CHANGE, { input: { id: raised.id } }));
    t.clock.advance(60_000);
    ok(await t.as('CW6002')(SEND_FORM, { input: { id: raised.id, reason: 'CLIENT_REQUEST' } }));
    t.clock.advance(60_000);
    const declinedAt = t.clock.now();
    ok(await t.as('CW6002')(DECLINE_CHANGE, { input: { id: raised.id, reason: 'INSUFFICIENT_INFORMATION' } }));

    const sr = ok(await t.as('CW6002')(HISTORY, { id: raised.id })).serviceRequest;
    expect(steps(sr)).toEqual([
      [null, null, 'OPEN', null, 'STAFF', 'CW6002'],
      ['OPEN', null, 'IN_PROGRESS', null, 'STAFF', 'CW6002'],
      ['IN_PROGRESS', null, 'IN_PROGRESS', 'SECURITY_DETAILS', 'STAFF', 'CW6002'],
      ['IN_PROGRESS', 'SECURITY_DETAILS', 'WAIT', 'SECURITY_DETAILS', 'STAFF', 'CW6002'],
      // Seed 000 step 10: the returned form is assessed before the change is declined.
      ['WAIT', 'SECURITY_DETAILS', 'WAIT', 'ASSESS_OUTCOME_OF_CHANGE', 'STAFF', 'CW6002'],
      ['WAIT', 'ASSESS_OUTCOME_OF_CHANGE', 'WAIT', 'COFC_DECLINED', 'STAFF', 'CW6002'],
      ['WAIT', 'COFC_DECLINED', 'CLOSED', 'COMPLETE', 'STAFF', 'CW6002'],
    ]);
    expect(sr.statusHistory[0].changedAt).toBe(raisedAt.toISOString());
    expect(sr.statusHistory.at(-1).changedAt).toBe(declinedAt.toISOString());
    // The last step is where the SR is.
    expect([sr.status, sr.subStatus]).toEqual(['CLOSED', 'COMPLETE']);
  });

  it('SR-8: a self-service SR names the client as the actor; the client sees no staff record in it', async () => {
    const alice = await contactIdOf(t.dataSource, DEMO.ordinaryPwc);
    await setUpSecurityFor(t.as('CW1002'), t.dataSource, alice);
    const sr = ok(await t.asClient(alice)(REQUEST_CHANGE, { input: { newPin: '2718281' } })).requestSecurityDetailsChange.serviceRequest;
    const seen = ok(await t.as('CW1002')(HISTORY, { id: sr.id })).serviceRequest;
    expect(steps(seen)).toEqual([
      [null, null, 'OPEN', null, 'CLIENT', null],
      ['OPEN', null, 'IN_PROGRESS', 'SECURITY_DETAILS', 'CLIENT', null],
    ]);
    const own = ok(await t.asClient(alice)(HISTORY, { id: sr.id })).serviceRequest;
    expect(own.statusHistory).toHaveLength(2);
  });

  it('SR-8: the history goes with the SR: a caller who may not read the SR gets nothing', async () => {
    const [{ id }] = await t.dataSource.query(`SELECT id FROM service_request WHERE segment = 'WELSH' LIMIT 1`);
    expect(ok(await t.as('CW6002')(HISTORY, { id })).serviceRequest.statusHistory.length).toBeGreaterThan(0);
    // CW1002 works the MAINTENANCE segment: a WELSH SR answers as missing, history and all.
    expect(ok(await t.as('CW1002')(HISTORY, { id })).serviceRequest).toBeNull();
  });

  it('SR-8: a status changed around changeSrState fails the write instead of leaving a gap', async () => {
    const [row] = await t.dataSource.query(`SELECT id FROM service_request WHERE status = 'CLOSED' LIMIT 1`);
    const repo = t.dataSource.getRepository(ServiceRequest);
    const sr = await repo.findOneByOrFail({ id: row.id });
    sr.subStatus = 'SOMETHING_ELSE';
    await expect(repo.save(sr)).rejects.toThrow(/SR-8/);
    expect((await repo.findOneByOrFail({ id: row.id })).subStatus).toBe('COMPLETE');
  });
});
