import { randomFillSync } from 'node:crypto';

/**
 * A UUIDv7 (RFC 9562): 48 bits of Unix ms, then a counter and random bits. Ids made later sort
 * later, so B-tree indexes on them append at the right edge instead of touching random pages —
 * what keeps order and fill inserts cheap as the history grows.
 */
export function createTimeOrderedIds(now: () => number = Date.now): () => string {
  const random = Buffer.alloc(4096);
  let offset = random.length;
  let lastMs = 0;
  let counter = 0;
  return () => {
    const clockMs = Math.floor(now());
    if (clockMs > lastMs) {
      lastMs = clockMs;
      counter = 0;
    } else if (++counter > 0xfff) {
      // Same millisecond (or the clock stepped back): the 12-bit counter keeps order, then the next ms is borrowed.
      lastMs++;
      counter = 0;
    }
    if (offset + 8 > random.length) {
      randomFillSync(random);
      offset = 0;
    }
    const b = Buffer.alloc(16);
    b.writeUIntBE(lastMs, 0, 6);
    b[6] = 0x70 | (counter >> 8);
    b[7] = counter & 0xff;
    random.copy(b, 8, offset, offset + 8);
    offset += 8;
    b[8] = (b[8]! & 0x3f) | 0x80;
    const hex = b.toString('hex');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  };
}
