import type { EntityManager } from 'typeorm';
import type { RequestContext } from '../../request/context';
import { Contact } from '../contacts/contact.entity';
import { ContactKind } from '../contacts/contact-enums';
import { notARepresentativeRefusal, notSetUpRefusal, refuse, SecurityRefusal } from './security-errors';
import { AuditAction } from '../../audit-trail/audit-trail';
import { auditSecurity, type SecurityPath } from './security-audit';
import { encryptPin, hashPair } from './secrets';
import { assertNotRepresentative } from './security-rules';
import { SecurityAccount, type HashPair } from './security-account.entity';
import { SecurityCheck } from './security-check.entity';
import { MEMORABLE_QUESTIONS, MemorableQuestion } from './security-enums';
import { DEFAULT_ANSWER } from './security-validation';

/** SEC-2: the defaults when the client cannot be reached or refuses. */
export const DEFAULT_PIN = '1234567';
export const DEFAULT_PASSWORD = 'Apply Defaults';

export interface NewSecurityDetails {
  pin: string;
  password: string;
  answers: Record<MemorableQuestion, string>;
  onDefaults: boolean;
}

const staffId = (ctx: RequestContext) => (ctx.principal?.kind === 'staff' ? ctx.principal.staff.id : null);

/** A stored PIN/password, protected: what a change carries from the client to the account. */
export interface ProtectedChange {
  pinCipher: string | null;
  passwordHashes: HashPair | null;
}

export async function protectChange(ctx: RequestContext, contactId: string, pin?: string, password?: string): Promise<ProtectedChange> {
  return {
    pinCipher: pin ? encryptPin(pin, ctx.config.secretsKey, contactId) : null,
    passwordHashes: password ? await hashPair(password, ctx.config.secretsHashCost) : null,
  };
}

/** Details with the password and answers already hashed: slow work done before any lock is taken. */
export interface PreparedSecurityDetails {
  pin: string;
  passwordHashes: HashPair;
  answerHashes: Record<MemorableQuestion, HashPair>;
  onDefaults: boolean;
}

/**
 * The published defaults (SEC-2: "Apply Defaults", X) are hashed once per process and cost, not on
 * every set up: at the OWASP cost each hash takes 128 MiB and a noticeable fraction of a second.
 * Everyone on defaults shares these hashes; the values are public anyway, and the account says so.
 */
const constantHashes = new Map<string, Promise<HashPair>>();
function hashOf(value: string, cost: number): Promise<HashPair> {
  if (value !== DEFAULT_ANSWER && value !== DEFAULT_PASSWORD) return hashPair(value, cost);
  const key = `${cost}:${value}`;
  let pair = constantHashes.get(key);
  if (!pair) {
    pair = hashPair(value, cost);
    constantHashes.set(key, pair);
    pair.catch(() => constantHashes.delete(key));
  }
  return pair;
}

/** The seven answers on their default, X (hashed once per process and cost). */
export async function defaultAnswerHashes(cost: number): Promise<Record<MemorableQuestion, HashPair>> {
  const pair = await hashOf(DEFAULT_ANSWER, cost);
  return Object.fromEntries(MEMORABLE_QUESTIONS.map((question) => [question, pair])) as Record<MemorableQuestion, HashPair>;
}

export async function prepareSecurityDetails(details: NewSecurityDetails, cost: number): Promise<PreparedSecurityDetails> {
  const [passwordHashes, ...answerPairs] = await Promise.all([
    hashOf(details.password, cost),
    ...MEMORABLE_QUESTIONS.map((question) => hashOf(details.answers[question] ?? DEFAULT_ANSWER, cost)),
  ]);
  const answerHashes = Object.fromEntries(MEMORABLE_QUESTIONS.map((question, i) => [question, answerPairs[i]])) as Record<MemorableQuestion, HashPair>;
  return { pin: details.pin, passwordHashes, answerHashes, onDefaults: details.onDefaults };
}

/** SEC-1/SEC-2: writes (or replaces, for a contact on defaults) the whole set of security details. */
export async function writeSecurityAccount(
  ctx: RequestContext,
  tx: EntityManager,
  contact: Contact,
  details: PreparedSecurityDetails,
): Promise<void> {
  const existing = await tx.findOne(SecurityAccount, { where: { contactId: contact.id }, lock: { mode: 'pessimistic_write' } });
  const account = existing ?? tx.create(SecurityAccount, { contactId: contact.id });
  Object.assign(account, {
    pinCipher: encryptPin(details.pin, ctx.config.secretsKey, contact.id),
    passwordHashes: details.passwordHashes,
    answerHashes: details.answerHashes,
    onDefaults: details.onDefaults,
    failedAttempts: 0,
    blocked: false,
    blockedAt: null,
    setUpAt: ctx.now,
    setUpById: staffId(ctx),
    updatedAt: ctx.now,
  });
  await tx.save(account);
  await closeVerificationWindows(tx, contact.id, ctx.now);
  await auditSecurity(ctx, tx, contact.id, [{
    action: details.onDefaults ? AuditAction.SECURITY_DEFAULTS_APPLIED : AuditAction.SECURITY_SET_UP,
    details: { replacedExisting: Boolean(existing) },
  }]);
}

/**
 * SEC-6: unblocks the account and replaces the PIN and/or password (the old values are
 * overwritten, nothing readable is kept). Refuses a representative itself (REP-1), so no caller
 * can get round the rule by calling this directly.
 */
export async function replaceSecurityDetails(
  ctx: RequestContext,
  tx: EntityManager,
  contactId: string,
  change: ProtectedChange,
): Promise<{ wasBlocked: boolean }> {
  // The kind is read here, not taken from the caller, so a direct call cannot pass a representative off as a client.
  const contact = await tx.findOneOrFail(Contact, { where: { id: contactId }, select: { id: true, kind: true } });
  assertNotRepresentative(contact);
  return overwriteSecrets(ctx, tx, contact.id, change, 'CHANGE_OF_SECURITY_DETAILS');
}

/**
 * REP-3: the representative's own path (Client Representative - Maintain): unblocks and replaces
 * the PIN and/or password of a representative, and of nobody else.
 */
export async function maintainRepresentativeSecrets(
  ctx: RequestContext,
  tx: EntityManager,
  contactId: string,
  change: ProtectedChange,
): Promise<{ wasBlocked: boolean }> {
  const contact = await tx.findOneOrFail(Contact, { where: { id: contactId }, select: { id: true, kind: true } });
  if (contact.kind !== ContactKind.REPRESENTATIVE) throw notARepresentativeRefusal();
  return overwriteSecrets(ctx, tx, contact.id, change, 'REPRESENTATIVE_MAINTAIN');
}

/** Unblock, and overwrite what is given. Not exported: the two paths above decide who it is for. */
async function overwriteSecrets(ctx: RequestContext, tx: EntityManager, contactId: string, change: ProtectedChange, path: SecurityPath) {
  const account = await tx.findOne(SecurityAccount, { where: { contactId }, lock: { mode: 'pessimistic_write' } });
  if (!account) throw notSetUpRefusal();
  // Asked only to unblock (REP-3) an account that is not blocked: nothing to do.
  if (!change.pinCipher && !change.passwordHashes && !account.blocked) {
    throw refuse(SecurityRefusal.NOT_BLOCKED, "The account is not blocked: there is nothing to unblock.");
  }
  const wasBlocked = account.blocked;
  if (change.pinCipher) account.pinCipher = change.pinCipher;
  if (change.passwordHashes) account.passwordHashes = change.passwordHashes;
  // Seed 000 step 12: a change collects no memorable answers: each is set to X.
  if (path === 'CHANGE_OF_SECURITY_DETAILS') account.answerHashes = await defaultAnswerHashes(ctx.config.secretsHashCost);
  // Still on defaults only while one of the default PIN / password is left in place.
  account.onDefaults = account.onDefaults && !(change.pinCipher && change.passwordHashes);
  account.blocked = false;
  account.blockedAt = null;
  account.failedAttempts = 0;
  account.updatedAt = ctx.now;
  await tx.save(account);
  await closeVerificationWindows(tx, contactId, ctx.now);
  const pinChanged = Boolean(change.pinCipher);
  const passwordChanged = Boolean(change.passwordHashes);
  await auditSecurity(ctx, tx, contactId, [
    ...(wasBlocked ? [{ action: AuditAction.SECURITY_ACCOUNT_UNBLOCKED, details: { path } }] : []),
    ...(pinChanged || passwordChanged ? [{ action: AuditAction.SECURITY_DETAILS_CHANGED, details: { path, pinChanged, passwordChanged, answersReset: path === 'CHANGE_OF_SECURITY_DETAILS' } }] : []),
  ]);
  return { wasBlocked };
}

/** New details, a failed check or a block end any open verification of the contact. */
export async function closeVerificationWindows(tx: EntityManager, contactId: string, now: Date): Promise<void> {
  await tx
    .createQueryBuilder()
    .update(SecurityCheck)
    .set({ verifiedUntil: now })
    .where('contact_id = :contactId AND verified_until > :now', { contactId, now })
    .execute();
}
