import { toApiError } from '../../api/api-client';
import { fieldsOf, type FieldErrors } from '../../api/field-errors';
import type { ErrorCode } from '../../../../shared/contract';
import { useActivity } from '../activity/activity-store';
import { useToasts } from '../toasts/toast-store';

/** What a social call gave: its value, or the error's code, message and field errors. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; code: ErrorCode; fields: FieldErrors | null; message: string };

/** Runs a call and turns a rejection into an Outcome (never throws). */
export async function attempt<T>(run: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await run() };
  } catch (e) {
    const error = toApiError(e);
    return { ok: false, code: error.code, fields: fieldsOf(error), message: error.message };
  }
}

export const toast = (kind: 'info' | 'success' | 'error', title: string, detail?: string): void => useToasts.getState().push({ kind, title, ...(detail ? { detail } : {}) });
export const logActivity = (level: 'info' | 'warn' | 'error', text: string): void => useActivity.getState().add(level, text);
