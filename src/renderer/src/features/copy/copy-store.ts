import { create } from 'zustand';
import type { Follow, Result } from '../../../../shared/contract';
import type { FollowLog } from './copy-reducers';

/** A follow's latest reconciliation, and the fix on its way. */
export interface FollowReconcile {
  items: Result<'copy.reconcile'>['items'];
  checkedAt: number | null;
  status: 'loading' | 'ready' | 'error';
  error: string | null;
  /** The symbol whose fix was sent and not yet answered. */
  fixing: string | null;
}

export type CopyDetailTab = 'log' | 'reconcile';

interface CopyState {
  follows: Record<string, Follow>;
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: string | null;
  /** The follow whose log (or reconciliation) the panel shows. */
  selectedId: string | null;
  tab: CopyDetailTab;
  logs: Record<string, FollowLog>;
  reconciles: Record<string, FollowReconcile>;
  /** Follow ids with a pause, resume or stop on its way (their buttons wait). */
  busy: Record<string, true>;
}

/** Every follow with its live figures, the selected follow's log and reconciliation; fed by the copy feed. */
export const useCopy = create<CopyState>()(() => ({ follows: {}, status: 'idle', error: null, selectedId: null, tab: 'log', logs: {}, reconciles: {}, busy: {} }));
