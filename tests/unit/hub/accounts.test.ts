import { describe, expect, it } from 'vitest';
import { AVATAR_COLORS, avatarColorFor } from '../../../src/hub/accounts/avatar-colors';
import { DECOY_HASH, hashPassword, verifyPassword } from '../../../src/hub/accounts/password-hash';
import { newSessionToken, tokenHash } from '../../../src/hub/accounts/session-token';
import { redactFields } from '../../../src/hub/logging/redact';

describe('passwords', () => {
  it('hash with scrypt and a per-user salt, and verify only the right password', async () => {
    const a = await hashPassword('correct horse');
    const b = await hashPassword('correct horse');
    expect(a).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('correct horse', a)).toBe(true);
    expect(await verifyPassword('correct horsf', a)).toBe(false);
    expect(await verifyPassword('anything', DECOY_HASH)).toBe(false);
    expect(await verifyPassword('anything', 'md5$abc')).toBe(false);
  });
});

describe('session tokens', () => {
  it('are 256 random bits, stored as SHA-256', () => {
    const t = newSessionToken();
    expect(t).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(newSessionToken()).not.toBe(t);
    expect(tokenHash(t)).toMatch(/^[0-9a-f]{64}$/);
    expect(tokenHash(t)).toBe(tokenHash(t));
  });
});

describe('avatar colours', () => {
  it('give a username the same palette colour every time, spread over the palette', () => {
    expect(avatarColorFor('alice')).toBe(avatarColorFor('alice'));
    const used = new Set(Array.from({ length: 200 }, (_, i) => avatarColorFor(`user${i}`)));
    expect([...used].every((c) => (AVATAR_COLORS as readonly string[]).includes(c))).toBe(true);
    expect(used.size).toBe(AVATAR_COLORS.length);
  });
});

describe('log redaction', () => {
  it('hides secret-looking fields at any depth', () => {
    expect(redactFields({ user: 'a', password: 'p', nested: { token: 't', list: [{ apiSecret: 's' }] } })).toEqual({ user: 'a', password: '[redacted]', nested: { token: '[redacted]', list: [{ apiSecret: '[redacted]' }] } });
  });
});
