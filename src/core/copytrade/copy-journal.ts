import { z } from 'zod';
import { GUARD_NAMES } from '../../shared/copy/copy-settings';
import { sideSchema } from '../../shared/trading/order';
import type { StoredLogEntry } from './copy-log-view';
import { pendingIntent, type Intent } from './copy-repository';

/**
 * One row per leader event for all its follows: the durable decision, compact so that hundreds
 * of follows cost one insert before their orders leave. It is spread into the ledger's tables
 * right after, or at the next start if the process died first.
 */
export interface JournalEntry {
  time: number;
  leaderSeq: number | null;
  leader: StoredLogEntry['leader'];
  decisions: JournalDecision[];
}

export interface JournalDecision {
  entry: StoredLogEntry;
  accountId: string;
  /** The book whose ideal the decision set, if any. */
  symbol: string | null;
  ideal: number;
  intents: Intent[];
}

const leg = z.tuple([z.string(), z.string(), sideSchema, z.number(), z.enum(['market', 'limit']), z.number().nullable(), z.boolean()]);
const decision = z.tuple([
  z.string(), // follow id
  z.string(), // account id
  z.int(), // log id
  z.enum(['copied', 'skipped', 'blocked', 'failed']),
  z.enum(GUARD_NAMES).nullable(),
  z.string(), // message
  z.string().nullable(), // symbol
  z.number(), // ideal
  z.array(leg),
]);
const journalSchema = z.object({
  t: z.int(),
  s: z.int().nullable(),
  l: z.object({ symbol: z.string(), side: sideSchema, qty: z.number(), price: z.number(), time: z.int(), positionQty: z.number() }).nullable(),
  d: z.array(decision),
});

export function encodeJournal(j: JournalEntry): string {
  return JSON.stringify({
    t: j.time,
    s: j.leaderSeq,
    l: j.leader,
    d: j.decisions.map((d) => [
      d.entry.followId,
      d.accountId,
      d.entry.id,
      d.entry.outcome,
      d.entry.guard,
      d.entry.message,
      d.symbol,
      d.ideal,
      d.intents.map((i) => [i.clientOrderId, i.symbol, i.side, i.qty, i.type, i.price, i.reduces]),
    ]),
  });
}

/** The entry as written; its intents as they were decided (pending, nothing filled). */
export function decodeJournal(text: string): JournalEntry {
  const j = journalSchema.parse(JSON.parse(text));
  return {
    time: j.t,
    leaderSeq: j.s,
    leader: j.l,
    decisions: j.d.map(([followId, accountId, logId, outcome, guard, message, symbol, ideal, legs]) => ({
      entry: { id: logId, followId, time: j.t, leaderSeq: j.s, leader: j.l, outcome, guard, message },
      accountId,
      symbol,
      ideal,
      intents: legs.map(([clientOrderId, sym, side, qty, type, price, reduces]) =>
        pendingIntent({ clientOrderId, followId, accountId, leaderSeq: j.s, createdAt: j.t, logId, symbol: sym, side, qty, type, price, reduces, leaderPrice: j.l?.price ?? null, leaderTime: j.l?.time ?? null }),
      ),
    })),
  };
}
