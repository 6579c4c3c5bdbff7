import type { Bar } from '../../../../shared/market/bar';

/** Whether replaced history [from, to) reaches bars a chart holds (a chart holding none reloads too). */
export function historyTouches(bars: readonly Bar[], span: { from: number; to: number }): boolean {
  const first = bars[0];
  return !first || span.to > first.time;
}

/**
 * A chart's bars after a reload of its newest ones: older bars it paged in stay ahead of the
 * reloaded span; live bars that arrived during the reload and are newer than its answer go on top.
 */
export function mergeReloaded(current: readonly Bar[], fresh: readonly Bar[], liveSince: readonly Bar[]): Bar[] {
  const start = fresh[0]?.time ?? Infinity;
  const out = [...current.filter((b) => b.time < start), ...fresh];
  for (const bar of liveSince) {
    const last = out.at(-1);
    if (!last || bar.time > last.time) out.push(bar);
    else if (bar.time === last.time) out[out.length - 1] = bar;
  }
  return out;
}
