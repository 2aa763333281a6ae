import jwt, { type Algorithm, type JwtPayload } from 'jsonwebtoken';
import { createPublicKey, createSecretKey, type KeyObject } from 'node:crypto';
import type { AppConfig } from '../config';
import { unauthenticated } from '../common/errors';

export type PrincipalType = 'staff' | 'client';

/** What a verified token says: who (staff number, or contact id for self service), nothing more. */
export interface AccessTokenClaims {
  subject: string;
  principalType: PrincipalType;
}

type JwtSettings = AppConfig['jwt'];

/** Clock skew allowed between the token issuer and us. */
const CLOCK_TOLERANCE_SECONDS = 5;

const algorithmOf = (settings: JwtSettings): Algorithm => (settings.publicKey ? 'RS256' : 'HS256');

/**
 * The verification key, built once per configuration. Given a string, jsonwebtoken first tries
 * it as a public key on every call (and fails) before using it as a secret: ~0.3 ms a request.
 */
const keys = new WeakMap<JwtSettings, KeyObject>();
function verificationKey(settings: JwtSettings): KeyObject {
  let key = keys.get(settings);
  if (!key) {
    key = settings.publicKey ? createPublicKey(settings.publicKey) : createSecretKey(Buffer.from(settings.secret as string, 'utf8'));
    keys.set(settings, key);
  }
  return key;
}

/**
 * Verifies signature, algorithm (pinned: never taken from the token header), issuer, audience,
 * expiry and not-before. Any failure is UNAUTHENTICATED with no detail that helps forging.
 */
export function verifyAccessToken(settings: JwtSettings, token: string, now: Date): AccessTokenClaims {
  let payload: JwtPayload;
  try {
    const decoded = jwt.verify(token, verificationKey(settings), {
      algorithms: [algorithmOf(settings)],
      issuer: settings.issuer,
      audience: settings.audience,
      clockTimestamp: Math.floor(now.getTime() / 1000),
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
    });
    if (typeof decoded === 'string') throw new Error('string payload');
    payload = decoded;
  } catch {
    throw unauthenticated('The bearer token is invalid or expired.');
  }
  const principalType = payload.typ as PrincipalType;
  if (typeof payload.sub !== 'string' || !payload.sub || !['staff', 'client'].includes(principalType) || !payload.exp) {
    throw unauthenticated('The bearer token is invalid or expired.');
  }
  // A token issued in the future, or minted to live longer than allowed, is refused like a forged one.
  const nowSeconds = Math.floor(now.getTime() / 1000);
  if (typeof payload.iat !== 'number' || payload.iat > nowSeconds + CLOCK_TOLERANCE_SECONDS ||
    payload.exp - payload.iat > settings.maxLifetimeSeconds) {
    throw unauthenticated('The bearer token is invalid or expired.');
  }
  return { subject: payload.sub, principalType };
}

/** Signs a token with the shared secret; used by the development token command and tests. */
export function signAccessToken(
  settings: JwtSettings,
  claims: AccessTokenClaims,
  options: { expiresInSeconds?: number; now?: Date } = {},
): string {
  if (!settings.secret) throw new Error('signing needs JWT_SECRET (a public key can only verify)');
  const issuedAt = Math.floor((options.now ?? new Date()).getTime() / 1000);
  return jwt.sign({ typ: claims.principalType, iat: issuedAt, nbf: issuedAt }, settings.secret, {
    algorithm: 'HS256',
    subject: claims.subject,
    issuer: settings.issuer,
    audience: settings.audience,
    expiresIn: options.expiresInSeconds ?? 8 * 3600,
  });
}
