import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createBarRepository } from '../../../src/core/market/bar-repository';
import { silentLogger } from '../../../src/core/logging/file-logger';
import { openDatabase } from '../../../src/core/store/open-database';
import { tempDir } from '../../helpers/temp-dir';

const bar = (time: number, close = 1) => ({ time, open: close, high: close, low: close, close, volume: 1 });

describe('bar repository', () => {
  const repo = () => createBarRepository(openDatabase(path.join(tempDir(), 'profile.db'), { log: silentLogger }));

  it('returns the last bars before a time, ascending', () => {
    const r = repo();
    r.upsert('X', '1m', [bar(1), bar(2), bar(3), bar(4)]);
    expect(r.latestBefore('X', '1m', 4, 2).map((b) => b.time)).toEqual([2, 3]);
    expect(r.latestBefore('X', '1m', 100, 10).map((b) => b.time)).toEqual([1, 2, 3, 4]);
    expect(r.latestBefore('Y', '1m', 100, 10)).toEqual([]);
  });

  it('lets live and imported bars replace history, but never history replace them', () => {
    const r = repo();
    r.upsert('X', '1m', [bar(1, 10)]);
    r.insertMissing('X', '1m', [bar(1, 99), bar(2, 20)]);
    expect(r.latestBefore('X', '1m', 10, 10).map((b) => b.close)).toEqual([10, 20]);
    r.upsert('X', '1m', [bar(1, 11)]);
    expect(r.latestBefore('X', '1m', 2, 1)[0]?.close).toBe(11);
  });

  it('tracks covered spans, merging overlapping and adjacent ones, and reports the gaps', () => {
    const r = repo();
    expect(r.uncovered('X', '1m', 0, 100)).toEqual([{ from: 0, to: 100 }]);
    r.addCoverage('X', '1m', { from: 10, to: 20 });
    r.addCoverage('X', '1m', { from: 30, to: 40 });
    expect(r.uncovered('X', '1m', 0, 50)).toEqual([
      { from: 0, to: 10 },
      { from: 20, to: 30 },
      { from: 40, to: 50 },
    ]);
    r.addCoverage('X', '1m', { from: 20, to: 30 }); // adjacent on both sides: one span 10–40
    expect(r.uncovered('X', '1m', 0, 50)).toEqual([
      { from: 0, to: 10 },
      { from: 40, to: 50 },
    ]);
    expect(r.uncovered('X', '1m', 15, 35)).toEqual([]);
    expect(r.uncovered('X', '5m', 15, 35)).toEqual([{ from: 15, to: 35 }]);
  });
});

describe('bar retention', () => {
  it('prunes old bars of one timeframe and trims what counts as fetched, leaving others alone', () => {
    const r = createBarRepository(openDatabase(path.join(tempDir(), 'profile.db'), { log: silentLogger }));
    r.upsert('X', '1s', [bar(1_000), bar(2_000), bar(3_000)]);
    r.upsert('X', '1m', [bar(1_000)]);
    r.addCoverage('X', '1s', { from: 0, to: 4_000 });
    expect(r.pruneBefore('1s', 2_500)).toBe(2);
    expect(r.latestBefore('X', '1s', 10_000, 10).map((b) => b.time)).toEqual([3_000]);
    expect(r.latestBefore('X', '1m', 10_000, 10)).toHaveLength(1);
    expect(r.uncovered('X', '1s', 0, 4_000)).toEqual([{ from: 0, to: 2_500 }]);
  });
});
