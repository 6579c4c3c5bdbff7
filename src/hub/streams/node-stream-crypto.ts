import crypto, { type KeyObject } from 'node:crypto';
import type { Signer, StreamCrypto } from '../../shared/social/stream-chain';

/**
 * Node's implementation of the stream primitives (OpenSSL Ed25519 and SHA-256). Public keys are
 * parsed once and cached: a follower verifies every event of a strategy with the same key.
 */
export function createNodeStreamCrypto(): StreamCrypto {
  const keys = new Map<string, KeyObject | null>();
  const publicKey = (x: string): KeyObject | null => {
    let key = keys.get(x);
    if (key === undefined) {
      try {
        key = crypto.createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x }, format: 'jwk' });
      } catch {
        key = null;
      }
      if (keys.size > 10_000) keys.clear();
      keys.set(x, key);
    }
    return key;
  };
  return {
    sha256Hex: (text) => crypto.createHash('sha256').update(text, 'utf8').digest('hex'),
    verify(x, text, signature) {
      const key = publicKey(x);
      if (!key) return false;
      const sig = Buffer.from(signature, 'base64url');
      return sig.length === 64 && crypto.verify(null, Buffer.from(text, 'utf8'), key, sig);
    },
    strategyIdFor: (x) => strategyIdFor(x),
  };
}

/** `st_` + 24 base64url characters of SHA-256 over the raw 32-byte public key. */
export function strategyIdFor(publicKey: string): string {
  return `st_${crypto.createHash('sha256').update(Buffer.from(publicKey, 'base64url')).digest('base64url').slice(0, 24)}`;
}

/** A strategy's key pair: `privateKey` is the raw 32-byte seed, base64url — a secret. */
export interface StrategyKey {
  publicKey: string;
  privateKey: string;
  strategyId: string;
}

/** A new random key, or the key of a 32-byte seed (deterministic keys of simulated members). */
export function generateStrategyKey(seed?: Uint8Array): StrategyKey {
  const key = seed ? privateKeyFromSeed(Buffer.from(seed)) : crypto.generateKeyPairSync('ed25519').privateKey;
  const jwk = key.export({ format: 'jwk' });
  if (!jwk.x || !jwk.d) throw new Error('Ed25519 key without its parts');
  return { publicKey: jwk.x, privateKey: jwk.d, strategyId: strategyIdFor(jwk.x) };
}

/** Signs with a key from `generateStrategyKey` (its base64url seed). */
export function createSigner(key: Pick<StrategyKey, 'publicKey' | 'privateKey'>): Signer {
  const privateKey = crypto.createPrivateKey({ key: { kty: 'OKP', crv: 'Ed25519', x: key.publicKey, d: key.privateKey }, format: 'jwk' });
  return (text) => crypto.sign(null, Buffer.from(text, 'utf8'), privateKey).toString('base64url');
}

function privateKeyFromSeed(seed: Buffer): KeyObject {
  if (seed.length !== 32) throw new RangeError('an Ed25519 seed is 32 bytes');
  // PKCS#8 wrapping of a raw Ed25519 seed (RFC 8410).
  const der = Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]);
  return crypto.createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
}
