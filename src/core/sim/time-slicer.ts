/**
 * Cooperative slicing of long work on the host's event loop: `pause()` yields once the current
 * slice has run `budgetMs`, so no task blocks the host (and the hub it serves) for long.
 */
export interface TimeSlicer {
  pause(): Promise<void>;
}

export function createTimeSlicer(budgetMs = 20): TimeSlicer {
  let sliceStart = performance.now();
  return {
    async pause() {
      if (performance.now() - sliceStart < budgetMs) return;
      await new Promise<void>((resolve) => setImmediate(resolve));
      sliceStart = performance.now();
    },
  };
}
