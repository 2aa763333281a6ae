import { createCipheriv, createDecipheriv, randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import type { HashPair } from './security-account.entity';

/**
 * SEC-3: secrets are stored hashed (password, answers) or encrypted (PIN, whose digits must be
 * read back two at a time to check them). Nothing here logs, and no function returns a secret
 * except `decryptPin`, which only the check uses.
 */

// scrypt: N = 2^cost (config SECRETS_HASH_COST, 14 = 16 MiB by default), r = 8, p = 1; kept in each hash so it can be raised later.
const SCRYPT = { r: 8, p: 1, keyLength: 32, saltLength: 16 };

function scryptAsync(value: string, salt: Buffer, keyLength: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(value, salt, keyLength, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

/** scrypt needs 128 * N * r bytes (128 MiB at N = 2^17, r = 8); allow twice that. */
const memoryFor = (N: number, r: number) => 256 * N * r;
/** The highest cost a stored hash may name (2^20, 1 GiB): anything beyond is not one of ours. */
const MAX_N = 2 ** 20;

/** "scrypt$N$r$p$<salt>$<hash>" with a fresh random salt per value. */
export async function hashValue(value: string, cost: number): Promise<string> {
  const salt = randomBytes(SCRYPT.saltLength);
  const { r, p, keyLength } = SCRYPT;
  const N = 2 ** cost;
  const hash = await scryptAsync(value, salt, keyLength, { N, r, p, maxmem: memoryFor(N, r) });
  return ['scrypt', N, r, p, salt.toString('base64'), hash.toString('base64')].join('$');
}

export async function verifyValue(value: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const cost = { N: Number(n), r: Number(r), p: Number(p) };
  if (!(cost.N >= 2 && cost.N <= MAX_N && cost.r >= 1 && cost.r <= 16 && cost.p === 1)) return false;
  const actual = await scryptAsync(value, Buffer.from(salt, 'base64'), expected.length, { ...cost, maxmem: memoryFor(cost.N, cost.r) });
  return timingSafeEqual(actual, expected);
}

/**
 * SEC-4: what a check compares. Self service compares the value as the client recorded it
 * (case sensitive); a caseworker compares a folded form (case and spacing ignored). Both forms
 * are hashed at set up, because neither can be derived from the other's hash.
 */
export const exactForm = (value: string) => value.normalize('NFC').trim();
export const foldedForm = (value: string) => value.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();

export async function hashPair(value: string, cost: number): Promise<HashPair> {
  const [exact, folded] = await Promise.all([hashValue(exactForm(value), cost), hashValue(foldedForm(value), cost)]);
  return { exact, folded };
}

/** Checks a given value against the pair: exactly for self service, folded for a caseworker. */
export function verifyPair(value: string, pair: HashPair, caseSensitive: boolean): Promise<boolean> {
  return caseSensitive ? verifyValue(exactForm(value), pair.exact) : verifyValue(foldedForm(value), pair.folded);
}

/**
 * AES-256-GCM with a random 96-bit IV; the contact id is the additional authenticated data, so
 * a cipher copied to another contact's row does not decrypt. Format "v1.<iv>.<tag>.<data>".
 */
export function encryptPin(pin: string, key: Buffer, contactId: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(contactId, 'utf8'));
  const data = Buffer.concat([cipher.update(pin, 'utf8'), cipher.final()]);
  return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), data.toString('base64url')].join('.');
}

export function decryptPin(stored: string, key: Buffer, contactId: string): string {
  const [version, iv, tag, data] = stored.split('.');
  if (version !== 'v1') throw new Error('unknown PIN cipher version');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
  decipher.setAAD(Buffer.from(contactId, 'utf8'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
}
