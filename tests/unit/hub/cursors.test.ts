import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeSeqCursor, decodeTimeCursor, decodeTrendingCursor, encodeSeqCursor, encodeTimeCursor, encodeTrendingCursor } from '../../../src/hub/social/cursors';

const id = fc.stringMatching(/^p_[A-Za-z0-9_-]{6,40}$/);

describe('feed cursors', () => {
  it('round-trip the keyset of a chronological page', () => {
    fc.assert(
      fc.property(fc.nat(8.64e15), id, (at, postId) => {
        expect(decodeTimeCursor(encodeTimeCursor({ at, id: postId }))).toEqual({ at, id: postId });
      }),
    );
  });

  it('round-trip a trending position exactly, whatever the score looks like as text', () => {
    const score = fc.double({ min: 0, max: 1e6, noNaN: true, noDefaultInfinity: true });
    fc.assert(
      fc.property(fc.nat(8.64e15), score, id, (asOf, s, postId) => {
        const back = decodeTrendingCursor(encodeTrendingCursor({ asOf, score: s, id: postId }));
        expect(back).toEqual({ asOf, score: s, id: postId });
      }),
    );
    expect(decodeTrendingCursor(encodeTrendingCursor({ asOf: 1, score: 1.5e-7, id: 'p_abcdefgh' })).score).toBe(1.5e-7);
  });

  it('round-trip a notification sequence', () => {
    expect(decodeSeqCursor(encodeSeqCursor(42))).toBe(42);
  });

  it('refuse what they did not make, with INVALID_PARAMS on the cursor field', () => {
    for (const bad of ['', 'garbage', 't.12', 't.x.p_abcdefgh', 't.12.p_abcdefgh.extra', 's.1.2', 'n.-1', 'n.1.2', 'x.1.p_abcdefgh', 's.1.NaN.p_abcdefgh', 's.1.-3.p_abcdefgh']) {
      const decode = bad.startsWith('s') ? decodeTrendingCursor : bad.startsWith('n') ? decodeSeqCursor : decodeTimeCursor;
      expect(() => decode(bad), bad).toThrow(expect.objectContaining({ code: 'INVALID_PARAMS', data: { fields: [{ path: 'cursor', message: 'not a cursor of this list' }] } }));
    }
  });
});
