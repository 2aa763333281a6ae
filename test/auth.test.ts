import jwt from 'jsonwebtoken';
import { generateKeyPairSync } from 'node:crypto';
import { signAccessToken, verifyAccessToken } from '../src/auth/jwt';
import { loadConfig } from '../src/config';
import { Staff } from '../src/modules/staff/staff.entity';
import { StaffRole } from '../src/authorization/roles';
import { contactByScin, DEMO } from './support/demo';
import { codesOf, postGraphQL, startTestApp, type TestApp } from './support/test-app';

const ME = '{ me { staff { staffNumber role } contact { id } } }';
const CONTACTS_COUNT = '{ contacts(first: 1) { totalCount } }';

describe('token verification (unit)', () => {
  const config = loadConfig({ NODE_ENV: 'test' });
  const now = new Date('2026-03-02T09:00:00Z');
  const seconds = Math.floor(now.getTime() / 1000);
  const sign = (payload: object, options: jwt.SignOptions = {}, key: jwt.Secret = config.jwt.secret!) =>
    jwt.sign({ typ: 'staff', ...payload }, key, {
      algorithm: 'HS256', subject: 'CW1002', issuer: config.jwt.issuer, audience: config.jwt.audience, ...options,
    });
  const refused = (token: string) => expect(() => verifyAccessToken(config.jwt, token, now)).toThrow(/invalid or expired/);

  it('accepts a well-formed token and returns only subject and principal type', () => {
    const token = sign({ iat: seconds, exp: seconds + 60 });
    expect(verifyAccessToken(config.jwt, token, now)).toEqual({ subject: 'CW1002', principalType: 'staff' });
  });

  it('pins the algorithm: alg none and other HMAC algorithms are refused', () => {
    const unsigned = jwt.sign({ typ: 'staff', exp: seconds + 60 }, '', { algorithm: 'none', subject: 'CW1002', issuer: config.jwt.issuer, audience: config.jwt.audience });
    refused(unsigned);
    refused(sign({ exp: seconds + 60 }, { algorithm: 'HS512' }));
  });

  it('checks issuer, audience, expiry, not-before and signature', () => {
    refused(sign({ exp: seconds + 60 }, { issuer: 'someone-else' }));
    refused(sign({ exp: seconds + 60 }, { audience: 'other-api' }));
    refused(sign({ exp: seconds - 60 }));
    refused(sign({ exp: seconds + 600, nbf: seconds + 300 }));
    refused(sign({ exp: seconds + 60 }, {}, 'a-different-secret-that-is-long-enough-123'));
    refused(sign({}, {}));
  });

  it('refuses a token issued in the future or minted to live longer than JWT_MAX_LIFETIME_SECONDS', () => {
    refused(sign({ iat: seconds + 3600, exp: seconds + 7200 }));
    refused(sign({ iat: seconds, exp: seconds + config.jwt.maxLifetimeSeconds + 1 }));
    refused(jwt.sign({ typ: 'staff', exp: seconds + 60 }, config.jwt.secret!, { noTimestamp: true, subject: 'CW1002', issuer: config.jwt.issuer, audience: config.jwt.audience }));
    expect(verifyAccessToken(config.jwt, sign({ iat: seconds, exp: seconds + config.jwt.maxLifetimeSeconds }), now).subject).toBe('CW1002');
  });

  it('refuses a token without a principal type or subject', () => {
    refused(jwt.sign({ exp: seconds + 60 }, config.jwt.secret!, { subject: 'CW1002', issuer: config.jwt.issuer, audience: config.jwt.audience }));
    refused(jwt.sign({ typ: 'staff', exp: seconds + 60 }, config.jwt.secret!, { issuer: config.jwt.issuer, audience: config.jwt.audience }));
  });

  it('verifies RS256 with a public key and refuses an HS256 token signed with that public key (key confusion)', () => {
    const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const rsConfig = loadConfig({ NODE_ENV: 'test', JWT_PUBLIC_KEY: pem });
    const good = jwt.sign({ typ: 'staff', iat: seconds, exp: seconds + 60 }, privateKey, { algorithm: 'RS256', subject: 'CW1002', issuer: rsConfig.jwt.issuer, audience: rsConfig.jwt.audience });
    expect(verifyAccessToken(rsConfig.jwt, good, now).subject).toBe('CW1002');
    const confused = jwt.sign({ typ: 'staff', exp: seconds + 60 }, pem, { algorithm: 'HS256', subject: 'CW1002', issuer: rsConfig.jwt.issuer, audience: rsConfig.jwt.audience });
    expect(() => verifyAccessToken(rsConfig.jwt, confused, now)).toThrow(/invalid or expired/);
  });
});

describe('principal from the database on every request', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('me answers with role and staff number read from the database', async () => {
    const res = await t.as('CW1002')(ME);
    expect(res.data.me).toEqual({ staff: { staffNumber: 'CW1002', role: 'CASEWORKER' }, contact: null });
  });

  it('an unknown staff number or an inactive member of staff is UNAUTHENTICATED with status 401 and WWW-Authenticate: Bearer', async () => {
    for (const staffNumber of ['NOPE999', 'CW1099']) {
      const res = await t.as(staffNumber)(ME);
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer /);
      expect(codesOf(res)).toEqual(['UNAUTHENTICATED']);
      expect(res.data).toBeUndefined();
    }
  });

  it('the scheme is case-insensitive (RFC 7235)', async () => {
    const token = t.tokenFor('CW1002');
    for (const scheme of ['bearer', 'BEARER', 'Bearer']) {
      const res = await fetch(`${t.app.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `${scheme} ${token}` },
        body: JSON.stringify({ query: ME }),
      });
      expect(((await res.json()) as any).data.me.staff.staffNumber).toBe('CW1002');
    }
  });

  it('an expired token stops working when the clock passes its expiry', async () => {
    const token = signAccessToken(t.config.jwt, { subject: 'CW1002', principalType: 'staff' }, { now: t.clock.now(), expiresInSeconds: 60 });
    expect((await postGraphQL(t.app.url, token, ME)).status).toBe(200);
    t.clock.advance(61_000 + 5_000);
    const later = await postGraphQL(t.app.url, token, ME);
    expect(later.status).toBe(401);
    expect(codesOf(later)).toEqual(['UNAUTHENTICATED']);
  });

  it('a promotion, demotion or deactivation applies to the very next request with the same token', async () => {
    const token = t.tokenFor('CW1003');
    const repo = t.dataSource.getRepository(Staff);
    const sensitiveCount = async () => (await postGraphQL(t.app.url, token, CONTACTS_COUNT)).data?.contacts.totalCount;
    const ordinary = await sensitiveCount();
    await repo.update({ staffNumber: 'CW1003' }, { role: StaffRole.SCR_CASEWORKER });
    expect(await sensitiveCount()).toBe(ordinary + DEMO.sensitiveClients);
    await repo.update({ staffNumber: 'CW1003' }, { role: StaffRole.CASEWORKER });
    expect(await sensitiveCount()).toBe(ordinary);
    await repo.update({ staffNumber: 'CW1003' }, { active: false });
    const refused = await postGraphQL(t.app.url, token, CONTACTS_COUNT);
    expect(codesOf(refused)).toEqual(['UNAUTHENTICATED']);
    await repo.update({ staffNumber: 'CW1003' }, { active: true });
  });

  it('a self-service token works only for a contact registered and active on self service', async () => {
    const alice = await contactByScin(t.dataSource, DEMO.ordinaryPwc);
    const me = await t.asClient(alice.id)(ME);
    expect(me.data.me).toEqual({ staff: null, contact: { id: alice.id } });
    const brian = await contactByScin(t.dataSource, DEMO.ordinaryNrpWithRep);
    expect(codesOf(await t.asClient(brian.id)(ME))).toEqual(['UNAUTHENTICATED']);
    expect(codesOf(await t.asClient('not-a-uuid')(ME))).toEqual(['UNAUTHENTICATED']);
  });

  it('a staff token cannot pose as a client: the principal type decides the table looked up', async () => {
    const alice = await contactByScin(t.dataSource, DEMO.ordinaryPwc);
    const res = await postGraphQL(t.app.url, t.tokenFor(alice.id, 'staff'), ME);
    expect(codesOf(res)).toEqual(['UNAUTHENTICATED']);
  });
});
