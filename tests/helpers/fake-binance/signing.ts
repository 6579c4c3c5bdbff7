import { createHmac, timingSafeEqual } from 'node:crypto';
import type { ServerClock } from './clock';
import { BinanceError, errors } from './errors';

export interface Credentials {
  apiKey: string;
  secret: string;
  /** false simulates a read-only key: reads pass, trading is refused with -2015. */
  canTrade: boolean;
}

export function hmacHex(secret: string, payload: string): string {
  return createHmac('sha256', secret).update(payload).digest('hex');
}

function sameHex(a: string, b: string): boolean {
  const left = Buffer.from(a.toLowerCase());
  const right = Buffer.from(b.toLowerCase());
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * What Binance signs for REST: the query string and the body exactly as sent (still
 * percent-encoded), concatenated, with the `signature` parameter taken out.
 */
export function restSignedPayload(rawQuery: string, rawBody: string): string {
  const strip = (raw: string) =>
    raw
      .split('&')
      .filter((part) => part !== '' && !part.startsWith('signature='))
      .join('&');
  return strip(rawQuery) + strip(rawBody);
}

/** What the WebSocket API signs: every param but `signature`, sorted by name, `k=v` joined by `&`, unencoded. */
export function wsSignedPayload(params: Readonly<Record<string, string>>): string {
  return Object.keys(params)
    .filter((key) => key !== 'signature')
    .sort()
    .map((key) => `${key}=${params[key]}`)
    .join('&');
}

export function checkApiKey(apiKey: string | undefined, credentials: Credentials): void {
  if (apiKey === undefined || apiKey === '') throw errors.apiKeyFormat();
  if (apiKey !== credentials.apiKey) throw errors.rejectedKey();
}

/**
 * Binance's checks on a SIGNED request, in its order: key, mandatory params, recvWindow bound,
 * timestamp window against the server clock, then the signature.
 */
export function verifySigned(input: { apiKey: string | undefined; params: Readonly<Record<string, string>>; payload: string; credentials: Credentials; clock: ServerClock }): void {
  const { params, credentials } = input;
  checkApiKey(input.apiKey, credentials);
  const timestampText = params['timestamp'];
  if (timestampText === undefined || !/^\d+$/.test(timestampText)) throw errors.mandatory('timestamp');
  const signature = params['signature'];
  if (signature === undefined || signature === '') throw errors.mandatory('signature');
  const recvWindowText = params['recvWindow'] ?? '5000';
  if (!/^\d+(\.\d+)?$/.test(recvWindowText)) throw errors.illegalChars('recvWindow', '^[0-9]{1,20}$');
  const recvWindow = Number(recvWindowText);
  if (recvWindow > 60_000) throw errors.recvWindowTooLarge();
  const timestamp = Number(timestampText);
  const serverTime = input.clock.now();
  if (timestamp >= serverTime + 1000) throw errors.timestampAhead();
  if (serverTime - timestamp > recvWindow) throw errors.timestampOutside();
  if (!sameHex(signature, hmacHex(credentials.secret, input.payload))) throw errors.badSignature();
}

export function requireTrading(credentials: Credentials): void {
  if (!credentials.canTrade) throw errors.rejectedKey();
}

export function isBinanceError(error: unknown): error is BinanceError {
  return error instanceof BinanceError;
}
