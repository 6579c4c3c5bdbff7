import crypto from 'node:crypto';

/** Prefix of every order the copy executor sends (the reserved `ist_` belongs to manual orders). */
export const COPY_CLIENT_ID_PREFIX = 'cp_';

/**
 * The client order id of one leg of a copy order: a hash of (follow, what it answers, leg), 33
 * characters of letters, digits, `_` and `-` (exchanges take ≤ 36). Deterministic, so after a
 * crash the same decision asks the broker for the same id and never sends a second order.
 */
export function copyClientOrderId(followId: string, cause: string | number, leg: number): string {
  const digest = crypto.hash('sha256', `${followId}|${cause}|${leg}`, 'base64url');
  return `${COPY_CLIENT_ID_PREFIX}${digest.slice(0, 30)}`;
}

export const isCopyClientOrderId = (id: string): boolean => id.startsWith(COPY_CLIENT_ID_PREFIX);
