/**
 * `items` in ascending time, ties in the order they were recorded; the input itself when it is
 * already in order, which is the usual case and costs one scan.
 */
export function byTime<T extends { time: number }>(items: readonly T[]): readonly T[] {
  for (let i = 1; i < items.length; i++) {
    // Array.prototype.sort is stable, so equal times keep their recorded order.
    if (items[i]!.time < items[i - 1]!.time) return [...items].sort((a, b) => a.time - b.time);
  }
  return items;
}
