/**
 * Measurements the benchmarks read from the page (bench/chart.bench.ts). Pane paints are marked
 * always (cheap, once per load); tick latencies are only kept when a bench installs
 * `window.__istPerf` before the app starts.
 */
declare global {
  interface Window {
    __istPerf?: { tickLatencies: number[] };
  }
}

/**
 * Marks the frame in which a pane first drew its bars: `performance.getEntriesByName('ist:pane-painted')`.
 * The chart scheduled its drawing for this frame when it got the data; this callback runs after it.
 */
export function markPanePainted(paneId: string): void {
  requestAnimationFrame(() => performance.mark('ist:pane-painted', { detail: paneId }));
}

/** Marks a step of start-up (`ist:workspace-loaded`, `ist:pane-bars`…) for the benches to read. */
export function markPhase(name: string, detail?: string): void {
  performance.mark(`ist:${name}`, detail === undefined ? undefined : { detail });
}

export const tickProbe = {
  enabled: (): boolean => typeof window !== 'undefined' && window.__istPerf !== undefined,
  /** Arrival of a market event to the end of the frame callback that drew it, in ms. */
  record(ms: number): void {
    window.__istPerf?.tickLatencies.push(ms);
  },
};
