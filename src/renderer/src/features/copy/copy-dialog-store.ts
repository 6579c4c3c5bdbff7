import { create } from 'zustand';
import type { FieldErrors } from '../../api/field-errors';
import type { CopyFormInputs } from './copy-form';
import type { WhatIf } from './what-if-view';

/** What the copy dialog does: start copying a strategy, or change a follow's settings. */
export type CopyDialogTarget = { mode: 'create'; strategyId: string; strategyName: string } | { mode: 'edit'; followId: string; strategyId: string; strategyName: string };

export const WHAT_IF_MONTHS = [1, 3, 6, 12] as const;
export type WhatIfMonths = (typeof WHAT_IF_MONTHS)[number];

export interface WhatIfState {
  months: WhatIfMonths;
  status: 'idle' | 'running' | 'ready' | 'error';
  result: WhatIf | null;
  /** The allocation the result was computed on (its P&L is against it). */
  allocation: number | null;
  error: string | null;
  /** The settings the result was computed with differ from the inputs now. */
  stale: boolean;
}

interface CopyDialogState {
  target: CopyDialogTarget | null;
  /** Counts openings, so each starts from fresh inputs. */
  opened: number;
  inputs: CopyFormInputs | null;
  /** By request path (`allocation`, `guards.stopLoss`…): the form's own checks and the API's. */
  errors: FieldErrors;
  /** An error that belongs to no field. */
  failure: string | null;
  busy: boolean;
  advancedOpen: boolean;
  whatIf: WhatIfState;
}

export const IDLE_WHAT_IF: WhatIfState = { months: 3, status: 'idle', result: null, allocation: null, error: null, stale: false };

/** The copy dialog's state: its target, the inputs as typed, errors, and the what-if. Business logic is in copy-dialog-actions. */
export const useCopyDialog = create<CopyDialogState>()(() => ({ target: null, opened: 0, inputs: null, errors: {}, failure: null, busy: false, advancedOpen: false, whatIf: IDLE_WHAT_IF }));
