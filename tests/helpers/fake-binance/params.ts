import { type Amount, parseDecimal } from './decimal';
import { errors } from './errors';

/** Request parameters, always strings, as they arrived on the wire. */
export type Params = Readonly<Record<string, string>>;

export function optionalString(params: Params, name: string): string | undefined {
  const value = params[name];
  return value === undefined || value === '' ? undefined : value;
}

export function requiredString(params: Params, name: string): string {
  const value = optionalString(params, name);
  if (value === undefined) throw errors.mandatory(name);
  return value;
}

export function optionalInt(params: Params, name: string): number | undefined {
  const value = optionalString(params, name);
  if (value === undefined) return undefined;
  if (!/^-?\d{1,19}$/.test(value)) throw errors.illegalChars(name, '^[0-9]{1,20}$');
  return Number(value);
}

export function optionalDecimal(params: Params, name: string): Amount | undefined {
  const value = optionalString(params, name);
  if (value === undefined) return undefined;
  const parsed = parseDecimal(value);
  if (!parsed.ok) throw parsed.reason === 'precision' ? errors.precision() : errors.illegalChars(name, '^([0-9]{1,20})(\\.[0-9]{1,20})?$');
  return parsed.value;
}

export function optionalEnum<T extends string>(params: Params, name: string, values: readonly T[], error = () => errors.invalidValue(name)): T | undefined {
  const value = optionalString(params, name);
  if (value === undefined) return undefined;
  if (!(values as readonly string[]).includes(value)) throw error();
  return value as T;
}

/** `limit` with Binance's default and ceiling; out-of-range values are refused like Binance does. */
export function limitParam(params: Params, fallback: number, ceiling: number): number {
  const limit = optionalInt(params, 'limit') ?? fallback;
  if (limit < 1) throw errors.invalidValue('limit');
  return Math.min(limit, ceiling);
}

/** `symbols=["BTCUSDT","ETHUSDT"]` (a JSON array, as Binance takes it), or undefined. */
export function symbolsParam(params: Params): string[] | undefined {
  const raw = optionalString(params, 'symbols');
  if (raw === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw errors.illegalChars('symbols', '^\\[("[A-Z0-9-_.]{1,20}"(,"[A-Z0-9-_.]{1,20}"){0,}){0,1}\\]$');
  }
  if (!Array.isArray(parsed) || !parsed.every((s): s is string => typeof s === 'string')) throw errors.invalidValue('symbols');
  return parsed;
}

/** Binance rejects parameters an endpoint does not read (-1104). */
export function onlyKnown(params: Params, known: readonly string[]): void {
  const sent = Object.keys(params).filter((k) => k !== 'signature' && k !== 'timestamp' && k !== 'recvWindow');
  const unread = sent.filter((k) => !known.includes(k));
  if (unread.length > 0) throw errors.notAllRead(sent.length - unread.length, sent.length);
}
