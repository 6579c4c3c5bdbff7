import { describe, expect, it } from 'vitest';
import { createNodeStreamCrypto, createSigner, generateStrategyKey } from '../../../src/hub';
import { verifySignatures, type SignatureCheck } from '../../../src/hub/streams/signature-pool';

describe('signature pool', () => {
  it('agrees with the stream crypto on valid, altered, foreign and malformed signatures', async () => {
    const key = generateStrategyKey();
    const other = generateStrategyKey();
    const sign = createSigner(key);
    const checks: SignatureCheck[] = [];
    for (let i = 0; i < 2500; i++) {
      const text = `IST-STREAM-1\n{"seq":${i}}`;
      const sig = sign(text);
      if (i % 500 === 1) checks.push([key.publicKey, `${text} `, sig]);
      else if (i % 500 === 2) checks.push([other.publicKey, text, sig]);
      else if (i % 500 === 3) checks.push([key.publicKey, text, 'A'.repeat(86)]);
      else if (i % 500 === 4) checks.push(['not-a-key', text, sig]);
      else checks.push([key.publicKey, text, sig]);
    }
    const crypto = createNodeStreamCrypto();
    const ok = await verifySignatures(checks, 2);
    expect([...ok]).toEqual(checks.map(([x, text, sig]) => (crypto.verify(x, text, sig) ? 1 : 0)));
    expect(ok.filter((v) => v === 0).length).toBe(20);
    expect(await verifySignatures([], 2)).toEqual(new Uint8Array());
  });
});
