import { firstFitting, snapshotSteps } from './chart-snapshot';

/** Encodes a canvas (a chart's `takeScreenshot()`) as a data URL under the hub's image limit. */
export function encodeSnapshot(canvas: HTMLCanvasElement): string | null {
  return firstFitting(snapshotSteps(canvas.width), (step) => {
    if (step.scale === 1) return canvas.toDataURL(step.type, step.quality);
    const out = document.createElement('canvas');
    out.width = Math.max(1, Math.round(canvas.width * step.scale));
    out.height = Math.max(1, Math.round(canvas.height * step.scale));
    const ctx = out.getContext('2d');
    if (!ctx) return canvas.toDataURL(step.type, step.quality);
    ctx.imageSmoothingQuality = 'high';
    ctx.drawImage(canvas, 0, 0, out.width, out.height);
    return out.toDataURL(step.type, step.quality);
  });
}
