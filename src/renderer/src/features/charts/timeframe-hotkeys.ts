import type { Timeframe } from '../../../../shared/market/timeframes';

/** Alt+1…6 set the active pane's timeframe, as traders expect from their terminal. */
export const TIMEFRAME_HOTKEYS: ReadonlyArray<[string, Timeframe]> = [
  ['1', '1m'],
  ['2', '5m'],
  ['3', '15m'],
  ['4', '1h'],
  ['5', '4h'],
  ['6', '1D'],
];
