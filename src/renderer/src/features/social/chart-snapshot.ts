import { SOCIAL_LIMITS } from '../../../../shared/social/social-types';

/** One way to encode a snapshot: a scale of the original and an image type. */
export interface SnapshotStep {
  scale: number;
  type: 'image/png' | 'image/jpeg';
  /** JPEG quality 0–1. */
  quality?: number;
}

/** Wider snapshots are scaled to this many pixels first: more is not readable in a feed. */
export const SNAPSHOT_MAX_WIDTH = 1280;

/** Bytes a base64 data URL decodes to (what the hub's 300 KB limit counts). */
export function dataUrlBytes(dataUrl: string): number {
  const comma = dataUrl.indexOf(',');
  const b64 = comma >= 0 ? dataUrl.slice(comma + 1) : dataUrl;
  const padding = b64.endsWith('==') ? 2 : b64.endsWith('=') ? 1 : 0;
  return Math.floor((b64.length * 3) / 4) - padding;
}

/**
 * The encodings to try, best first: a sharp PNG at up to SNAPSHOT_MAX_WIDTH, then JPEG at falling
 * quality and size until something fits under the limit.
 */
export function snapshotSteps(width: number): SnapshotStep[] {
  const base = width > SNAPSHOT_MAX_WIDTH ? SNAPSHOT_MAX_WIDTH / width : 1;
  return [
    { scale: base, type: 'image/png' },
    { scale: base, type: 'image/jpeg', quality: 0.9 },
    { scale: base, type: 'image/jpeg', quality: 0.75 },
    { scale: base * 0.75, type: 'image/jpeg', quality: 0.75 },
    { scale: base * 0.5, type: 'image/jpeg', quality: 0.7 },
    { scale: base * 0.35, type: 'image/jpeg', quality: 0.6 },
  ];
}

/** The first step's data URL that fits in `limit` bytes, or null when none does. */
export function firstFitting(steps: readonly SnapshotStep[], encode: (step: SnapshotStep) => string, limit: number = SOCIAL_LIMITS.imageBytes): string | null {
  for (const step of steps) {
    const url = encode(step);
    if (dataUrlBytes(url) <= limit) return url;
  }
  return null;
}
