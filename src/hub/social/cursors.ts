import { ApiError } from '../../shared/contract/errors';

/**
 * Page cursors. They are opaque to clients; inside, each is the sort key of the last item of the
 * page (keyset paging), so a page never repeats or skips an item because others were added above it.
 */

/** Position in a list ordered by (createdAt, id): chronological feeds, comments. */
export interface TimeCursor {
  at: number;
  id: string;
}

/** Position in the trending list: scores are taken as of `asOf` for every page of one listing. */
export interface TrendingCursor {
  asOf: number;
  score: number;
  id: string;
}

const ID = /^[a-z]_[A-Za-z0-9_-]{6,40}$/;
const INT = /^\d{1,16}$/;

export function badCursor(): ApiError {
  return new ApiError('INVALID_PARAMS', 'This page cursor was not made by this hub for this list: start again from the first page', { fields: [{ path: 'cursor', message: 'not a cursor of this list' }] });
}

export function encodeTimeCursor(c: TimeCursor): string {
  return `t.${c.at}.${c.id}`;
}

export function decodeTimeCursor(text: string): TimeCursor {
  const [kind, at, id, extra] = text.split('.');
  if (kind !== 't' || extra !== undefined || !at || !INT.test(at) || !id || !ID.test(id)) throw badCursor();
  return { at: Number(at), id };
}

export function encodeTrendingCursor(c: TrendingCursor): string {
  return `s.${c.asOf}.${c.score}.${c.id}`;
}

export function decodeTrendingCursor(text: string): TrendingCursor {
  const parts = text.split('.');
  // A score may itself contain a dot: s.<asOf>.<int>.<fraction>.<id>, or use an exponent.
  if (parts.length < 4 || parts[0] !== 's') throw badCursor();
  const asOf = parts[1]!;
  const id = parts.at(-1)!;
  const score = Number(parts.slice(2, -1).join('.'));
  if (!INT.test(asOf) || !ID.test(id) || !Number.isFinite(score) || score < 0) throw badCursor();
  return { asOf: Number(asOf), score, id };
}

/** Position in a list ordered by an integer sequence (notifications). */
export function encodeSeqCursor(seq: number): string {
  return `n.${seq}`;
}

export function decodeSeqCursor(text: string): number {
  const [kind, seq, extra] = text.split('.');
  if (kind !== 'n' || extra !== undefined || !seq || !INT.test(seq)) throw badCursor();
  return Number(seq);
}
