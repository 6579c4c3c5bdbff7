import { useEffect } from 'react';
import type { ApiClient } from '../../api/api-client';
import { usePalette } from '../command-palette/palette-store';
import { useAccountDialog } from '../accounts/account-dialog-store';
import { useConfirm } from './confirm-store';
import { useHotkeys } from './hotkey-store';
import { matchHotkey } from './hotkeys';
import { runHotkeyAction } from './hotkey-actions';

/** Typing in a field must never trade: hotkeys are off while one has the focus. */
export function isEditableTarget(target: unknown): boolean {
  const el = target as { isContentEditable?: unknown; tagName?: unknown } | null;
  if (!el || typeof el.tagName !== 'string') return false;
  if (el.isContentEditable === true) return true;
  return el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT';
}

/** Listens for the trading hotkeys on the whole window. */
export function useTradingHotkeys(api: ApiClient): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.defaultPrevented || e.repeat || isEditableTarget(e.target)) return;
      if (useHotkeys.getState().capturing || usePalette.getState().open || useConfirm.getState().request || useAccountDialog.getState().view) return;
      const action = matchHotkey(useHotkeys.getState().bindings, e);
      if (!action) return;
      e.preventDefault();
      void runHotkeyAction(api, action);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [api]);
}
