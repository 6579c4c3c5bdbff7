import os from 'node:os';
import { Worker } from 'node:worker_threads';

/** One signature to check: the strategy's public key (base64url), the signed text, the signature. */
export type SignatureCheck = readonly [publicKey: string, text: string, signature: string];

/** Checks sent to a worker at a time. */
const BATCH = 1000;

/**
 * The worker's code, inline so it runs wherever the hub is bundled (no separate file to ship). It
 * verifies exactly as `createNodeStreamCrypto().verify` does: raw Ed25519 key from its JWK `x`, a
 * 64-byte signature, OpenSSL's one-shot verify.
 */
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const crypto = require('node:crypto');
const keys = new Map();
const keyOf = (x) => {
  let key = keys.get(x);
  if (key === undefined) {
    try { key = crypto.createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x }, format: 'jwk' }); } catch { key = null; }
    keys.set(x, key);
  }
  return key;
};
parentPort.on('message', ({ id, checks }) => {
  const ok = new Uint8Array(checks.length);
  for (let i = 0; i < checks.length; i++) {
    const [x, text, signature] = checks[i];
    const key = keyOf(x);
    const sig = Buffer.from(signature, 'base64url');
    ok[i] = key && sig.length === 64 && crypto.verify(null, Buffer.from(text, 'utf8'), key, sig) ? 1 : 0;
  }
  parentPort.postMessage({ id, ok }, [ok.buffer]);
});
`;

/** Worker threads a large import may use: the machine's cores, at most 4. */
export const signatureWorkers = (): number => Math.max(1, Math.min(4, os.availableParallelism()));

/**
 * Verifies many Ed25519 signatures on worker threads, so a backfill of tens of thousands of
 * events uses every core and the calling thread stays free. Workers live for this call only.
 * Resolves with 1 (valid) or 0 per check, in order.
 */
export async function verifySignatures(checks: readonly SignatureCheck[], workers = signatureWorkers()): Promise<Uint8Array> {
  const result = new Uint8Array(checks.length);
  if (checks.length === 0) return result;
  const batches = Math.ceil(checks.length / BATCH);
  const pool = Array.from({ length: Math.min(workers, batches) }, () => new Worker(WORKER_SOURCE, { eval: true }));
  let next = 0;
  try {
    await Promise.all(
      pool.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            const send = (): void => {
              if (next >= batches) return resolve();
              const id = next++;
              worker.postMessage({ id, checks: checks.slice(id * BATCH, (id + 1) * BATCH) });
            };
            worker.on('message', ({ id, ok }: { id: number; ok: Uint8Array }) => {
              result.set(ok, id * BATCH);
              send();
            });
            worker.once('error', reject);
            worker.once('exit', (code) => (next < batches || code !== 0 ? reject(new Error(`signature worker stopped (exit ${code})`)) : undefined));
            send();
          }),
      ),
    );
    return result;
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
}
