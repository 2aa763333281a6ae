import { randomInt } from 'node:crypto';
import { AuditAction } from '../../audit-trail/audit-trail';
import { auditSecurity } from './security-audit';
import type { EntityManager } from 'typeorm';
import { type AccessTarget, allows, requireAccess } from '../../authorization/require-access';
import { InputProblems, notFound } from '../../common/errors';
import { isUuid } from '../../common/input';
import type { RequestContext } from '../../request/context';
import { Contact } from '../contacts/contact.entity';
import { decryptPin, verifyPair } from './secrets';
import { closeVerificationWindows } from './security-account.service';
import { notSetUpRefusal, refuse, SecurityRefusal } from './security-errors';
import { SecurityAccount } from './security-account.entity';
import { SecurityCheck } from './security-check.entity';
import { MEMORABLE_QUESTIONS, MemorableQuestion, SecurityCheckChannel, SecurityCheckResult } from './security-enums';
import type { AnswerSecurityCheckInput, SecurityChallenge, AnswerSecurityCheckPayload } from './security-types';
import { VERIFICATION_WINDOW_MS } from './verification';

/** SEC-5: three consecutive failures block the account. */
export const MAX_FAILED_CHECKS = 3;
/** A challenge must be answered within this time. */
export const CHALLENGE_TTL_MS = 10 * 60 * 1000;

/**
 * SEC-4: caseworkers check by phone (not case sensitive); a client checks themselves online (case
 * sensitive). Who may check at all is the role table's `verify` rule, asked before this runs.
 */
const channelOf = (ctx: RequestContext): SecurityCheckChannel =>
  ctx.principal?.kind === 'client' ? SecurityCheckChannel.SELF_SERVICE : SecurityCheckChannel.CASEWORKER;

/** `count` distinct items of `items`, chosen with a cryptographic random source. */
function pick<T>(items: readonly T[], count: number): T[] {
  const pool = [...items];
  const chosen: T[] = [];
  while (chosen.length < count) chosen.push(pool.splice(randomInt(pool.length), 1)[0]);
  return chosen;
}

const challengeOf = (check: SecurityCheck): SecurityChallenge => ({
  id: check.id,
  contactId: check.contactId,
  channel: check.channel,
  pinPositions: [...check.pinPositions],
  questions: [...check.questions],
  expiresAt: check.expiresAt,
});

const CONTACT: AccessTarget<Contact> = { entity: Contact, subject: 'Contact', noun: 'Contact' };

/** The contact, if the caller may run a check with it (a client only themselves); hidden answers as missing. */
const verifiableContact = (ctx: RequestContext, tx: EntityManager, contactId: string) =>
  requireAccess(ctx, tx, CONTACT, contactId, 'verify', { lock: false, field: 'contactId' });

/**
 * SEC-4: picks two PIN positions and two of the seven questions, kept server side until answered
 * or expired. While an unanswered, unexpired challenge exists for the contact on this channel it
 * is given again, so asking repeatedly cannot shop for easier questions.
 */
export async function startSecurityCheck(ctx: RequestContext, contactId: string): Promise<SecurityChallenge> {
  const channel = channelOf(ctx);
  new InputProblems().check(isUuid(contactId), 'contactId', 'is not a valid id').throwIfAny();
  return ctx.dataSource.transaction(async (tx) => {
    const contact = await verifiableContact(ctx, tx, contactId);
    const account = await tx.findOne(SecurityAccount, { where: { contactId: contact.id }, lock: { mode: 'pessimistic_write' } });
    if (!account) throw notSetUpRefusal();
    const open = await tx
      .createQueryBuilder(SecurityCheck, 'sc')
      .where('sc.contact_id = :id AND sc.channel = :channel AND sc.result IS NULL AND sc.expires_at > :now', { id: contact.id, channel, now: ctx.now })
      .orderBy('sc.created_at', 'DESC')
      .getOne();
    if (open) return challengeOf(open);
    const check = await tx.save(tx.create(SecurityCheck, {
      contactId: contact.id,
      channel,
      pinPositions: pick([1, 2, 3, 4, 5, 6, 7], 2).sort((a, b) => a - b),
      questions: pick(MEMORABLE_QUESTIONS, 2).sort((a, b) => MEMORABLE_QUESTIONS.indexOf(a) - MEMORABLE_QUESTIONS.indexOf(b)),
      startedById: ctx.principal?.kind === 'staff' ? ctx.principal.staff.id : null,
      createdAt: ctx.now,
      expiresAt: new Date(ctx.now.getTime() + CHALLENGE_TTL_MS),
      result: null,
      answeredAt: null,
      verifiedUntil: null,
    }));
    return challengeOf(check);
  });
}

function validateAnswer(input: AnswerSecurityCheckInput): void {
  const problems = new InputProblems();
  problems.check(isUuid(input.checkId), 'checkId', 'is not a valid id');
  problems.check(input.pinDigits.length === 2 && input.pinDigits.every((digit) => /^[0-9]$/.test(digit)), 'pinDigits', 'must be two single digits');
  problems.check(Boolean(input.password?.trim()), 'password', 'is required');
  problems.check(input.password.length <= 100, 'password', 'is too long');
  problems.check(input.answers.length === 2, 'answers', 'must answer the two questions asked');
  input.answers.forEach((answer, i) => {
    problems.check(Boolean(answer.answer?.trim()), `answers[${i}].answer`, 'is required');
    problems.check(answer.answer.length <= 100, `answers[${i}].answer`, 'is too long');
  });
  problems.throwIfAny();
}

/**
 * SEC-4, SEC-5: checks the answers to a challenge. Caseworker checks ignore case and spacing;
 * self-service checks compare exactly. A blocked account fails every check. A failure counts
 * towards the block and ends any open verification; a pass resets the count and verifies the
 * contact for a while (hasPassedSecurityCheck). The outcome never says which part was wrong.
 */
export async function answerSecurityCheck(ctx: RequestContext, input: AnswerSecurityCheckInput): Promise<AnswerSecurityCheckPayload> {
  const channel = channelOf(ctx);
  validateAnswer(input);
  return ctx.dataSource.transaction(async (tx) => {
    const check = await tx.findOne(SecurityCheck, { where: { id: input.checkId }, lock: { mode: 'pessimistic_write' } });
    // Someone else's challenge, one of the other channel, or of a contact the caller may not see, answers as missing.
    const contactVisible = check ? await allows(ctx.ability, tx, CONTACT, check.contactId, 'verify') : false;
    if (!check || check.channel !== channel || !contactVisible) throw notFound('Security check');
    if (check.result) throw refuse(SecurityRefusal.CHECK_ALREADY_ANSWERED, 'This security check has already been answered; start a new one.');
    if (check.expiresAt.getTime() <= ctx.now.getTime()) {
      throw refuse(SecurityRefusal.CHECK_EXPIRED, 'This security check has expired; start a new one.');
    }
    const asked = new Set<MemorableQuestion>(check.questions);
    const answered = new Set(input.answers.map((answer) => answer.question));
    if (answered.size !== asked.size || [...answered].some((question) => !asked.has(question))) {
      new InputProblems().add('answers', `must answer exactly the questions asked: ${check.questions.join(', ')}`).throwIfAny();
    }
    const account = await tx.findOne(SecurityAccount, { where: { contactId: check.contactId }, lock: { mode: 'pessimistic_write' } });
    if (!account) throw notSetUpRefusal();

    const passed = !account.blocked && (await matches(ctx, account, check, input));
    check.result = passed ? SecurityCheckResult.PASSED : SecurityCheckResult.FAILED;
    check.answeredAt = ctx.now;
    check.verifiedUntil = passed ? new Date(ctx.now.getTime() + VERIFICATION_WINDOW_MS) : null;
    if (passed) {
      account.failedAttempts = 0;
    } else {
      account.failedAttempts += 1;
      if (account.failedAttempts >= MAX_FAILED_CHECKS && !account.blocked) {
        account.blocked = true;
        account.blockedAt = ctx.now;
      }
      await closeVerificationWindows(tx, account.contactId, ctx.now);
    }
    account.updatedAt = ctx.now;
    await tx.save(account);
    await tx.save(check);
    const justBlocked = !passed && account.blockedAt?.getTime() === ctx.now.getTime();
    await auditSecurity(ctx, tx, account.contactId, [
      {
        action: passed ? AuditAction.SECURITY_CHECK_PASSED : AuditAction.SECURITY_CHECK_FAILED,
        outcome: passed ? 'SUCCESS' : 'DENIED',
        details: { channel: check.channel, failedAttempts: account.failedAttempts },
      },
      ...(justBlocked ? [{ action: AuditAction.SECURITY_ACCOUNT_BLOCKED, details: { failedAttempts: account.failedAttempts } }] : []),
    ]);
    return {
      passed,
      blocked: account.blocked,
      failedAttempts: account.failedAttempts,
      attemptsRemaining: account.blocked ? 0 : MAX_FAILED_CHECKS - account.failedAttempts,
      verifiedUntil: check.verifiedUntil,
    };
  });
}

/** Every part is checked (no early exit), so timing does not tell which part was wrong. */
async function matches(ctx: RequestContext, account: SecurityAccount, check: SecurityCheck, input: AnswerSecurityCheckInput): Promise<boolean> {
  const caseSensitive = check.channel === SecurityCheckChannel.SELF_SERVICE;
  const pin = decryptPin(account.pinCipher, ctx.config.secretsKey, account.contactId);
  const pinOk = check.pinPositions.every((position, i) => pin[position - 1] === input.pinDigits[i]);
  const [passwordOk, ...answersOk] = await Promise.all([
    verifyPair(input.password, account.passwordHashes, caseSensitive),
    ...input.answers.map((answer) => verifyPair(answer.answer, account.answerHashes[answer.question], caseSensitive)),
  ]);
  return pinOk && passwordOk && answersOk.every(Boolean);
}

/** The contact's current verification window, if any (for the status field). */
export async function verifiedUntil(tx: EntityManager, contactIds: readonly string[], now: Date): Promise<Map<string, Date>> {
  const rows: { contact_id: string; until: Date }[] = await tx.query(
    `SELECT contact_id, max(verified_until) AS until FROM security_check
      WHERE contact_id = ANY($1::uuid[]) AND result = 'PASSED' AND verified_until > $2 GROUP BY contact_id`,
    [[...contactIds], now],
  );
  return new Map(rows.map((row) => [row.contact_id, new Date(row.until)]));
}
