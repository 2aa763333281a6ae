import { prepareSecurityDetails } from '../src/modules/security/security-account.service';
import { getNamedType, GraphQLBoolean, isObjectType } from 'graphql';
import { decryptPin, encryptPin, hashValue, verifyValue } from '../src/modules/security/secrets';
import { SecurityAccount } from '../src/modules/security/security-account.entity';
import { buildAppSchema } from '../src/server/schema';
import { DEMO } from './support/demo';
import {
  ACCEPT_CHANGE, ANSWER_CHECK, answersFor, COMPLETE_CHANGE, contactIdOf, ok, raiseSr, REQUEST_CHANGE, SECRETS, SEND_FORM, SET_UP,
  SR_FIELDS, START_CHANGE, START_CHECK, startedSetUpSr, STATUS,
} from './support/security';
import { startTestApp, type GraphQLClient, type TestApp } from './support/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

/** Every response body the test receives, to search for secrets afterwards. */
const bodies: string[] = [];
const recording = (client: GraphQLClient): GraphQLClient => async (query, variables) => {
  const res = await client(query, variables);
  bodies.push(JSON.stringify({ data: res.data, errors: res.errors }));
  return res;
};

const NEW_DETAILS = { pin: '6049173', password: 'Quiet Orchard Morning' };
const SELF_SERVICE_DETAILS = { pin: '8172635', password: 'Saffron Tuesday Kite' };
const OFFENSIVE = 'Sh1tStorm Ninety';

/** The secrets and the forms a careless implementation might leak them in. */
function secretForms(): string[] {
  const values = [SECRETS.pin, SECRETS.password, ...Object.values(SECRETS.answers), NEW_DETAILS.pin, NEW_DETAILS.password,
    SELF_SERVICE_DETAILS.pin, SELF_SERVICE_DETAILS.password, OFFENSIVE];
  return values.flatMap((value) => [value, value.toLowerCase(), value.toUpperCase()]);
}

describe('SEC-3: secrets are write-only, protected at rest, never returned or logged', () => {
  it('SEC-3: no output type of the schema has a field for a PIN, password or answer', () => {
    const schema = buildAppSchema();
    const suspicious: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith('__')) continue;
      for (const [field, definition] of Object.entries(type.getFields())) {
        // A yes/no flag (pinChanged) cannot carry a secret; any other type named like one is suspect.
        if (getNamedType(definition.type) === GraphQLBoolean) continue;
        if (/pin|password|answer|secret|hash|cipher/i.test(field)) suspicious.push(`${type.name}.${field}`);
      }
    }
    // The only ones: the challenge's positions, the mutation that takes answers in, and the audit
    // chain's integrity hashes (AUD-3: sha256 of audit events, computed from no secret).
    expect(suspicious.sort()).toEqual([
      'AuditChainPosition.hash', 'AuditCheckpoint.hash', 'AuditEvent.hash', 'AuditEvent.prevHash',
      'Mutation.answerSecurityCheck', 'SecurityChallenge.pinPositions',
    ]);
  });

  it('SEC-3: a whole run with known secrets leaves none in any response body, log line or readable column', async () => {
    const staff = recording(t.as('CW2002'));
    const emma = await contactIdOf(t.dataSource, 'SC0000005');
    // Set up, with one refused attempt carrying an offensive password.
    const sr = await startedSetUpSr(staff, t.dataSource, emma);
    await staff(SET_UP, { input: { serviceRequestId: sr.id, pin: SECRETS.pin, password: OFFENSIVE } });
    await staff(SET_UP, { input: { serviceRequestId: sr.id, ...SECRETS } });
    // Checks: a pass, a failure, an answer to the wrong questions.
    for (const transform of [(text: string) => text, (text: string) => `${text}!`]) {
      const challenge = ok(await staff(START_CHECK, { contactId: emma })).startSecurityCheck.challenge;
      await staff(ANSWER_CHECK, { input: answersFor(challenge, SECRETS, transform) });
    }
    const challenge = ok(await staff(START_CHECK, { contactId: emma })).startSecurityCheck.challenge;
    await staff(ANSWER_CHECK, { input: { ...answersFor(challenge, SECRETS), answers: [{ question: 'NAME', answer: SECRETS.answers.name }] } });
    // A change of security details through to closure.
    const change = ok(await raiseSr(staff, t.dataSource, 'CHANGE_SECURITY_DETAILS', emma)).createServiceRequest.serviceRequest;
    await staff(START_CHANGE, { input: { id: change.id } });
    await staff(SEND_FORM, { input: { id: change.id, reason: 'CLIENT_REQUEST' } });
    await staff(ACCEPT_CHANGE, { input: { id: change.id, newPin: NEW_DETAILS.pin, newPassword: NEW_DETAILS.password } });
    await staff(COMPLETE_CHANGE, { input: { id: change.id, notifyBy: 'LETTER' } });
    // Self service: set up for Alice, then her own request with new details, and a self-service check.
    const alice = await contactIdOf(t.dataSource, DEMO.ordinaryPwc);
    const cw = recording(t.as('CW1002'));
    const aliceSr = await startedSetUpSr(cw, t.dataSource, alice);
    await cw(SET_UP, { input: { serviceRequestId: aliceSr.id, ...SECRETS } });
    const client = recording(t.asClient(alice));
    await client(REQUEST_CHANGE, { input: { newPin: SELF_SERVICE_DETAILS.pin, newPassword: SELF_SERVICE_DETAILS.password } });
    const own = ok(await client(START_CHECK, { contactId: alice })).startSecurityCheck.challenge;
    await client(ANSWER_CHECK, { input: answersFor(own, SECRETS) });
    // Everything readable about them.
    await staff(`query($id: ID!) { serviceRequest(id: $id) { ${SR_FIELDS} } }`, { id: change.id });
    await staff(STATUS, { id: emma });
    await client(`query($id: ID!) { contact(id: $id) { id securityStatus { setUp blocked } } }`, { id: alice });
    await staff(`{ serviceRequests(first: 50) { edges { node { ${SR_FIELDS} } } } }`);

    expect(bodies.length).toBeGreaterThan(15);
    const readable = await t.dataSource.query(`
      SELECT text AS value FROM service_request_note
      UNION ALL SELECT body FROM letter UNION ALL SELECT title FROM letter
      UNION ALL SELECT coalesce(outcome::text, '') FROM activity UNION ALL SELECT coalesce(outcome_note, '') FROM activity UNION ALL SELECT coalesce(description, '') FROM activity
      UNION ALL SELECT coalesce(details::text, '') FROM audit_event`);
    const haystacks = { responses: bodies.join('\n'), logs: t.logLines.join('\n'), columns: readable.map((row: any) => row.value).join('\n') };
    expect(t.logLines.length).toBeGreaterThan(15);
    for (const [where, text] of Object.entries(haystacks)) {
      const found = secretForms().filter((secret) => text.includes(secret));
      expect({ where, found }).toEqual({ where, found: [] });
    }
  });

  it('SEC-3: at rest the PIN is AES-256-GCM encrypted, password and answers are salted scrypt hashes (exact and folded)', async () => {
    const emma = await contactIdOf(t.dataSource, 'SC0000005');
    const alice = await contactIdOf(t.dataSource, DEMO.ordinaryPwc);
    const [emmaRow, aliceRow] = await Promise.all([emma, alice].map((contactId) => t.dataSource.getRepository(SecurityAccount).findOneByOrFail({ contactId })));
    const raw = JSON.stringify(await t.dataSource.query('SELECT * FROM security_account'));
    for (const secret of secretForms()) expect(raw).not.toContain(secret);
    expect(emmaRow.pinCipher).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(decryptPin(emmaRow.pinCipher, t.config.secretsKey, emma)).toBe(NEW_DETAILS.pin);
    // Bound to its contact: copied to another contact's row, it does not decrypt.
    expect(() => decryptPin(emmaRow.pinCipher, t.config.secretsKey, alice)).toThrow();
    const pairs = [emmaRow.passwordHashes, ...Object.values(emmaRow.answerHashes), aliceRow.passwordHashes, ...Object.values(aliceRow.answerHashes)];
    // The configured cost (SECRETS_HASH_COST: 17 by default, the cheapest in tests), r = 8, p = 1.
    const prefix = new RegExp(`^scrypt\\$${2 ** t.config.secretsHashCost}\\$8\\$1\\$`);
    for (const pair of pairs) {
      expect(pair.exact).toMatch(prefix);
      expect(pair.folded).toMatch(prefix);
    }
    // A fresh salt per value given: passwords and Alice's own answers all hash differently.
    const given = [emmaRow.passwordHashes, aliceRow.passwordHashes, ...Object.values(aliceRow.answerHashes)];
    expect(new Set(given.flatMap((pair) => [pair.exact, pair.folded])).size).toBe(given.length * 2);
    expect(await verifyValue(SECRETS.answers.name, aliceRow.answerHashes.NAME.exact)).toBe(true);
    expect(await verifyValue(SECRETS.answers.name.toLowerCase(), aliceRow.answerHashes.NAME.folded)).toBe(true);
    // Emma changed her details: her seven answers are now the published default X (seed 000 step 12), whose hash is shared.
    expect(new Set(Object.values(emmaRow.answerHashes).map((pair) => pair.exact)).size).toBe(1);
    expect(await verifyValue('X', emmaRow.answerHashes.NAME.exact)).toBe(true);
    expect(await verifyValue(SECRETS.answers.name, emmaRow.answerHashes.NAME.exact)).toBe(false);
  });

  it('SEC-3: the primitives: encryption is randomised, hashes verify only their own value', async () => {
    const key = t.config.secretsKey;
    const a = encryptPin('1234567', key, 'contact-a');
    expect(encryptPin('1234567', key, 'contact-a')).not.toBe(a);
    expect(decryptPin(a, key, 'contact-a')).toBe('1234567');
    const hash = await hashValue('Open Sesame', t.config.secretsHashCost);
    expect(hash.split('$')[1]).toBe(String(2 ** t.config.secretsHashCost));
    expect(await verifyValue('Open Sesame', hash)).toBe(true);
    // A hash keeps its own cost: one made at the production (OWASP) cost, 128 MiB of scrypt memory, verifies.
    const owasp = await hashValue('Open Sesame', 17);
    expect(owasp.split('$')[1]).toBe(String(2 ** 17));
    expect(await verifyValue('Open Sesame', owasp)).toBe(true);
    // A stored hash naming an absurd cost is not one of ours: refused, not computed.
    expect(await verifyValue('Open Sesame', owasp.replace(`$${2 ** 17}$`, `$${2 ** 24}$`))).toBe(false);
    expect(await verifyValue('open sesame', hash)).toBe(false);
    expect(await verifyValue('Open Sesame', 'md5$whatever')).toBe(false);
  });

  it('SEC-2: the published defaults are hashed once per cost, not on every set up; a real answer gets its own salt', async () => {
    const defaults = { pin: '1234567', password: 'Apply Defaults', answers: {}, onDefaults: true } as any;
    const a = await prepareSecurityDetails(defaults, t.config.secretsHashCost);
    const b = await prepareSecurityDetails(defaults, t.config.secretsHashCost);
    expect(b.passwordHashes).toBe(a.passwordHashes);
    for (const question of Object.keys(a.answerHashes) as (keyof typeof a.answerHashes)[]) expect(b.answerHashes[question]).toBe(a.answerHashes[question]);
    const own = await prepareSecurityDetails({ ...defaults, password: 'Lantern Harbour Blue', onDefaults: false }, t.config.secretsHashCost);
    const again = await prepareSecurityDetails({ ...defaults, password: 'Lantern Harbour Blue', onDefaults: false }, t.config.secretsHashCost);
    expect(again.passwordHashes.exact).not.toBe(own.passwordHashes.exact);
  });
});
