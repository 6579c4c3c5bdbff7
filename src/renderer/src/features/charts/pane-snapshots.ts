/** Each live pane's screenshot function by pane id, for "Attach chart" in the post composer. */
const panes = new Map<string, () => HTMLCanvasElement>();

export const paneSnapshots = {
  register(paneId: string, take: () => HTMLCanvasElement): () => void {
    panes.set(paneId, take);
    return () => void panes.delete(paneId);
  },
  /** The pane as drawn now (series, scales, legend-free), or null when it is not on screen. */
  take(paneId: string): HTMLCanvasElement | null {
    return panes.get(paneId)?.() ?? null;
  },
};
