import { fieldErrors } from '../../../../shared/contract/errors';
import { guardsSchema, sizingSchema, type Guards, type Sizing } from '../../../../shared/copy/copy-settings';
import type { FieldErrors } from '../../api/field-errors';
import { parseNumber } from '../trading/order-math';

export type SizingMode = Sizing['mode'];

/** One row of the symbol map: the leader's symbol → mine. */
export interface SymbolMapRow {
  from: string;
  to: string;
}

/**
 * What the copy dialog's inputs hold, as typed. Percentages are in percent (60 for a 60 % stop-loss,
 * 50 for a take-profit at +50 %), blank optional guards are "no limit".
 */
export interface CopyFormInputs {
  accountId: string;
  allocation: string;
  mode: SizingMode;
  fixedBy: 'qty' | 'notional';
  fixedValue: string;
  factor: string;
  targetVolatilityPct: string;
  maxScale: string;
  stopLossPct: string;
  takeProfitPct: string;
  maxOpenPositions: string;
  maxPositionValue: string;
  maxLeverage: string;
  allowedSymbols: string;
  blockedSymbols: string;
  symbolMap: SymbolMapRow[];
  maxSlippageBps: string;
  slippageAction: Guards['slippageAction'];
  signalTtlSeconds: string;
  copyOpenPositions: boolean;
  reverse: boolean;
  closeOnly: boolean;
}

/** A follow's settings as `copy.whatIf`, `copy.follow` and `copy.update` take them. */
export interface CopySettings {
  allocation: number;
  sizing: Sizing;
  guards: Guards;
}

export type SettingsOutcome = { ok: true; value: CopySettings } | { ok: false; errors: FieldErrors };

/** Request paths of the guards shown under "Advanced" (collapsed unless one is set or wrong). */
export const ADVANCED_PATHS = [
  'guards.takeProfit',
  'guards.maxOpenPositions',
  'guards.maxPositionValue',
  'guards.maxLeverage',
  'guards.allowedSymbols',
  'guards.blockedSymbols',
  'guards.symbolMap',
  'guards.maxSlippageBps',
  'guards.slippageAction',
  'guards.signalTtlSeconds',
  'guards.copyOpenPositions',
  'guards.reverse',
  'guards.closeOnly',
] as const;

const DEFAULT_GUARDS: Guards = guardsSchema.parse({});

/** A number as an input shows it: no float noise (0.07 × 100 → 7, not 7.000000000000001). */
export const plain = (x: number): string => String(Number(x.toPrecision(12)));

const symbolList = (text: string): string[] =>
  text
    .split(/[\s,;]+/)
    .map((s) => s.trim().toUpperCase())
    .filter(Boolean);

/** The inputs showing a follow's settings (the edit dialog), or the defaults for a new one. */
export function inputsFromSettings(accountId: string, allocation: number | null, sizing: Sizing = { mode: 'proportional' }, guards: Guards = DEFAULT_GUARDS): CopyFormInputs {
  return {
    accountId,
    allocation: allocation === null ? '' : plain(allocation),
    mode: sizing.mode,
    fixedBy: sizing.mode === 'fixed' && sizing.notional !== undefined ? 'notional' : 'qty',
    fixedValue: sizing.mode === 'fixed' ? plain(sizing.qty ?? sizing.notional ?? 0) : '',
    factor: sizing.mode === 'multiplier' ? plain(sizing.factor) : '1',
    targetVolatilityPct: sizing.mode === 'risk' ? plain(sizing.targetVolatility * 100) : '15',
    maxScale: sizing.mode === 'risk' ? plain(sizing.maxScale) : '3',
    stopLossPct: guards.stopLoss === null ? '' : plain(guards.stopLoss * 100),
    takeProfitPct: guards.takeProfit === null ? '' : plain((guards.takeProfit - 1) * 100),
    maxOpenPositions: guards.maxOpenPositions === null ? '' : String(guards.maxOpenPositions),
    maxPositionValue: guards.maxPositionValue === null ? '' : plain(guards.maxPositionValue),
    maxLeverage: guards.maxLeverage === null ? '' : plain(guards.maxLeverage),
    allowedSymbols: guards.allowedSymbols?.join(', ') ?? '',
    blockedSymbols: guards.blockedSymbols.join(', '),
    symbolMap: Object.entries(guards.symbolMap).map(([from, to]) => ({ from, to })),
    maxSlippageBps: guards.maxSlippageBps === null ? '' : plain(guards.maxSlippageBps),
    slippageAction: guards.slippageAction,
    signalTtlSeconds: String(guards.signalTtlSeconds),
    copyOpenPositions: guards.copyOpenPositions,
    reverse: guards.reverse,
    closeOnly: guards.closeOnly,
  };
}

/** A suggested allocation: a tenth of what the account has free, in whole units. */
export function suggestedAllocation(freeEquity: number): number | null {
  const x = Math.floor(freeEquity * 0.1);
  return x > 0 ? x : null;
}

/** How many advanced guards differ from their defaults (shown on the collapsed section). */
export function advancedSetCount(f: CopyFormInputs): number {
  const d = inputsFromSettings(f.accountId, null);
  const keys = ['takeProfitPct', 'maxOpenPositions', 'maxPositionValue', 'maxLeverage', 'allowedSymbols', 'blockedSymbols', 'maxSlippageBps', 'signalTtlSeconds', 'copyOpenPositions', 'reverse', 'closeOnly'] as const;
  const changed = keys.filter((k) => String(f[k]).trim() !== String(d[k]));
  return changed.length + (f.symbolMap.some((r) => r.from.trim() || r.to.trim()) ? 1 : 0);
}

/** Whether an error concerns a field of the advanced section (so the section opens to show it). */
export const isAdvancedPath = (path: string): boolean => ADVANCED_PATHS.some((p) => path === p || path.startsWith(`${p}.`));

/** The allocation as a share of an equity, in percent; null when either is unknown. */
export function percentOf(allocation: number | undefined, equity: number | undefined): number | null {
  if (allocation === undefined || equity === undefined || !(equity > 0)) return null;
  return (allocation / equity) * 100;
}

/**
 * Reads the inputs into settings, with a message a trader understands per wrong field, keyed by
 * the request path the API would name (`allocation`, `sizing.factor`, `guards.stopLoss`,
 * `guards.symbolMap.BTC-USD`) so the API's own field errors land in the same places.
 */
export function readSettings(f: CopyFormInputs): SettingsOutcome {
  const errors: Record<string, string> = {};
  const num = (path: string, text: string, check: (x: number) => boolean, message: string, optional = true): number | null => {
    const t = text.trim();
    if (t === '') {
      if (!optional) errors[path] = message;
      return null;
    }
    const x = parseNumber(t);
    if (x === undefined || !check(x)) {
      errors[path] = message;
      return null;
    }
    return x;
  };

  const allocation = num('allocation', f.allocation, (x) => x > 0 && x <= 1e12, 'Enter an amount above 0', false);

  let sizing: unknown = { mode: f.mode };
  if (f.mode === 'fixed') {
    const path = `sizing.${f.fixedBy}`;
    const v = num(path, f.fixedValue, (x) => x > 0 && x <= 1e12, f.fixedBy === 'qty' ? 'Enter a quantity above 0' : 'Enter an amount above 0', false);
    sizing = { mode: 'fixed', [f.fixedBy]: v ?? undefined };
  } else if (f.mode === 'multiplier') {
    sizing = { mode: 'multiplier', factor: num('sizing.factor', f.factor, (x) => x > 0 && x <= 1000, 'A factor above 0, at most 1,000', false) ?? undefined };
  } else if (f.mode === 'risk') {
    const vol = num('sizing.targetVolatility', f.targetVolatilityPct, (x) => x >= 1 && x <= 200, 'From 1 % to 200 % a year', false);
    const scale = num('sizing.maxScale', f.maxScale, (x) => x > 0 && x <= 20, 'Above 0, at most 20', false);
    sizing = { mode: 'risk', targetVolatility: vol === null ? undefined : vol / 100, maxScale: scale ?? undefined };
  }

  const stopLoss = num('guards.stopLoss', f.stopLossPct, (x) => x > 0 && x < 100, 'Above 0 % and below 100 % of the allocation, or blank for none');
  const takeProfit = num('guards.takeProfit', f.takeProfitPct, (x) => x > 0 && x <= 9900, 'A gain above 0 %, or blank for none');
  const maxOpenPositions = num('guards.maxOpenPositions', f.maxOpenPositions, (x) => Number.isInteger(x) && x >= 1 && x <= 1000, 'A whole number from 1 to 1,000, or blank for no limit');
  const maxPositionValue = num('guards.maxPositionValue', f.maxPositionValue, (x) => x > 0 && x <= 1e12, 'An amount above 0, or blank for no limit');
  const maxLeverage = num('guards.maxLeverage', f.maxLeverage, (x) => x > 0 && x <= 100, 'Above 0, at most 100, or blank for no limit');
  const maxSlippageBps = num('guards.maxSlippageBps', f.maxSlippageBps, (x) => x >= 0 && x <= 10_000, 'From 0 to 10,000 bps, or blank for no bound');
  const ttl = num('guards.signalTtlSeconds', f.signalTtlSeconds, (x) => Number.isInteger(x) && x >= 1 && x <= 86_400, 'Whole seconds from 1 to 86,400', false);

  const symbolMap: Record<string, string> = {};
  f.symbolMap.forEach((row, i) => {
    const from = row.from.trim().toUpperCase();
    const to = row.to.trim().toUpperCase();
    if (!from && !to) return;
    const path = `guards.symbolMap.${from || `#${i}`}`;
    if (!from || !to) errors[path] = 'Give both symbols: the leader’s and yours';
    else if (from in symbolMap) errors[path] = `${from} is mapped twice`;
    else symbolMap[from] = to;
  });

  const guards = {
    stopLoss: stopLoss === null ? null : stopLoss / 100,
    takeProfit: takeProfit === null ? null : 1 + takeProfit / 100,
    maxOpenPositions,
    maxPositionValue,
    maxLeverage,
    allowedSymbols: f.allowedSymbols.trim() ? symbolList(f.allowedSymbols) : null,
    blockedSymbols: symbolList(f.blockedSymbols),
    symbolMap,
    maxSlippageBps,
    slippageAction: f.slippageAction,
    signalTtlSeconds: ttl ?? DEFAULT_GUARDS.signalTtlSeconds,
    copyOpenPositions: f.copyOpenPositions,
    reverse: f.reverse,
    closeOnly: f.closeOnly,
  };
  if (Object.keys(errors).length > 0) return { ok: false, errors };

  // The contract's own schemas have the last word (and give the exact types).
  const s = sizingSchema.safeParse(sizing);
  const g = guardsSchema.safeParse(guards);
  if (!s.success || !g.success) {
    for (const e of s.success ? [] : fieldErrors(s.error)) errors[`sizing.${e.path}`] ??= e.message;
    for (const e of g.success ? [] : fieldErrors(g.error)) errors[`guards.${e.path}`] ??= e.message;
    return { ok: false, errors };
  }
  return { ok: true, value: { allocation: allocation!, sizing: s.data, guards: g.data } };
}
