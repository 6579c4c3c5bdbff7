import crypto from 'node:crypto';

export type IdPrefix = 'u' | 'p' | 'c' | 'n' | 'i' | 's';

/** `prefix_` and 22 base64url characters of 128 random bits: unguessable, as the wire ids require. */
export function randomId(prefix: IdPrefix): string {
  return `${prefix}_${crypto.randomBytes(16).toString('base64url')}`;
}
