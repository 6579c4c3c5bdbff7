/** Deterministic pseudo-randomness: the same inputs always give the same history, book and ticks. */

/** A 32-bit mix of integers (lowbias32 finaliser per step), unsigned. */
export function hash32(...values: number[]): number {
  let h = 0x9e3779b9;
  for (const value of values) {
    // Split so values beyond 32 bits (timestamps, price ticks) still mix in fully.
    const low = value % 0x1_0000_0000 | 0;
    const high = Math.floor(value / 0x1_0000_0000) | 0;
    for (const part of [low, high]) {
      h = Math.imul(h ^ part, 0x7feb352d);
      h ^= h >>> 15;
      h = Math.imul(h, 0x846ca68b);
      h ^= h >>> 16;
    }
  }
  return h >>> 0;
}

/** A value in [0, 1) from the hash of its inputs. */
export function hash01(...values: number[]): number {
  return hash32(...values) / 0x1_0000_0000;
}

/** A stable number for a string (symbol names seed their own walks). */
export function seedOf(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** mulberry32: a small seeded generator for the live ticker. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 0x1_0000_0000;
  };
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A client order id like the ones Binance makes up when none is sent (22 alphanumerics). */
export function randomClientOrderId(next: () => number): string {
  let id = '';
  for (let i = 0; i < 22; i++) id += ALPHABET[Math.floor(next() * ALPHABET.length)];
  return id;
}
