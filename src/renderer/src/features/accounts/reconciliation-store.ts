import { create } from 'zustand';
import type { Reconciliation } from '../../../../shared/trading/reconciliation';
import { mergeReconciliations } from './reconciliation-reducers';

interface ReconciliationState {
  /** Live accounts' reconciliations, newest first, by account id. */
  byAccount: Readonly<Record<string, readonly Reconciliation[]>>;
  /** Time of the newest reconciliation the trader has seen, by account id (this session). */
  seen: Readonly<Record<string, number>>;
  merge(accountId: string, list: readonly Reconciliation[]): void;
  markSeen(accountId: string): void;
}

/** What the live accounts' reconciliations with their exchanges found, kept live by the live-account feed. */
export const useReconciliations = create<ReconciliationState>()((set, get) => ({
  byAccount: {},
  seen: {},
  merge(accountId, list) {
    const current = get().byAccount[accountId] ?? [];
    set({ byAccount: { ...get().byAccount, [accountId]: mergeReconciliations(current, list) } });
  },
  markSeen(accountId) {
    const latest = get().byAccount[accountId]?.[0];
    if (!latest || get().seen[accountId] === latest.time) return;
    set({ seen: { ...get().seen, [accountId]: latest.time } });
  },
}));
