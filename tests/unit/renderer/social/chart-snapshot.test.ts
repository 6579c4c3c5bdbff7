import { describe, expect, it } from 'vitest';
import { SOCIAL_LIMITS } from '../../../../src/shared/social/social-types';
import { dataUrlBytes, firstFitting, SNAPSHOT_MAX_WIDTH, snapshotSteps, type SnapshotStep } from '../../../../src/renderer/src/features/social/chart-snapshot';

/** A data URL whose payload decodes to exactly `bytes` bytes. */
const urlOf = (bytes: number, type = 'image/png'): string => `data:${type};base64,${Buffer.alloc(bytes, 7).toString('base64')}`;

describe('chart snapshot size', () => {
  it('counts the decoded bytes of a base64 data URL, padding included', () => {
    for (const n of [0, 1, 2, 3, 4, 100, 307_200]) expect(dataUrlBytes(urlOf(n))).toBe(n);
  });

  it('tries a PNG first, then JPEG at falling quality and size', () => {
    const steps = snapshotSteps(1000);
    expect(steps[0]).toEqual({ scale: 1, type: 'image/png' });
    expect(steps.slice(1).every((s) => s.type === 'image/jpeg')).toBe(true);
    for (let i = 1; i < steps.length; i++) expect(steps[i]!.scale * (steps[i]!.quality ?? 1)).toBeLessThan(steps[i - 1]!.scale * (steps[i - 1]!.quality ?? 1));
  });

  it('scales a wide chart down to the readable width before anything else', () => {
    const [png] = snapshotSteps(2 * SNAPSHOT_MAX_WIDTH);
    expect(png!.scale).toBe(0.5);
  });

  it('keeps the sharp PNG when it fits the hub limit', () => {
    const tried: SnapshotStep[] = [];
    const url = firstFitting(snapshotSteps(900), (s) => (tried.push(s), urlOf(200_000, s.type)));
    expect(tried).toHaveLength(1);
    expect(url?.startsWith('data:image/png')).toBe(true);
  });

  it('falls back to the first JPEG step under the limit, and to nothing when none fits', () => {
    // A PNG of 500 KB; JPEG sizes shrink with scale × quality.
    const size = (s: SnapshotStep): number => (s.type === 'image/png' ? 500_000 : Math.round(420_000 * s.scale * s.scale * (s.quality ?? 1)));
    const steps = snapshotSteps(900);
    const url = firstFitting(steps, (s) => urlOf(size(s), s.type));
    const expected = steps.find((s) => size(s) <= SOCIAL_LIMITS.imageBytes)!;
    expect(url).toBe(urlOf(size(expected), 'image/jpeg'));
    expect(dataUrlBytes(url!)).toBeLessThanOrEqual(SOCIAL_LIMITS.imageBytes);
    expect(firstFitting(steps, () => urlOf(SOCIAL_LIMITS.imageBytes + 1))).toBeNull();
  });
});
