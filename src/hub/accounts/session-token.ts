import crypto from 'node:crypto';

/** A new session token: 256 random bits, base64url. Only its hash is stored. */
export function newSessionToken(): string {
  return crypto.randomBytes(32).toString('base64url');
}

/** SHA-256 of a token, hex: what the sessions table keeps, so a stolen database signs no one in. */
export function tokenHash(token: string): string {
  return crypto.createHash('sha256').update(token, 'utf8').digest('hex');
}
