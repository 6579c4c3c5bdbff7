/**
 * Crosshair and time-range sync between the panes of a layout, as TradingView does: the pane the
 * user touches broadcasts; the others follow without echoing back.
 */
export interface SyncTarget {
  showCrosshair(time: number | null): void;
  setVisibleRange(range: { from: number; to: number }): void;
}

const targets = new Map<string, SyncTarget>();

export const chartSync = {
  register(paneId: string, target: SyncTarget): () => void {
    targets.set(paneId, target);
    return () => void targets.delete(paneId);
  },
  crosshair(from: string, time: number | null): void {
    for (const [id, t] of targets) if (id !== from) t.showCrosshair(time);
  },
  range(from: string, range: { from: number; to: number }): void {
    for (const [id, t] of targets) if (id !== from) t.setVisibleRange(range);
  },
};
