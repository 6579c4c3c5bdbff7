import type { Reconciliation } from '../../../../shared/trading/reconciliation';

/** Reconciliations kept per account: the panel shows recent history, older ones are an API call away. */
export const MAX_RECONCILIATIONS = 50;

const sameRun = (a: Reconciliation, b: Reconciliation): boolean => a.time === b.time && a.trigger === b.trigger;

/** Merges loaded or pushed reconciliations into an account's list: newest first, each run once. */
export function mergeReconciliations(current: readonly Reconciliation[], incoming: readonly Reconciliation[]): Reconciliation[] {
  const out = [...current];
  for (const r of incoming) if (!out.some((c) => sameRun(c, r))) out.push(r);
  return out.sort((a, b) => b.time - a.time).slice(0, MAX_RECONCILIATIONS);
}

/**
 * Differences the trader has not looked at: those of the latest reconciliation when it is newer
 * than the last one seen. An older run's differences were resolved by the newer run's check.
 */
export function unseenDifferences(list: readonly Reconciliation[] | undefined, seenTime: number | undefined): number {
  const latest = list?.[0];
  if (!latest || (seenTime !== undefined && latest.time <= seenTime)) return 0;
  return latest.differences.length;
}

/** "4 orders · 12 fills · 2 positions". */
export function checkedText(checked: Reconciliation['checked']): string {
  const n = (count: number, word: string): string => `${count} ${word}${count === 1 ? '' : 's'}`;
  return `${n(checked.orders, 'order')} · ${n(checked.fills, 'fill')} · ${n(checked.positions, 'position')}`;
}
